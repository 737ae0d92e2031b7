package io.synapsedb.catalog;

import io.synapsedb.config.SynapseProperty;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.SqlStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The advisory lock on the home group ({@link CatalogManager#DDL_LOCK}) that orders the DDL and catalog
 * changes of every application, so that every group applies them in the same order. Its wait is bounded
 * by {@code ddlLockTimeoutMs}: PostgreSQL's {@code lock_timeout} is set for the lock request alone and put
 * back afterwards, so the change's own lock waits keep the session's setting.
 */
public final class DdlLock {

    /** SQLState lock_not_available: what PostgreSQL raises when {@code lock_timeout} runs out. */
    private static final String LOCK_NOT_AVAILABLE = SqlStates.LOCK_NOT_AVAILABLE;

    private DdlLock() {
    }

    /**
     * Takes the lock inside the open transaction of {@code c}, a connection to the home group's primary
     * (released when the transaction ends), waiting at most {@code timeoutMs}.
     *
     * @param change what is being changed ({@code CREATE TABLE orders}), for the message
     * @param home the home group, named with its node in the message
     * @throws SQLException 55P03 naming the wait and {@code ddlLockTimeoutMs} when another application
     *                      held the lock for the whole wait; the transaction is then aborted and nothing
     *                      was changed
     */
    public static void inTransaction(Connection c, long timeoutMs, String change, GroupInfo home)
            throws SQLException {
        take(c, "pg_advisory_xact_lock", true, timeoutMs, change, home);
    }

    /**
     * Takes the lock for the session of {@code c} (autocommit; released by {@code pg_advisory_unlock_all}
     * or the end of the session), waiting at most {@code timeoutMs}. Same failure as
     * {@link #inTransaction}.
     */
    static void forSession(Connection c, long timeoutMs, String change, GroupInfo home) throws SQLException {
        take(c, "pg_advisory_lock", false, timeoutMs, change, home);
    }

    private static void take(Connection c, String function, boolean local, long timeoutMs, String change,
            GroupInfo home) throws SQLException {
        String previous;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('lock_timeout')")) {
            rs.next();
            previous = rs.getString(1);
        }
        setLockTimeout(c, Long.toString(timeoutMs), local); // an integer lock_timeout is in milliseconds
        try (Statement st = c.createStatement()) {
            st.execute("SELECT " + function + "(" + CatalogManager.DDL_LOCK + ")");
        } catch (SQLException e) {
            restoreQuietly(c, previous, local, e);
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new SQLException(change + " refused: another application's DDL held the DDL lock (advisory lock "
                        + CatalogManager.DDL_LOCK + " on home group " + home.name() + " (" + home.primary()
                        + ")) for the whole wait: waited " + timeoutMs + " ms ("
                        + SynapseProperty.DDL_LOCK_TIMEOUT_MS.propertyName() + "). Nothing was changed.",
                        LOCK_NOT_AVAILABLE, e);
            }
            throw e;
        }
        setLockTimeout(c, previous, local);
    }

    /** {@code set_config('lock_timeout', ...)}: for the transaction ({@code local}) or the session. */
    private static void setLockTimeout(Connection c, String value, boolean local) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, " + local + ")")) {
            ps.setString(1, value);
            ps.executeQuery().close();
        }
    }

    /**
     * After a failed lock request: a session setting must go back (the connection returns to a pool); a
     * transaction's setting ends with the aborted transaction, which refuses further statements anyway.
     */
    private static void restoreQuietly(Connection c, String previous, boolean local, SQLException failure) {
        if (local) {
            return;
        }
        try {
            setLockTimeout(c, previous, false);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
