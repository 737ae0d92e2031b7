package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.local.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bank test: accounts over three groups, concurrent transfers from a client JVM, nodes killed
 * (SIGKILL) and restarted at random, the client killed once. Afterwards money is neither created
 * nor lost, every transfer the client saw acknowledged is there, every account's balance agrees
 * with the transfers recorded, and nothing is left prepared.
 */
class BankIT {

    private static final int ACCOUNTS = 30;
    private static final long OPENING = 1000;

    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = FaultSupport.start("bank-it");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void transfersSurviveNodeAndClientCrashes() throws Exception {
        String url = cluster.synapseUrl() + "&" + FaultSupport.LIVE_CLIENT_OPTIONS;
        try (Connection c = ClusterSupport.connect(cluster, FaultSupport.OPTIONS); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL)");
            st.executeQuery("SELECT synapse.distribute_table('accounts', 'id')").close();
            st.execute("CREATE TABLE transfers (id bigint PRIMARY KEY, from_account int NOT NULL,"
                    + " to_account int NOT NULL, amount bigint NOT NULL)");
            st.executeQuery("SELECT synapse.distribute_table('transfers', 'id')").close();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, balance) VALUES (?, ?)")) {
                for (int i = 0; i < ACCOUNTS; i++) {
                    ps.setInt(1, i);
                    ps.setLong(2, OPENING);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        Path ack = Files.createTempFile("synapse-bank-ack-", ".txt");
        Path log = Files.createTempFile("synapse-bank-client-", ".log");
        Process client = FaultSupport.client(null, log, "bank", url, ack.toString(), "4", "100000", "120",
                Integer.toString(ACCOUNTS));
        Random random = new Random(42);
        try {
            for (int round = 0; round < 3; round++) {
                long before = acknowledged(ack).size();
                ClusterSupport.waitFor(Duration.ofSeconds(90), () -> acknowledged(ack).size() >= before + 15
                        || !client.isAlive() ? Boolean.TRUE : null);
                assertThat(client.isAlive()).as("client output: %s", FaultSupport.output(log)).isTrue();
                int victim = random.nextInt(3);
                cluster.node(victim).kill();
                cluster.node(victim).start();
            }
            long before = acknowledged(ack).size();
            ClusterSupport.waitFor(Duration.ofSeconds(90),
                    () -> acknowledged(ack).size() >= before + 15 || !client.isAlive() ? Boolean.TRUE : null);
        } finally {
            client.destroyForcibly(); // SIGKILL, in whatever step of whatever commit it is
            client.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(client.exitValue()).as("client output: %s", FaultSupport.output(log)).isEqualTo(137);

        try (Connection conn = ClusterSupport.connect(cluster, FaultSupport.OPTIONS)) {
            FaultSupport.recoverUntilNothingPrepared(cluster, conn, Duration.ofSeconds(90));
        }

        Map<Integer, Long> balances = new HashMap<>();
        Map<Integer, Long> expected = new HashMap<>();
        Set<String> transfers = new HashSet<>();
        for (int g = 0; g < 3; g++) {
            for (String row : ClusterSupport.onNode(cluster.node(g), "SELECT id || ' ' || balance FROM accounts")) {
                String[] f = row.split(" ");
                balances.put(Integer.parseInt(f[0]), Long.parseLong(f[1]));
            }
            for (String row : ClusterSupport.onNode(cluster.node(g),
                    "SELECT id || ' ' || from_account || ' ' || to_account || ' ' || amount FROM transfers")) {
                String[] f = row.split(" ");
                transfers.add(f[0]);
                expected.merge(Integer.parseInt(f[1]), -Long.parseLong(f[3]), Long::sum);
                expected.merge(Integer.parseInt(f[2]), Long.parseLong(f[3]), Long::sum);
            }
        }
        assertThat(balances).hasSize(ACCOUNTS);
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ACCOUNTS * OPENING);
        for (int i = 0; i < ACCOUNTS; i++) {
            assertThat(balances.get(i)).as("account %d", i).isEqualTo(OPENING + expected.getOrDefault(i, 0L));
        }
        List<String> acked = acknowledged(ack);
        assertThat(acked.size()).isGreaterThanOrEqualTo(60);
        assertThat(transfers).containsAll(acked);
        Files.deleteIfExists(ack);
        Files.deleteIfExists(log);
    }

    private static List<String> acknowledged(Path ack) throws java.io.IOException {
        // Only complete lines: the client may be killed in the middle of writing one.
        String text = Files.readString(ack);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }
}
