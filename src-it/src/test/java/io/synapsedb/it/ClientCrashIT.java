package io.synapsedb.it;

import static io.synapsedb.it.ClusterSupport.countOnNode;
import static io.synapsedb.it.ClusterSupport.owner;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.KeyType;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crashes during two-phase commit, for real: the client JVM halts (exit 137, as after kill -9) at
 * each step of the protocol, and a node is killed with SIGKILL and restarted while transactions
 * commit. Afterwards, recovery by another driver instance leaves every transaction all-or-nothing
 * and nothing prepared.
 */
@LocalPostgres(nodes = 3, settings = FaultSupport.SYNCHRONOUS_COMMIT)
class ClientCrashIT {

    private static LocalCluster cluster;
    private static Connection conn;

    @BeforeAll
    static void connect() throws Exception {
        conn = ClusterSupport.connect(cluster, FaultSupport.OPTIONS);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (conn != null) {
            conn.close();
        }
    }

    private static String distributed(String prefix) throws SQLException {
        String t = ClusterSupport.table(prefix);
        try (Connection c = ClusterSupport.connect(cluster, FaultSupport.OPTIONS); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (k bigint PRIMARY KEY, v text)");
            st.executeQuery("SELECT synapse.distribute_table('" + t + "', 'k')").close();
        }
        return t;
    }

    /** {@code perGroup} keys owned by each group: {@code keys[g][i]}. */
    private static long[][] keys(int perGroup) throws SQLException {
        long[][] keys = new long[3][perGroup];
        int[] filled = new int[3];
        for (long k = 1; filled[0] < perGroup || filled[1] < perGroup || filled[2] < perGroup; k++) {
            int g = owner(3, KeyType.INT8, k);
            if (filled[g] < perGroup) {
                keys[g][filled[g]++] = k;
            }
        }
        return keys;
    }

    private static long rows(String table) throws SQLException {
        long n = 0;
        for (int g = 0; g < 3; g++) {
            n += countOnNode(cluster.node(g), table);
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-first-prepare", "after-decision", "during-second-phase"})
    void aClientKilledAtAProtocolStepLeavesAllOrNothingAfterRecovery(String step) throws Exception {
        String t = distributed("crash");
        long[][] keys = keys(1);
        Path log = Files.createTempFile("synapse-client-", ".log");
        Process client = FaultSupport.client(step, log, "commit",
                cluster.synapseUrl() + "&" + FaultSupport.OPTIONS, t, keys[0][0] + "," + keys[1][0] + "," + keys[2][0]);
        assertThat(client.waitFor(120, TimeUnit.SECONDS)).as("client finished").isTrue();
        assertThat(client.exitValue()).as("client output: %s", FaultSupport.output(log)).isEqualTo(137);
        // During the second phase the other COMMIT PREPARED may have been quicker than the halt.
        if (!step.equals("during-second-phase")) {
            assertThat(FaultSupport.preparedCount(cluster)).as("the client left prepared transactions").isPositive();
        }

        FaultSupport.recoverUntilNothingPrepared(cluster, conn, Duration.ofSeconds(60));

        assertThat(rows(t)).isEqualTo(step.equals("after-first-prepare") ? 0 : 3);
        Files.deleteIfExists(log);
    }

    @Test
    void aNodeKilledAndRestartedDuringCommitsKeepsEveryTransactionAllOrNothing() throws Exception {
        String t = distributed("nodekill");
        int max = 400;
        long[][] keys = keys(max);
        String url = cluster.synapseUrl() + "&" + FaultSupport.OPTIONS;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger attempted = new AtomicInteger();
        List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        List<Integer> failed = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < max && !stop.get(); i++) {
                attempted.set(i + 1);
                try (Connection c = java.sql.DriverManager.getConnection(url);
                        PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, ?)")) {
                    c.setAutoCommit(false);
                    for (int g = 0; g < 3; g++) {
                        ps.setLong(1, keys[g][i]);
                        ps.setString(2, "t" + i);
                        ps.executeUpdate();
                    }
                    c.commit();
                    acknowledged.add(i);
                } catch (SQLException e) {
                    failed.add(i);
                }
            }
        }, "nodekill-writer");
        writer.start();
        try {
            ClusterSupport.waitFor(Duration.ofSeconds(60), () -> acknowledged.size() >= 20 ? Boolean.TRUE : null);
            cluster.node(1).kill();
            int failedBefore = failed.size();
            ClusterSupport.waitFor(Duration.ofSeconds(60), () -> failed.size() > failedBefore ? Boolean.TRUE : null);
            cluster.node(1).start();
            int ackedAfterRestart = acknowledged.size();
            ClusterSupport.waitFor(Duration.ofSeconds(90),
                    () -> acknowledged.size() >= ackedAfterRestart + 20 || !writer.isAlive() ? Boolean.TRUE : null);
        } finally {
            stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(120));
        }
        assertThat(writer.isAlive()).isFalse();
        assertThat(failed).isNotEmpty();

        FaultSupport.recoverUntilNothingPrepared(cluster, conn, Duration.ofSeconds(60));

        List<String> rowsPerTxn = new ArrayList<>();
        long[] count = new long[attempted.get()];
        for (int g = 0; g < 3; g++) {
            for (String v : ClusterSupport.onNode(cluster.node(g), "SELECT v FROM " + t)) {
                count[Integer.parseInt(v.substring(1))]++;
            }
        }
        for (int i = 0; i < count.length; i++) {
            if (count[i] != 0 && count[i] != 3) {
                rowsPerTxn.add("t" + i + ": " + count[i] + " rows");
            }
            if (acknowledged.contains(i)) {
                assertThat(count[i]).as("acknowledged transaction t%d", i).isEqualTo(3);
            }
        }
        assertThat(rowsPerTxn).as("transactions that are neither all nor nothing").isEmpty();
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(40);
    }
}
