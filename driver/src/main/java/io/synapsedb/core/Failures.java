package io.synapsedb.core;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one place that tells what a failure means, for every retry, breaker and translation
 * decision of the driver. It reads SQLStates and the fields of the server's error
 * ({@link ServerErrorMessage}), never message text.
 */
public final class Failures {

    /** What a failure says. */
    public enum Kind {
        /**
         * The node or the connection to it failed (it counts against the node's breaker; a commit
         * in flight has an unknown outcome).
         */
        CONNECTION,
        /**
         * A write reached a group that does not own the row's slot: the server's partition routing
         * refused the row. The catalog is stale; refresh it and route again.
         */
        STALE_ROUTE,
        /** A relation the statement names does not exist (a slot's partition that moved among them). */
        UNDEFINED_TABLE,
        /** The transaction was rolled back (serialization failure, deadlock): a retry is safe. */
        RETRY_SAFE,
        /** Anything else: an error about the statement itself, the application's to handle. */
        STATEMENT
    }

    /** Server-reported states that say the server itself is unavailable. */
    private static final Set<String> SERVER_UNAVAILABLE = Set.of(SqlStates.ADMIN_SHUTDOWN, SqlStates.CRASH_SHUTDOWN,
            SqlStates.CANNOT_CONNECT_NOW, SqlStates.TOO_MANY_CONNECTIONS);

    /** The server function that refuses a row no partition takes (execPartition.c). */
    private static final String NO_PARTITION_FOR_ROW = "ExecFindPartition";

    private Failures() {
    }

    /** What {@code e} says. */
    public static Kind classify(Throwable e) {
        if (isConnectionFailure(e)) {
            return Kind.CONNECTION;
        }
        PSQLException reported = serverReported(e);
        String state = reported != null ? reported.getSQLState() : stateOf(e);
        if (SqlStates.CHECK_VIOLATION.equals(state) && reported != null
                && NO_PARTITION_FOR_ROW.equals(reported.getServerErrorMessage().getRoutine())) {
            return Kind.STALE_ROUTE;
        }
        if (SqlStates.UNDEFINED_TABLE.equals(state)) {
            return Kind.UNDEFINED_TABLE;
        }
        if (SqlStates.SERIALIZATION_FAILURE.equals(state) || SqlStates.DEADLOCK_DETECTED.equals(state)) {
            return Kind.RETRY_SAFE;
        }
        return Kind.STATEMENT;
    }

    /**
     * True when {@code e} (or a cause) says the node or the connection to it failed.
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
     *       the pool; but not {@code 08003} (a connection used after the pool closed it, or before
     *       anything was sent: whatever closed it was judged when it happened) nor {@code 08004}
     *       (the client refused the server's authentication method for want of a password:
     *       configuration, not health).</li>
     * </ul>
     */
    public static boolean isConnectionFailure(Throwable e) {
        PSQLException reported = serverReported(e);
        if (reported != null) {
            return SERVER_UNAVAILABLE.contains(reported.getSQLState());
        }
        boolean broken = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String state = t instanceof SQLException s ? s.getSQLState() : null;
            if (SqlStates.CONNECTION_DOES_NOT_EXIST.equals(state) || SqlStates.CONNECTION_REJECTED.equals(state)) {
                return false; // however the pool or the driver wrapped it
            }
            broken |= t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof java.net.SocketException || t instanceof java.io.EOFException
                    || SqlStates.inClass(state, SqlStates.CONNECTION_EXCEPTION_CLASS);
            if (t.getCause() == t) {
                break;
            }
        }
        return broken;
    }

    /**
     * {@code first} with {@code next} chained to it as JDBC chains errors
     * ({@link SQLException#setNextException}: what HikariCP and applications walk), or
     * {@code next} when there is no first yet.
     */
    public static SQLException chain(SQLException first, SQLException next) {
        if (first == null) {
            return next;
        }
        if (next != null && next != first) {
            first.setNextException(next);
        }
        return first;
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

    private static String stateOf(Throwable e) {
        return e instanceof SQLException s ? s.getSQLState() : null;
    }
}
