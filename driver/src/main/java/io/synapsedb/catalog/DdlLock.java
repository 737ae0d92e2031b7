package io.synapsedb.catalog;

import io.synapsedb.config.SynapseProperty;
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
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private DdlLock() {
    }

    /**
     * Takes the lock inside {@code home}'s open transaction (released when it ends), waiting at most
     * {@code timeoutMs}.
     *
     * @param change what is being changed ({@code CREATE TABLE orders}), for the message
     * @param where the home group and node, for the message
     * @throws SQLException 55P03 naming the wait and {@code ddlLockTimeoutMs} when another application
     *                      held the lock for the whole wait; the transaction is then aborted and nothing
     *                      was changed
     */
    public static void inTransaction(Connection home, long timeoutMs, String change, String where)
            throws SQLException {
        take(home, "pg_advisory_xact_lock", true, timeoutMs, change, where);
    }

    /**
     * Takes the lock for {@code home}'s session (autocommit; released by {@code pg_advisory_unlock_all}
     * or the end of the session), waiting at most {@code timeoutMs}. Same failure as
     * {@link #inTransaction}.
     */
    static void forSession(Connection home, long timeoutMs, String change, String where) throws SQLException {
        take(home, "pg_advisory_lock", false, timeoutMs, change, where);
    }

    private static void take(Connection home, String function, boolean local, long timeoutMs, String change,
            String where) throws SQLException {
        String previous;
        try (Statement st = home.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('lock_timeout')")) {
            rs.next();
            previous = rs.getString(1);
        }
        setLockTimeout(home, Long.toString(timeoutMs), local); // an integer lock_timeout is in milliseconds
        try (Statement st = home.createStatement()) {
            st.execute("SELECT " + function + "(" + CatalogManager.DDL_LOCK + ")");
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                restoreQuietly(home, previous, local, e);
                throw new SQLException(change + " refused: another application's DDL held the DDL lock (advisory lock "
                        + CatalogManager.DDL_LOCK + " on " + where + ") for the whole wait: waited " + timeoutMs
                        + " ms (" + SynapseProperty.DDL_LOCK_TIMEOUT_MS.propertyName() + "). Nothing was changed.",
                        LOCK_NOT_AVAILABLE, e);
            }
            restoreQuietly(home, previous, local, e);
            throw e;
        }
        setLockTimeout(home, previous, local);
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
