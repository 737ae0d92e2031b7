package io.synapsedb.txn;

import io.synapsedb.core.SqlStates;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision table {@code synapse.transactions} on every group. A row with outcome
 * {@code commit}, inserted inside the coordinator group's own transaction and committed with it,
 * is the commit decision of a two-phase transaction. A row with outcome {@code aborted} is written
 * by recovery once the coordinator's transaction is over without a decision: it makes a later
 * commit impossible (the key is taken).
 */
public final class DecisionLog {

    /** Created with the rest of the {@code synapse} schema. */
    public static final String SCHEMA = "CREATE TABLE IF NOT EXISTS synapse.transactions (gid text PRIMARY KEY,"
            + " participants text NOT NULL, outcome text NOT NULL CHECK (outcome IN ('commit', 'aborted')),"
            + " created timestamptz NOT NULL DEFAULT clock_timestamp())";

    static final String COMMIT = "commit";
    static final String ABORTED = "aborted";

    /** What the coordinator group says about a transaction. */
    public enum Outcome {
        COMMITTED, ABORTED,
        /** The coordinator's transaction still holds the decision row: it is in progress. */
        IN_PROGRESS
    }

    private DecisionLog() {
    }

    /** Inserts the commit decision inside {@code c}'s open transaction (not committed here). */
    static void recordCommit(Connection c, GlobalTransactionId gid, String participants) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO synapse.transactions (gid, participants, outcome) VALUES (?, ?, 'commit')")) {
            ps.setString(1, gid.gid());
            ps.setString(2, participants);
            ps.executeUpdate();
        }
    }

    /**
     * Settles the outcome of {@code gid} on its coordinator group. A decision row that exists
     * decides. Without one, inserting an {@code aborted} row waits for any transaction that
     * inserted the key and has not ended; it succeeds only when no transaction can commit the
     * decision any more, and then the outcome is abort, for ever. A wait longer than
     * {@code lockTimeoutMs} means the coordinator's transaction is still running.
     *
     * @param c a connection to the coordinator group in autocommit mode (left so)
     */
    static Outcome resolve(Connection c, GlobalTransactionId gid, String participants, long lockTimeoutMs)
            throws SQLException {
        Outcome known = read(c, gid);
        if (known != null) {
            return known;
        }
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = " + Math.max(1, lockTimeoutMs));
            }
            boolean inserted;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO synapse.transactions (gid, participants,"
                    + " outcome) VALUES (?, ?, 'aborted') ON CONFLICT (gid) DO NOTHING")) {
                ps.setString(1, gid.gid());
                ps.setString(2, participants);
                inserted = ps.executeUpdate() == 1;
            }
            Outcome outcome = inserted ? Outcome.ABORTED : read(c, gid);
            c.commit();
            return outcome == null ? Outcome.IN_PROGRESS : outcome;
        } catch (SQLException e) {
            c.rollback();
            if (SqlStates.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) { // lock_not_available: the coordinator is still at work
                return Outcome.IN_PROGRESS;
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The committed decision for {@code gid}, or {@code null} when there is none (yet). */
    static Outcome read(Connection c, GlobalTransactionId gid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT outcome FROM synapse.transactions WHERE gid = ?")) {
            ps.setString(1, gid.gid());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return COMMIT.equals(rs.getString(1)) ? Outcome.COMMITTED : Outcome.ABORTED;
            }
        }
    }

    /**
     * The committed decisions among {@code gids}, in one round trip; a gid without one is absent
     * from the answer.
     */
    static Map<String, Outcome> readAll(Connection c, List<GlobalTransactionId> gids) throws SQLException {
        Map<String, Outcome> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT gid, outcome FROM synapse.transactions WHERE gid = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", gids.stream().map(GlobalTransactionId::gid).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), COMMIT.equals(rs.getString(2)) ? Outcome.COMMITTED : Outcome.ABORTED);
                }
            }
        }
        return out;
    }

    /**
     * True when the coordinator's backend that ran {@code gid}'s transaction (its pid is in the gid)
     * has certainly ended, so that transaction is over: no backend has that pid, or the one that has
     * it started after the participant prepared (pids are reused only after a process ends). The
     * client commits the decision only through that backend, so none can come any more. False when
     * unsure (no pid in the gid, or the backend's start time is hidden from this role).
     *
     * @param ageMs how long a participant has held the gid prepared, on that participant's clock
     */
    static boolean backendGone(Connection c, GlobalTransactionId gid, long ageMs) throws SQLException {
        if (gid.coordinatorPid() <= 0) {
            return false;
        }
        // A second of slack for the two servers' clocks and the time since the listing.
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"
                + " AND (backend_start IS NULL OR backend_start <= now() - make_interval(secs => ?))")) {
            ps.setInt(1, gid.coordinatorPid());
            ps.setDouble(2, Math.max(0, ageMs - 1000) / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        }
    }

    /**
     * {@code COMMIT PREPARED} or {@code ROLLBACK PREPARED} on {@code c} (autocommit); done as well
     * when the group no longer holds the gid (someone else settled it).
     */
    static void finish(Connection c, GlobalTransactionId gid, boolean commit) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute((commit ? "COMMIT PREPARED " : "ROLLBACK PREPARED ") + gid.literal());
        } catch (SQLException e) {
            if (!SqlStates.UNDEFINED_OBJECT.equals(e.getSQLState())) { // undefined_object: settled meanwhile
                throw e;
            }
        }
    }

    /**
     * Deletes decision rows older than {@code retentionMs} whose gid no group holds prepared
     * ({@code stillPrepared}: every synapse gid prepared anywhere, listed before this call).
     *
     * @return rows deleted
     */
    static int collectGarbage(Connection c, Collection<String> stillPrepared, long retentionMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM synapse.transactions"
                + " WHERE created < clock_timestamp() - make_interval(secs => ?) AND NOT (gid = ANY (?))")) {
            ps.setDouble(1, retentionMs / 1000.0);
            Array prepared = c.createArrayOf("text", stillPrepared.toArray());
            ps.setArray(2, prepared);
            return ps.executeUpdate();
        }
    }
}
