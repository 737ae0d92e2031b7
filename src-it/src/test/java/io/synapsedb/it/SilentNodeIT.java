package io.synapsedb.it;

import static io.synapsedb.it.ClusterSupport.onNode;
import static io.synapsedb.it.ClusterSupport.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.core.KeyType;
import io.synapsedb.jdbc.SynapseConnection;
import io.synapsedb.jdbc.SynapseDataSource;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import io.synapsedb.txn.RecoveryResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node that stops answering (its processes stopped with SIGSTOP: connections stay open, nothing
 * replies) with the driver's defaults: whoever waits on it gets a connection error within a
 * bounded time, new work for it fails fast, work for the other groups goes on, recovery settles
 * what does not need it, and a long query on a node that answers is never cut. Before, every
 * thread holding a connection to the node waited for as long as it was stopped.
 *
 * <p>The bounds asserted (20 s) are four times the default {@code nodeTimeoutMs} and far below the
 * pauses, which end only after the assertions: the old behaviour fails them, the new passes them
 * with room on a busy machine.
 */
@LocalPostgres(nodes = 3, settings = FaultSupport.SYNCHRONOUS_COMMIT)
class SilentNodeIT {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private static LocalCluster cluster;
    private static String table;
    private static long[] keys;

    @BeforeAll
    static void createTable() throws Exception {
        table = ClusterSupport.table("silent");
        try (Connection c = ClusterSupport.connect(cluster, FaultSupport.OPTIONS); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (k bigint PRIMARY KEY, v text)");
            st.executeQuery("SELECT synapse.distribute_table('" + table + "', 'k')").close();
        }
        keys = new long[3];
        int found = 0;
        for (long k = 1; found < 3; k++) {
            int g = owner(3, KeyType.INT8, k);
            if (keys[g] == 0) {
                keys[g] = k;
                found++;
            }
        }
        try (Connection c = ClusterSupport.connect(cluster, FaultSupport.OPTIONS);
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, 'v')")) {
            for (long k : keys) {
                ps.setLong(1, k);
                ps.executeUpdate();
            }
        }
    }

    private static String select(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM " + table + " WHERE k = ?")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static SQLException failureOf(CompletableFuture<?> f) throws Exception {
        try {
            f.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (SQLException) e.getCause();
        }
        throw new AssertionError("the call succeeded on a stopped node");
    }

    @Test
    void callsWaitingOnAStoppedNodeFailWhileTheOtherGroupsKeepWorking() throws Exception {
        try (SynapseDataSource ds = new SynapseDataSource(cluster.synapseUrl());
                Connection busy = ds.getConnection(); Connection other = ds.getConnection()) {
            assertThat(select(busy, keys[2])).isEqualTo("v");
            assertThat(select(other, keys[0])).isEqualTo("v");
            cluster.node(2).pause();
            try {
                CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
                    try {
                        return select(busy, keys[2]);
                    } catch (SQLException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
                SQLException e = failureOf(waiting);
                assertThat(e.getSQLState()).startsWith("08");
                assertThat(e.getMessage()).contains(cluster.node(2).host() + ":" + cluster.node(2).port());

                // New work for the stopped node fails fast; the other groups answer as before.
                assertThatThrownBy(() -> select(other, keys[2])).isInstanceOf(SQLException.class)
                        .hasMessageContaining("has not answered health checks")
                        .satisfies(x -> assertThat(((SQLException) x).getSQLState()).isEqualTo("08001"));
                assertThat(select(other, keys[0])).isEqualTo("v");
                assertThat(select(busy, keys[1])).isEqualTo("v");

                // A new application starts and works on the groups that answer.
                CompletableFuture<String> newcomer = CompletableFuture.supplyAsync(() -> {
                    try (SynapseDataSource fresh = new SynapseDataSource(cluster.synapseUrl() + "&recoveryIntervalMs=0");
                            Connection c = fresh.getConnection()) {
                        return select(c, keys[1]);
                    } catch (SQLException x) {
                        throw new java.util.concurrent.CompletionException(x);
                    }
                });
                assertThat(newcomer.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("v");
            } finally {
                cluster.node(2).resume();
            }
            // Once it answers again, so does the driver.
            ClusterSupport.waitFor(BOUND, () -> {
                try {
                    return select(other, keys[2]);
                } catch (SQLException e) {
                    return null;
                }
            });
        }
    }

    @Test
    void aLongQueryOnANodeThatAnswersIsNeverCut() throws Exception {
        try (SynapseDataSource ds = new SynapseDataSource(cluster.synapseUrl() + "&nodeTimeoutMs=1000");
                Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // Four times nodeTimeoutMs, on the home group.
            try (ResultSet rs = st.executeQuery("SELECT pg_sleep(4), 'done'")) {
                rs.next();
                assertThat(rs.getString(2)).isEqualTo("done");
            }
        }
    }

    @Test
    void recoverySettlesTheGroupsThatAnswerWhileAnotherIsStopped() throws Exception {
        // An orphan over g1 and g2 whose decision is on g1, as a client that died after deciding leaves it.
        String gid = "synapse:g1:" + "d".repeat(32);
        try (Connection c = cluster.node(1).connect(); Statement st = c.createStatement()) {
            st.execute("BEGIN");
            st.execute("INSERT INTO " + table + " VALUES (" + keyOn(1) + ", 'orphan')");
            st.execute("PREPARE TRANSACTION '" + gid + "'");
        }
        try (Connection c = cluster.node(0).connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO synapse.transactions (gid, participants, outcome) VALUES ('" + gid
                    + "', 'g1,g2', 'commit')");
        }
        try (Connection conn = ClusterSupport.connect(cluster, FaultSupport.OPTIONS)) {
            SynapseConnection sc = conn.unwrap(SynapseConnection.class);
            cluster.node(2).pause();
            try {
                CompletableFuture<RecoveryResult> run = CompletableFuture.supplyAsync(() -> {
                    try {
                        return sc.recoverTransactions();
                    } catch (SQLException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
                RecoveryResult r = run.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                assertThat(r.committed()).isEqualTo(1);
                assertThat(r.unreachableGroups()).isEqualTo(1);
                assertThat(onNode(cluster.node(1), "SELECT count(*) FROM pg_prepared_xacts")).containsExactly("0");
            } finally {
                cluster.node(2).resume();
            }
        }
        assertThat(onNode(cluster.node(1), "SELECT v FROM " + table + " WHERE v = 'orphan'")).containsExactly("orphan");
    }

    /** A key of group {@code g} not used by the other tests. */
    private static long keyOn(int g) throws SQLException {
        for (long k = 1_000_000; ; k++) {
            if (owner(3, KeyType.INT8, k) == g) {
                return k;
            }
        }
    }
}
