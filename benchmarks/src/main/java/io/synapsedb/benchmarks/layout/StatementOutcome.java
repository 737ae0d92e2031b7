package io.synapsedb.benchmarks.layout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** What PostgreSQL answers to one statement, for the report: the rows it touched, or its error. */
final class StatementOutcome {

    /** A statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private StatementOutcome() {
    }

    /** Runs {@code sql} (autocommit) and says what happened: {@code "0 rows, no error"} or the error. */
    static String of(Connection c, String sql, Binder binder) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            if (ps.execute()) {
                int n = 0;
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        n++;
                    }
                }
                return n + (n == 1 ? " row" : " rows") + ", no error";
            }
            int n = ps.getUpdateCount();
            return n + (n == 1 ? " row" : " rows") + ", no error";
        } catch (SQLException e) {
            return error(e);
        }
    }

    /** {@code SQLSTATE: message} with the constraint PostgreSQL names, if any. */
    static String error(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        message = message.startsWith("ERROR: ") ? message.substring(7) : message;
        String constraint = null;
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            constraint = m == null ? null : m.getConstraint();
        }
        return e.getSQLState() + ": " + message + (constraint == null ? "" : " [constraint " + constraint + "]");
    }
}
