package io.synapsedb.jdbc;

import io.synapsedb.config.SynapseProperty;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transaction-level advisory lock on the home group that orders the DDL of every application,
 * so that every group applies DDL in the same order. Its wait is bounded by
 * {@code ddlLockTimeoutMs}: PostgreSQL's {@code lock_timeout} is set for the lock request alone and
 * put back before the DDL itself runs, so the DDL's own lock waits keep the session's setting.
 */
final class DdlOrderLock {

    /** SQLState lock_not_available: what PostgreSQL raises when {@code lock_timeout} runs out. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private DdlOrderLock() {
    }

    /**
     * Takes the lock inside {@code home}'s open transaction, waiting at most {@code timeoutMs}.
     *
     * @param change what the DDL changes ({@code CREATE TABLE orders}), for the message
     * @param where the home group and node, for the message
     * @throws SQLException 55P03 naming the wait and {@code ddlLockTimeoutMs} when another
     *                      application held the lock for the whole wait; the transaction is then
     *                      aborted and nothing was changed
     */
    static void take(Connection home, long key, long timeoutMs, String change, String where) throws SQLException {
        String previous;
        try (Statement st = home.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('lock_timeout')")) {
            rs.next();
            previous = rs.getString(1);
        }
        setLocal(home, Long.toString(timeoutMs)); // an integer lock_timeout is in milliseconds
        try (Statement st = home.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + key + ")");
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new SQLException(change + " refused: another application's DDL held the DDL lock (advisory lock "
                        + key + " on " + where + ") for the whole wait: waited " + timeoutMs + " ms ("
                        + SynapseProperty.DDL_LOCK_TIMEOUT_MS.propertyName() + "). Nothing was changed.",
                        LOCK_NOT_AVAILABLE, e);
            }
            throw e;
        }
        setLocal(home, previous);
    }

    /** {@code SET LOCAL lock_timeout}: it ends with the transaction whatever happens. */
    private static void setLocal(Connection c, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            ps.setString(1, value);
            ps.executeQuery().close();
        }
    }
}
