package io.synapsedb.health;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells connection failures (the node is unreachable or went away) from SQL errors (a unique
 * violation, a syntax error): only the first kind counts against a node's circuit breaker.
 */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** True when {@code e} (or a cause) says the connection to the node failed. */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                if (state != null && (state.startsWith("08")
                        || state.equals("57P01")     // admin_shutdown
                        || state.equals("57P02")     // crash_shutdown
                        || state.equals("57P03"))) { // cannot_connect_now
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
