package io.synapsedb.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.local.LocalCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The views' reads on a real node: a connection the server had already ended (what a pool can hand out
 * right after a restart) is retried once on a fresh one; an SQL error of the read itself is not retried.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeReadsTest {

    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder().name("test-node-reads").nodes(1).durable(false).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aConnectionTheServerEndedIsReadAgainOnAFreshOne() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        NodeReads.Opener opener = () -> {
            Connection c = cluster.node(0).connect();
            if (opens.incrementAndGet() == 1) {
                terminate(c); // the first connection handed out is already dead
            }
            return c;
        };
        List<NodeReads.Outcome<String>> out = NodeReads.readAll(List.of(opener), NodeReadsTest::version, 5000,
                ForkJoinPool.commonPool());
        assertThat(out).singleElement().satisfies(o -> {
            assertThat((Throwable) o.error()).isNull();
            assertThat(o.value()).startsWith("PostgreSQL");
        });
        assertThat(opens).hasValue(2);
    }

    @Test
    void anSqlErrorOfTheReadIsTheAnswerWithoutASecondAttempt() {
        AtomicInteger opens = new AtomicInteger();
        NodeReads.Opener opener = () -> {
            opens.incrementAndGet();
            return cluster.node(0).connect();
        };
        List<NodeReads.Outcome<String>> out = NodeReads.readAll(List.of(opener), c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT FROM no_such_table")) {
                return "unreachable";
            }
        }, 5000, ForkJoinPool.commonPool());
        assertThat(out).singleElement().satisfies(o -> assertThat(o.error().getSQLState()).isEqualTo("42P01"));
        assertThat(opens).hasValue(1);
    }

    @Test
    void aConnectionThatBreaksTwiceGivesTheSecondError() {
        NodeReads.Opener opener = () -> {
            Connection c = cluster.node(0).connect();
            terminate(c);
            return c;
        };
        List<NodeReads.Outcome<String>> out = NodeReads.readAll(List.of(opener), NodeReadsTest::version, 5000,
                ForkJoinPool.commonPool());
        assertThat(out).singleElement().satisfies(o -> {
            assertThat((Throwable) o.error()).isNotNull();
            assertThat(o.error().getSQLState()).matches("57P01|08\\d{3}");
        });
    }

    private static String version(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Ends {@code c}'s backend from another session, as a server shutdown or restart would. */
    private static void terminate(Connection c) throws SQLException {
        int pid;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        try (Connection admin = cluster.node(0).connect(); Statement st = admin.createStatement()) {
            st.execute("SELECT pg_terminate_backend(" + pid + ", 10000)");
        }
    }
}
