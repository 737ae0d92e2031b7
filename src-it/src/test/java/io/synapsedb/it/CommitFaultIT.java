package io.synapsedb.it;

import static io.synapsedb.it.ClusterSupport.onNode;
import static io.synapsedb.it.ClusterSupport.owner;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.KeyType;
import io.synapsedb.jdbc.SynapseDataSource;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults at the two steps of two-phase commit where the outcome is decided and then carried out,
 * each made to happen at exactly that step: the committing client runs as a JVM of its own that
 * waits at a protocol step ({@code -Dsynapse.test.waitAt}) while the test breaks a node. Every
 * client and every other application runs with the driver's defaults ({@code recoveryMinAgeMs}
 * 30 s), so a transaction settled within the bounds below was settled from its decision, not
 * because it had grown old. Outcomes are checked on the nodes directly.
 */
@LocalPostgres(nodes = 3, settings = FaultSupport.SYNCHRONOUS_COMMIT)
class CommitFaultIT {

    private static LocalCluster cluster;

    /** A distributed table (k bigint, v text) and one key on group g1 (the coordinator) and one on g2. */
    private static long[] table(String t) throws SQLException {
        try (Connection c = ClusterSupport.connect(cluster, FaultSupport.OPTIONS); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (k bigint PRIMARY KEY, v text)");
            st.executeQuery("SELECT synapse.distribute_table('" + t + "', 'k')").close();
        }
        long[] keys = new long[2];
        boolean[] found = new boolean[2];
        for (long k = 1; !found[0] || !found[1]; k++) {
            int g = owner(3, KeyType.INT8, k);
            if (g < 2 && !found[g]) {
                keys[g] = k;
                found[g] = true;
            }
        }
        return keys;
    }

    private static Path marker() throws Exception {
        Path marker = Files.createTempFile("synapse-wait-", ".marker");
        Files.delete(marker); // the client creates it when it reaches the step
        return marker;
    }

    private static Process clientWaitingAt(String step, Path marker, Path log, String url, String t, long[] keys)
            throws Exception {
        Process client = FaultSupport.client(List.of("-Dsynapse.test.waitAt=" + step + ":" + marker), log,
                "commit", url, t, keys[0] + "," + keys[1], "hold");
        ClusterSupport.waitFor(Duration.ofSeconds(60), () -> Files.exists(marker) || !client.isAlive() ? true : null);
        assertThat(client.isAlive()).as("client output: %s", FaultSupport.output(log)).isTrue();
        return client;
    }

    private static String outcome(Process client, Path log) throws Exception {
        return ClusterSupport.waitFor(Duration.ofSeconds(90), () -> {
            String out = FaultSupport.output(log);
            for (String line : out.split("\n")) {
                if (line.startsWith("committed") || line.startsWith("failed")) {
                    return line;
                }
            }
            assertThat(client.isAlive()).as("client output: %s", out).isTrue();
            return null;
        });
    }

    private static List<String> values(int node, String t) throws SQLException {
        return onNode(cluster.node(node), "SELECT v FROM " + t);
    }

