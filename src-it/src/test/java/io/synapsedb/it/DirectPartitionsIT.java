package io.synapsedb.it;

import static io.synapsedb.it.ClusterSupport.onNode;
import static io.synapsedb.it.ClusterSupport.owner;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.KeyType;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import io.synapsedb.placement.SlotHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Direct partitions: a single-slot statement reaches the slot's partition without touching the
 * partitioned parent, and with {@code directPartitions=false} it goes through the parent.
 *
 * <p>The witness is PostgreSQL's own lock table, read by the statement itself: a read on the parent
 * always holds a lock on the parent while it runs, a read of the partition does not; a write
 * through the parent holds the parent's {@code RowExclusiveLock}, a write into the partition does
 * not. (The
 * first statement on a partition in a backend may lock the parent once to compute the partition
 * constraint, which PostgreSQL then caches; so each check runs the statement twice on one
 * connection and looks at the second run.)
 */
@LocalPostgres(nodes = 3)
class DirectPartitionsIT {

    private static LocalCluster cluster;
    private static Connection direct;
    private static Connection parent;

    @BeforeAll
    static void connect() throws Exception {
        direct = ClusterSupport.connect(cluster, null);
        parent = ClusterSupport.connect(cluster, "directPartitions=false");
    }

    @AfterAll
    static void disconnect() throws Exception {
        for (Connection c : new Connection[] {direct, parent}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String distributed(String prefix) throws SQLException {
        String t = ClusterSupport.table(prefix);
        try (Statement st = direct.createStatement()) {
            st.execute("CREATE TABLE " + t + " (k bigint PRIMARY KEY, v text, n int DEFAULT 0)");
            try (ResultSet rs = st.executeQuery("SELECT synapse.distribute_table('" + t + "', 'k')")) {
                assertThat(rs.next()).isTrue();
            }
        }
        return t;
    }

    /** A scalar subquery: how many locks this backend holds on the parent right now. */
    private static String parentLocks(String t) {
        return "(SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'"
                + " AND relation = '" + t + "'::regclass)";
    }

    /**
     * How many write locks this backend holds on the parent. A write into a partition still takes
     * an {@code AccessShareLock} on its parent (PostgreSQL checks the ancestors), but only a write
     * through the parent takes the parent's {@code RowExclusiveLock}.
     */
    private static String parentWriteLocks(String t) {
        return "(SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'"
                + " AND relation = '" + t + "'::regclass AND mode = 'RowExclusiveLock')";
    }

    /** Runs the prepared statement twice with key {@code k}; the second run's first column. */
    private static long secondRun(Connection c, String sql, long k, String v) throws SQLException {
        long locks = -1;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int run = 0; run < 2; run++) {
                ps.setLong(1, k);
                if (v != null) {
                    ps.setString(2, v);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("a row for %s", sql).isTrue();
                    locks = rs.getLong(1);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
        return locks;
    }

    @Test
    void singleKeyStatementsUseThePartitionAndTheOptionTurnsItOff() throws SQLException {
        String t = distributed("direct");
        String locks = parentLocks(t);
        String writeLocks = parentWriteLocks(t);
        String insert = "INSERT INTO " + t + " (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET n = " + t
                + ".n + 1 RETURNING " + writeLocks;
        String update = "UPDATE " + t + " SET n = n + 10 WHERE k = ? RETURNING " + writeLocks;
        String select = "SELECT " + locks + ", v FROM " + t + " WHERE k = ?";

        assertThat(secondRun(direct, insert, 7, "seven")).isZero();
        assertThat(secondRun(direct, update, 7, null)).isZero();
        assertThat(secondRun(direct, select, 7, null)).isZero();

        assertThat(secondRun(parent, insert, 8, "eight")).isPositive();
        assertThat(secondRun(parent, update, 8, null)).isPositive();
        assertThat(secondRun(parent, select, 8, null)).isPositive();

        // Same rows either way, on the owning node only: inserted, conflicted once, updated twice.
        for (long k : new long[] {7, 8}) {
            int owner = owner(3, KeyType.INT8, k);
            for (int n = 0; n < 3; n++) {
                assertThat(onNode(cluster.node(n), "SELECT n::text FROM " + t + " WHERE k = " + k))
                        .as("key %d on node %d (owner %d)", k, n, owner)
                        .isEqualTo(n == owner ? java.util.List.of("21") : java.util.List.of());
            }
        }
        try (Statement st = direct.createStatement();
                ResultSet rs = st.executeQuery("SELECT v, " + locks + " FROM " + t + " WHERE k IN (7, 7)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("seven");
        }
    }

    @Test
    void aDeleteReachesThePartition() throws SQLException {
        String t = distributed("directdel");
        try (PreparedStatement ins = direct.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, ?)")) {
            for (long k = 1; k <= 3; k++) {
                ins.setLong(1, k);
                ins.setString(2, "v" + k);
                ins.executeUpdate();
            }
        }
        try (PreparedStatement del = direct.prepareStatement("DELETE FROM " + t + " WHERE k = ? RETURNING "
                + parentWriteLocks(t))) {
            for (long k = 1; k <= 3; k++) {
                del.setLong(1, k);
                try (ResultSet rs = del.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
        }
        long left = 0;
        for (int n = 0; n < 3; n++) {
            left += ClusterSupport.countOnNode(cluster.node(n), t);
        }
        assertThat(left).isZero();
    }

    @Test
    void aMissingPartitionFallsBackToTheParent() throws SQLException {
        String t = distributed("directgone");
        long k = 42;
        int slot = SlotHasher.slotOf(KeyType.INT8, k, 128);
        int owner = owner(3, KeyType.INT8, k);
        try (PreparedStatement ins = direct.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, ?)")) {
            ins.setLong(1, k);
            ins.setString(2, "x");
            ins.executeUpdate();
        }
        String select = "SELECT v FROM " + t + " WHERE k = ?";
        try (PreparedStatement ps = direct.prepareStatement(select)) {
            ps.setLong(1, k);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
            // Behind the driver's back the slot's partition disappears (as after a slot move): the
            // direct text fails with 42P01, the catalog has not changed, and the parent answers.
            try (Connection c = cluster.node(owner).connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + t + "_s" + slot);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isFalse();
            }
        }
        try (Statement st = direct.createStatement(); ResultSet rs = st.executeQuery("SELECT v FROM " + t
                + " WHERE k = " + k)) {
            assertThat(rs.next()).isFalse();
        }
    }
}
