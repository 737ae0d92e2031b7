package io.synapsedb.core;

import io.synapsedb.core.SqlStates;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** The driver's own errors, one place for their SQLStates. */
public final class Errors {

    private Errors() {
    }

    /** 0A000: the statement needs a cross-group plan the driver does not have (yet). */
    public static SQLFeatureNotSupportedException notSupported(String message) {
        return new SQLFeatureNotSupportedException(message, SqlStates.FEATURE_NOT_SUPPORTED);
    }

    /**
     * Checks statement text before anything else reads it: null is {@code 42601}; a NUL character
     * is {@code 22021}, because the protocol cannot carry it (PostgreSQL answers {@code 08P01},
     * and the pool then drops the connection as broken).
     */
    public static String sqlText(String sql) throws SQLException {
        if (sql == null) {
            throw new SQLException("SQL text is null", SqlStates.SYNTAX_ERROR);
        }
        int nul = sql.indexOf('\0');
        if (nul >= 0) {
            throw new SQLException("statement text contains a NUL character (0x00) at offset " + nul
                    + ", which PostgreSQL cannot receive; nothing was run", SqlStates.CHARACTER_NOT_IN_REPERTOIRE);
        }
        return sql;
    }

    public static SQLException closed(String what) {
        return new SQLException(what + " is closed", SqlStates.CONNECTION_DOES_NOT_EXIST);
    }

    public static SQLException statementClosed() {
        return new SQLException("statement is closed", SqlStates.FUNCTION_SEQUENCE_ERROR);
    }
}
