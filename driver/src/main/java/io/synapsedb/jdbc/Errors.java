package io.synapsedb.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** The driver's own errors, one place for their SQLStates. */
final class Errors {

    private Errors() {
    }

    /** 0A000: the statement needs a cross-group plan the driver does not have (yet). */
    static SQLFeatureNotSupportedException notSupported(String message) {
        return new SQLFeatureNotSupportedException(message, "0A000");
    }

    static SQLException closed(String what) {
        return new SQLException(what + " is closed", "08003");
    }

    static SQLException statementClosed() {
        return new SQLException("statement is closed", "HY010");
    }
}
