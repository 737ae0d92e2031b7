package io.synapsedb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** One real 3-node cluster for the whole class; the last test closes it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalClusterTest {

    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.builder().name("test-local-cluster").nodes(3).durable(false).start();
    }

    @AfterAll
    static void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void everyNodeAnswersOnItsOwnPortAndDataDirectory() throws Exception {
        List<LocalNode> nodes = cluster.nodes();
        assertThat(nodes).hasSize(3);
        assertThat(nodes).extracting(LocalNode::port).doesNotHaveDuplicates().allMatch(p -> p > 0);
        assertThat(nodes).extracting(LocalNode::dataDir).doesNotHaveDuplicates();
        assertThat(nodes).extracting(LocalNode::pid).doesNotHaveDuplicates();
        for (LocalNode node : nodes) {
            assertThat(node.isRunning()).isTrue();
            assertThat(node.isReplica()).isFalse();
            assertThat(node.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + node.port() + "/synapsedb?user=postgres");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(node.dataDir()))).isEqualTo("rwx------");
            try (Connection c = node.connect()) {
                assertThat(query(c, "select 1")).isEqualTo("1");
                assertThat(query(c, "select current_database()")).isEqualTo("synapsedb");
                assertThat(query(c, "show max_prepared_transactions")).isEqualTo("64");
                assertThat(query(c, "show listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(query(c, "show fsync")).isEqualTo("off");
                assertThat(query(c, "select pg_postmaster_start_time() is not null")).isEqualTo("t");
                assertThat(query(c, "show data_directory")).isEqualTo(node.dataDir().toString());
                assertThat(query(c, "select version()")).contains("PostgreSQL " + cluster.postgresVersion());
            }
        }
        assertThat(cluster.postgresVersion()).matches("\\d+\\.\\d+");
        String expectedUrl = "jdbc:synapse://127.0.0.1:" + nodes.get(0).port() + ",127.0.0.1:" + nodes.get(1).port()
                + ",127.0.0.1:" + nodes.get(2).port() + "/synapsedb?user=postgres";
        assertThat(cluster.synapseUrl()).isEqualTo(expectedUrl);
    }

    @Test
    @Order(2)
    void stoppedNodeRestartsOnItsPortWithItsData() throws Exception {
        LocalNode node = cluster.node(1);
        int port = node.port();
        long oldPid = node.pid();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("create table kept_after_stop(id int primary key)");
            s.execute("insert into kept_after_stop values (7)");
        }
        node.stop();
        assertThat(node.isRunning()).isFalse();
        assertThat(isAlive(oldPid)).isFalse();
        assertThatThrownBy(node::connect).isInstanceOf(SQLException.class);

        node.start();
        assertThat(node.isRunning()).isTrue();
        assertThat(node.port()).isEqualTo(port);
        assertThat(node.pid()).isNotEqualTo(oldPid);
        try (Connection c = node.connect()) {
            assertThat(query(c, "select id from kept_after_stop")).isEqualTo("7");
        }
    }

    @Test
    @Order(3)
    void killedNodeRecoversWithItsCommittedData() throws Exception {
        LocalNode node = cluster.node(2);
        int port = node.port();
        long oldPid = node.pid();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            // The cluster runs with synchronous_commit=off; this commit must reach the WAL before the kill.
            s.execute("set synchronous_commit = on");
            s.execute("create table kept_after_kill(id int primary key)");
            s.execute("insert into kept_after_kill values (42)");
        }
        node.kill();
        assertThat(node.isRunning()).isFalse();
        assertThat(isAlive(oldPid)).isFalse();

        node.start();
        assertThat(node.port()).isEqualTo(port);
        try (Connection c = node.connect()) {
            assertThat(query(c, "select id from kept_after_kill")).isEqualTo("42");
        }
        node.start(); // already running: a no-op
        assertThat(node.isRunning()).isTrue();
    }

    @Test
    @Order(4)
    void replicaStreamsFromItsPrimary() throws Exception {
        LocalNode primary = cluster.node(0);
        LocalNode replica = cluster.addReplica(primary);
        assertThat(replica.isReplica()).isTrue();
        assertThat(replica.isRunning()).isTrue();
        assertThat(cluster.replicas()).containsExactly(replica);
        assertThat(cluster.nodes()).doesNotContain(replica);
        assertThat(cluster.nodes()).extracting(LocalNode::port).doesNotContain(replica.port());
        assertThat(replica.dataDir()).isNotEqualTo(primary.dataDir());

        try (Connection c = primary.connect(); Statement s = c.createStatement()) {
            s.execute("create table replicated(id int primary key, v text)");
            s.execute("insert into replicated values (1, 'streamed')");
        }
        try (Connection r = replica.connect()) {
            assertThat(query(r, "select pg_is_in_recovery()")).isEqualTo("t");
            assertThat(awaitValue(r, "select v from replicated where id = 1", Duration.ofSeconds(60))).isEqualTo("streamed");
        }
        try (Connection c = primary.connect()) {
            assertThat(query(c, "select count(*) from pg_stat_replication where application_name = 'node0_replica1'"))
                    .isEqualTo("1");
        }
    }

    @Test
    @Order(5)
    void closeStopsEveryServer() {
        List<LocalNode> all = new ArrayList<>(cluster.nodes());
        all.addAll(cluster.replicas());
        List<Long> pids = all.stream().map(LocalNode::pid).toList();
        assertThat(pids).allMatch(LocalClusterTest::isAlive);

        cluster.close();
        cluster.close(); // idempotent

        assertThat(pids).noneMatch(LocalClusterTest::isAlive);
        assertThat(all).noneMatch(LocalNode::isRunning);
        assertThat(all).noneMatch(n -> Files.exists(n.dataDir()));
    }

    static boolean isAlive(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive();
    }

    static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    /**
     * Polls {@code sql} until it returns a row (a replica applies WAL asynchronously); null after the
     * deadline.
     */
    static String awaitValue(Connection c, String sql, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = queryOrNull(c, sql);
        while (seen == null && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(20); // between polls of the condition, not a wait for an outcome
            seen = queryOrNull(c, sql);
        }
        return seen;
    }

    /** The first column of the first row, or null if the query returns no row or the table does not exist yet. */
    private static String queryOrNull(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined_table: the CREATE TABLE is not replayed yet
                return null;
            }
            throw e;
        }
    }
}
