package io.synapsedb.health;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.postgresql.util.PSQLException;

/**
 * Tells failures that say a node or the connection to it is unhealthy from errors about a
 * statement: only the first kind counts against a node's circuit breaker, so one application's bad
 * input never makes a node unavailable to everyone.
 *
 * <ul>
 *   <li>An error the server reported (a pgJDBC exception carrying the server's message) judges
 *       the statement or the session, whatever its SQLState: a syntax error, a unique violation,
 *       a protocol error caused by the statement's text ({@code 08P01} for a NUL byte), a wrong
 *       password. Only the states by which a server says that it is going away or cannot take
 *       more sessions count: {@code 57P01..03} (shutdown, crash, starting up) and {@code 53300}
 *       (too many connections).</li>
 *   <li>Otherwise (the client noticed it) a broken or refused connection counts: socket errors,
 *       an end of stream, SQLState class {@code 08}, and the connection exceptions of JDBC and
 *       the pool; but not {@code 08003} (a connection used after the pool closed it: whatever
 *       closed it was judged when it happened) nor {@code 08004} (the client refused the server's
 *       authentication method for want of a password: configuration, not health).</li>
 * </ul>
 */
public final class ConnectionFailures {

    /** Server-reported states that say the server itself is unavailable. */
    private static final Set<String> SERVER_UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "53300");

    private ConnectionFailures() {
    }

    /** True when {@code e} (or a cause) says the node or the connection to it failed. */
    public static boolean isConnectionFailure(Throwable e) {
        PSQLException reported = serverReported(e);
        if (reported != null) {
            return SERVER_UNAVAILABLE.contains(reported.getSQLState());
        }
        boolean broken = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String state = t instanceof SQLException s ? s.getSQLState() : null;
            if ("08003".equals(state) || "08004".equals(state)) {
                return false; // however the pool or the driver wrapped it
            }
            broken |= t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof java.net.SocketException || t instanceof java.io.EOFException
                    || (state != null && state.startsWith("08"));
            if (t.getCause() == t) {
                break;
            }
        }
        return broken;
    }

    /** The first error in the chain that the server itself reported, or {@code null}. */
    private static PSQLException serverReported(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return p;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