    private static void stopClient(Process client) throws InterruptedException {
        client.destroyForcibly();
        client.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * The coordinator's node stops (SIGSTOP) as its COMMIT arrives: the client cannot learn the
     * outcome (its socket times out, the node cannot be asked), and the participant must stay
     * prepared. Once the node continues it runs the COMMIT it had received, and the participant
     * commits too. The old code rolled the participant back on the guess "not committed": the
     * coordinator then showed the new row and the participant none.
     */
    @Test
    void aCoordinatorPausedAsItsCommitArrivesLeavesTheParticipantPreparedAndThenCommitted() throws Exception {
        String t = ClusterSupport.table("pause_coord");
        long[] keys = table(t);
        Path marker = marker();
        Path log = Files.createTempFile("synapse-client-", ".log");
        Process client = clientWaitingAt("before-decision", marker, log, cluster.synapseUrl() + "&socketTimeout=3", t,
                keys);
        try {
            cluster.node(0).pause();
            try {
                Files.delete(marker);
                String outcome = outcome(client, log);
                assertThat(onNode(cluster.node(1), "SELECT count(*) FROM pg_prepared_xacts"))
                        .as("the participant was left prepared, not rolled back on a guess").containsExactly("1");
                assertThat(outcome).startsWith("failed 08007").contains("keep it prepared");
            } finally {
                cluster.node(0).resume();
            }
            // The client's own driver settles it once the coordinator answers: no recovery is asked for.
            ClusterSupport.waitFor(Duration.ofSeconds(30), () -> FaultSupport.preparedCount(cluster) == 0 ? true : null);
            assertThat(values(0, t)).containsExactly("crash");
            assertThat(values(1, t)).containsExactly("crash");
            assertThat(onNode(cluster.node(0), "SELECT outcome FROM synapse.transactions WHERE participants = 'g1,g2'"))
                    .contains("commit");
        } finally {
            stopClient(client);
        }
    }

    /**
     * The participant's node is killed (SIGKILL) between the decision and its COMMIT PREPARED.
     * Restarted at once, it is committed by the client itself, which tries again on a fresh
     * connection: the commit is complete when it returns. Kept down past that retry, the client
     * reports success with a warning, and once the node is back its row is committed and unlocked
     * within seconds, though the transaction is far younger than {@code recoveryMinAgeMs}: its
     * decision is known. The old code only warned, and left the row locked until recovery found
     * the transaction old enough (30 s).
     */
    @ParameterizedTest(name = "restarted {0}")
    @ValueSource(strings = {"at once", "after the client gave up"})
    void aParticipantKilledAfterTheDecisionIsCommittedWithinSeconds(String restarted) throws Exception {
        boolean atOnce = restarted.equals("at once");
        String t = ClusterSupport.table("killed_part");
        long[] keys = table(t);
        Path marker = marker();
        Path log = Files.createTempFile("synapse-client-", ".log");
        Process client = clientWaitingAt("after-decision", marker, log, cluster.synapseUrl(), t, keys);
        try {
            cluster.node(1).kill();
            try {
                if (atOnce) {
                    cluster.node(1).start();
                }
                Files.delete(marker);
                String outcome = outcome(client, log);
                if (atOnce) {
                    assertThat(outcome).isEqualTo("committed");
                    assertThat(FaultSupport.preparedCount(cluster)).isZero();
                } else {
                    assertThat(outcome).startsWith("committed with warning").contains("has not confirmed it yet");
                }
            } finally {
                cluster.node(1).start();
            }
            assertRowUnlockedWithin(1, t, keys[1]);
            assertThat(values(0, t)).containsExactly("crash");
            assertThat(values(1, t)).containsExactly("crash");
        } finally {
            stopClient(client);
        }
    }

    /**
     * A client killed (exit 137) right after its decision, or right after its first prepare: another
     * application on defaults finishes the transaction within seconds by itself, from the decision
     * or because the client's coordinator backend is gone. The old code waited until the
     * transaction was 30 s old.
     */
    @Test
    void aKilledClientsTransactionsAreSettledByAnotherApplicationWithinSeconds() throws Exception {
        try (SynapseDataSource other = new SynapseDataSource(cluster.synapseUrl());
                Connection running = other.getConnection()) {
            assertThat(running.isValid(5)).isTrue();
            for (String step : List.of("after-decision", "after-first-prepare")) {
                String t = ClusterSupport.table("killed_client");
                long[] keys = table(t);
                Path log = Files.createTempFile("synapse-client-", ".log");
                Process client = FaultSupport.client(step, log, "commit", cluster.synapseUrl(), t,
                        keys[0] + "," + keys[1]);
                assertThat(client.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(client.exitValue()).as("client output: %s", FaultSupport.output(log)).isEqualTo(137);
                assertRowUnlockedWithin(1, t, keys[1]);
                String expected = step.equals("after-decision") ? "crash" : null;
                assertThat(values(0, t)).as(step).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
                assertThat(values(1, t)).as(step).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
            }
        }
    }

    /**
     * Nothing is left prepared within 15 s, and the row of {@code key} on {@code node} can then be
     * locked at once. 15 s is half of {@code recoveryMinAgeMs}: only settling from the decision (or
     * from the coordinator backend's end) gets there in time.
     */
    private static void assertRowUnlockedWithin(int node, String t, long key) throws Exception {
        ClusterSupport.waitFor(Duration.ofSeconds(15), () -> FaultSupport.preparedCount(cluster) == 0 ? true : null);
        try (Connection c = cluster.node(node).connect(); Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '2s'");
            st.executeQuery("SELECT * FROM " + t + " WHERE k = " + key + " FOR UPDATE").close();
        }
    }
}
