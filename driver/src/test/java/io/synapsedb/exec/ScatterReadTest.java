package io.synapsedb.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The executor's fan-out on two real groups: the groups' parts run at the same time, a cancel
 * reaches every group, and a part that fails cancels the others (the error is that part's own).
 * Each node has its own {@code synapse_probe()}: it sleeps on one and, in the failure case, fails
 * on the other, so the test sees exactly what ran where.
 */
@LocalPostgres(nodes = 2)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScatterReadTest {

    static LocalCluster cluster;

    @BeforeAll
    static void table() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.synapseUrl() + "&recoveryIntervalMs=0");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE fan (k int PRIMARY KEY)");
            st.executeQuery("SELECT synapse.distribute_table('fan', 'k')").close();
            st.execute("INSERT INTO fan VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12)");
        }
    }

    /** Defines {@code synapse_probe()} on one node only, as the test needs it there. */
    private static void probe(int node, String body) throws SQLException {
        try (Connection c = cluster.node(node).connect(); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE FUNCTION synapse_probe() RETURNS int LANGUAGE plpgsql AS $$ BEGIN " + body
                    + " END $$");
        }
    }

    private static boolean probing(int node) throws SQLException {
        try (Connection c = cluster.node(node).connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                        + " AND query LIKE '%synapse_probe()%' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static void await(Duration timeout, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", timeout).isLessThan(deadline);
            Thread.sleep(20); // polling a condition with a deadline
        }
    }

    private static boolean quietly(int node, boolean expected) {
        try {
            return probing(node) == expected;
        } catch (SQLException e) {
            return false;
        }
    }

    private static CompletableFuture<Void> scatter(Statement st) {
        return CompletableFuture.runAsync(() -> {
            try (ResultSet rs = st.executeQuery("/*+ synapse:allow_fanout */ SELECT synapse_probe() FROM fan")) {
                while (rs.next()) {
                    rs.getInt(1);
                }
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static SQLException failureOf(CompletableFuture<Void> run) throws Exception {
        try {
            run.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (SQLException) e.getCause();
        }
        throw new AssertionError("the query succeeded");
    }

    @Test
    void theGroupsRunAtOnceAndACancelReachesEveryOne() throws Exception {
        probe(0, "PERFORM pg_sleep(60); RETURN 1;");
        probe(1, "PERFORM pg_sleep(60); RETURN 1;");
        try (Connection c = DriverManager.getConnection(cluster.synapseUrl() + "&recoveryIntervalMs=0");
                Statement st = c.createStatement()) {
            CompletableFuture<Void> run = scatter(st);
            await(Duration.ofSeconds(30), () -> quietly(0, true) && quietly(1, true));
            st.cancel();
            SQLException e = failureOf(run);
            assertThat(e.getSQLState()).isEqualTo("57014");
            await(Duration.ofSeconds(30), () -> quietly(0, false) && quietly(1, false));
        }
    }

    @Test
    void aGroupThatFailsCancelsTheOthersAndItsErrorIsReported() throws Exception {
        probe(0, "PERFORM pg_sleep(60); RETURN 1;");
        probe(1, "PERFORM pg_sleep(0.2); RAISE EXCEPTION 'group two refuses' USING ERRCODE = '22012';");
        try (Connection c = DriverManager.getConnection(cluster.synapseUrl() + "&recoveryIntervalMs=0");
                Statement st = c.createStatement()) {
            SQLException e = failureOf(scatter(st));
            assertThat(e.getSQLState()).isEqualTo("22012");
            assertThat(e.getMessage()).contains("group two refuses");
            await(Duration.ofSeconds(30), () -> quietly(0, false));
        }
    }
}
