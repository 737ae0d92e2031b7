package io.synapsedb.it;

import static io.synapsedb.it.ClusterSupport.countOnNode;
import static io.synapsedb.it.ClusterSupport.onNode;
import static io.synapsedb.it.ClusterSupport.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.core.KeyType;
import io.synapsedb.jdbc.SynapseConnection;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import io.synapsedb.txn.RecoveryResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two-phase commit on three real servers: what prepares and what does not, atomic commits of
 * explicit and autocommit work over several groups, failures during the prepare phase, recovery of
 * hand-made orphans, and the {@code synapse.distributed_transactions} view.
 */
@LocalPostgres(nodes = 3)
class TwoPhaseCommitIT {

    /** Recovery only when asked, so that the tests see exactly what their own call did. */
    static final String OPTIONS = "recoveryMinAgeMs=1000&recoveryIntervalMs=0";

    private static LocalCluster cluster;
    private static Connection conn;

    @BeforeAll
    static void connect() throws Exception {
        conn = ClusterSupport.connect(cluster, OPTIONS);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (conn != null) {
            conn.close();
        }
    }

    private static String distributed(String prefix) throws SQLException {
        String t = ClusterSupport.table(prefix);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + t + " (k bigint PRIMARY KEY, v text)");
            st.executeQuery("SELECT synapse.distribute_table('" + t + "', 'k')").close();
        }
        return t;
    }

    /** One key owned by each group, in group order. */
    private static long[] keyPerGroup() throws SQLException {
        return keyPerGroup(1);
    }

    private static long[] keyPerGroup(long from) throws SQLException {
        long[] keys = new long[3];
        boolean[] found = new boolean[3];
        int left = 3;
        for (long k = from; left > 0; k++) {
            int g = owner(3, KeyType.INT8, k);
            if (!found[g]) {
                found[g] = true;
                keys[g] = k;
                left--;
            }
        }
        return keys;
    }

    /** Decision rows on all nodes together. */
    private static long decisions() throws SQLException {
        long n = 0;
        for (int i = 0; i < 3; i++) {
            n += countOnNode(cluster.node(i), "synapse.transactions");
        }
        return n;
    }

    private static void assertNothingPrepared() throws SQLException {
        for (int i = 0; i < 3; i++) {
            assertThat(onNode(cluster.node(i), "SELECT gid FROM pg_prepared_xacts")).as("node %d", i).isEmpty();
        }
    }

    @Test
    void explicitTransactionOverThreeGroupsCommitsAtomicallyWithADecisionOnTheFirstWrittenGroup() throws Exception {
        String t = distributed("tpc_all");
        long[] keys = keyPerGroup();
        long before = decisions();
        long coordinatorBefore = countOnNode(cluster.node(2), "synapse.transactions");
        try (Connection c = ClusterSupport.connect(cluster, OPTIONS);
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, 'a')")) {
            c.setAutoCommit(false);
            for (int g : new int[] {2, 0, 1}) {
                ps.setLong(1, keys[g]);
                ps.executeUpdate();
            }
            c.commit();
            assertThat((Object) c.getWarnings()).isNull();
        }
        for (int g = 0; g < 3; g++) {
            assertThat(countOnNode(cluster.node(g), t)).isEqualTo(1);
        }
        assertThat(decisions()).isEqualTo(before + 1);
        assertThat(countOnNode(cluster.node(2), "synapse.transactions")).isEqualTo(coordinatorBefore + 1);
        assertNothingPrepared();
    }

    @Test
    void oneWriteGroupAndReadOnlyTransactionsNeverPrepare() throws Exception {
        String t = distributed("tpc_one");
        long[] keys = keyPerGroup();
        long before = decisions();
        try (Connection c = ClusterSupport.connect(cluster, OPTIONS); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("INSERT INTO " + t + " (k, v) VALUES (" + keys[1] + ", 'a')");
            st.executeQuery("SELECT * FROM " + t).close(); // reads every group
            c.commit();
            st.executeQuery("SELECT * FROM " + t + " WHERE k = " + keys[0]).close();
            st.executeQuery("SELECT * FROM " + t + " WHERE k = " + keys[2]).close();
            c.commit();
            c.setAutoCommit(true);
            st.executeUpdate("INSERT INTO " + t + " (k, v) VALUES (" + keys[2] + ", 'b')");
        }
        assertThat(decisions()).isEqualTo(before);
        assertThat(countOnNode(cluster.node(1), t) + countOnNode(cluster.node(2), t)).isEqualTo(2);
    }

    @Test
    void autocommitWritesOverSeveralGroupsAreTwoPhase() throws Exception {
        String t = distributed("tpc_auto");
        String ref = ClusterSupport.table("tpc_ref");
        long[] keys = keyPerGroup();
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + ref + " (code text PRIMARY KEY, name text)");
            st.executeQuery("SELECT synapse.reference_table('" + ref + "')").close();
            long before = decisions();
            st.executeUpdate("INSERT INTO " + t + " (k, v) VALUES (" + keys[0] + ", 'a'), (" + keys[1] + ", 'a')");
            assertThat(decisions()).isEqualTo(before + 1);
            st.executeUpdate("UPDATE " + t + " SET v = 'b'"); // no shard key: every group, one transaction
            assertThat(decisions()).isEqualTo(before + 2);
            st.executeUpdate("INSERT INTO " + ref + " VALUES ('fr', 'France')");
            assertThat(decisions()).isEqualTo(before + 3);
        }
        for (int g = 0; g < 3; g++) {
            assertThat(onNode(cluster.node(g), "SELECT name FROM " + ref)).containsExactly("France");
        }
        assertThat(onNode(cluster.node(0), "SELECT v FROM " + t)).containsExactly("b");
        assertNothingPrepared();
    }

    /**
     * A deferred unique constraint on a home-group table fails at PREPARE (home is a participant)
     * or at the coordinator's COMMIT (home coordinates): either way nothing is committed anywhere.
     */
    @Test
    void aFailureInThePreparePhaseRollsEverythingBackAndSaysARetryIsSafe() throws Exception {
        String t = distributed("tpc_fail");
        String home = ClusterSupport.table("tpc_home");
        long[] keys = keyPerGroup();
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + home + " (id int, CONSTRAINT " + home + "_u UNIQUE (id)"
                    + " DEFERRABLE INITIALLY DEFERRED)");
        }
        long before = decisions();
        for (boolean homeFirst : new boolean[] {false, true}) {
            try (Connection c = ClusterSupport.connect(cluster, OPTIONS); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                if (homeFirst) {
                    st.executeUpdate("INSERT INTO " + home + " VALUES (1), (1)");
                }
                st.executeUpdate("INSERT INTO " + t + " (k, v) VALUES (" + keys[1] + ", 'x')");
                st.executeUpdate("INSERT INTO " + t + " (k, v) VALUES (" + keys[2] + ", 'x')");
                if (!homeFirst) {
                    st.executeUpdate("INSERT INTO " + home + " VALUES (1), (1)");
                }
                assertThatThrownBy(c::commit).isInstanceOf(SQLException.class)
                        .hasMessageContaining("retry is safe")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
                // The connection is usable afterwards.
                st.executeUpdate("INSERT INTO " + t + " (k, v) VALUES (" + keys[0] + ", 'y')");
                c.rollback();
            }
        }
        assertThat(countOnNode(cluster.node(1), t) + countOnNode(cluster.node(2), t)).isZero();
        assertThat(countOnNode(cluster.node(0), home)).isZero();
        assertThat(decisions()).isEqualTo(before);
        assertNothingPrepared();
    }

    @Test
    void recoveryCommitsWithADecisionAndRollsBackWithoutOneAndTheViewListsBoth() throws Exception {
        String t = distributed("tpc_rec");
        long[] keys = keyPerGroup();
        long[] others = keyPerGroup(100_000);
        String committedGid = "synapse:g1:" + "c".repeat(32);
        String abortedGid = "synapse:g1:" + "a".repeat(32);
        // Orphans as a crashed client leaves them: prepared on g2 and g3, decision (or none) on g1.
        for (int g = 1; g < 3; g++) {
            try (Connection c = cluster.node(g).connect(); Statement st = c.createStatement()) {
                st.execute("BEGIN");
                st.execute("INSERT INTO " + t + " VALUES (" + keys[g] + ", 'committed')");
                st.execute("PREPARE TRANSACTION '" + committedGid + "'");
                st.execute("BEGIN");
                st.execute("INSERT INTO " + t + " VALUES (" + others[g] + ", 'aborted')");
                st.execute("PREPARE TRANSACTION '" + abortedGid + "'");
            }
        }
        try (Connection c = cluster.node(0).connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO synapse.transactions (gid, participants, outcome) VALUES ('" + committedGid
                    + "', 'g1,g2,g3', 'commit')");
        }
        List<String> listed = new ArrayList<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT gid, groups, state, age FROM synapse.distributed_transactions"
                        + " ORDER BY gid")) {
            while (rs.next()) {
                listed.add(rs.getString("gid") + " " + rs.getString("groups") + " " + rs.getString("state"));
                assertThat(rs.getString("age")).isNotNull();
            }
        }
        assertThat(listed).containsExactly(abortedGid + " g2,g3 preparing", committedGid + " g2,g3 committing");

        SynapseConnection sc = conn.unwrap(SynapseConnection.class);
        int[] settled = new int[2];
        ClusterSupport.waitFor(Duration.ofSeconds(30), () -> {
            RecoveryResult r = sc.recoverTransactions();
            settled[0] += r.committed();
            settled[1] += r.rolledBack();
            return settled[0] + settled[1] == 4 ? r : null;
        });
        assertThat(settled).containsExactly(2, 2);
        assertNothingPrepared();
        assertThat(onNode(cluster.node(1), "SELECT v FROM " + t)).containsExactly("committed");
        assertThat(onNode(cluster.node(2), "SELECT v FROM " + t)).containsExactly("committed");
        assertThat(onNode(cluster.node(0), "SELECT outcome FROM synapse.transactions WHERE gid = '" + abortedGid + "'"))
                .containsExactly("aborted");
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM synapse.distributed_transactions")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        // Idempotent: a second run finds nothing to do.
        RecoveryResult again = sc.recoverTransactions();
        assertThat(again.committed() + again.rolledBack() + again.inDoubt()).isZero();
    }

    /** A coordinator transaction that still holds its decision row is never settled by recovery. */
    @Test
    void recoveryWaitsForACoordinatorTransactionStillInProgress() throws Exception {
        String t = distributed("tpc_busy");
        long[] keys = keyPerGroup();
        String gid = "synapse:g1:" + "b".repeat(32);
        try (Connection coordinator = cluster.node(0).connect(); Statement cst = coordinator.createStatement()) {
            cst.execute("BEGIN");
            cst.execute("INSERT INTO synapse.transactions (gid, participants, outcome) VALUES ('" + gid
                    + "', 'g1,g2', 'commit')");
            try (Connection c = cluster.node(1).connect(); Statement st = c.createStatement()) {
                st.execute("BEGIN");
                st.execute("INSERT INTO " + t + " VALUES (" + keys[1] + ", 'late')");
                st.execute("PREPARE TRANSACTION '" + gid + "'");
            }
            SynapseConnection sc = conn.unwrap(SynapseConnection.class);
            RecoveryResult busy = ClusterSupport.waitFor(Duration.ofSeconds(30), () -> {
                RecoveryResult r = sc.recoverTransactions();
                return r.inDoubt() > 0 ? r : null;
            });
            assertThat(busy.skipped()).isEqualTo(1);
            assertThat(onNode(cluster.node(1), "SELECT gid FROM pg_prepared_xacts")).containsExactly(gid);
            cst.execute("COMMIT"); // the decision, late but valid
        }
        RecoveryResult done = conn.unwrap(SynapseConnection.class).recoverTransactions();
        assertThat(done.committed()).isEqualTo(1);
        assertThat(onNode(cluster.node(1), "SELECT v FROM " + t)).containsExactly("late");
        assertNothingPrepared();
    }
}
