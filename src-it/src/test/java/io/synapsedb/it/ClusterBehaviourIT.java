package io.synapsedb.it;

import static io.synapsedb.it.ClusterSupport.onNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synapsedb.jdbc.SynapseDataSource;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Catalog persistence, several applications, pools, breakers and metrics on a real cluster. */
@LocalPostgres(nodes = 3)
class ClusterBehaviourIT {

    private static LocalCluster cluster;

    /** A data source that is its own application: its own runtime, pools and key allocator. */
    private static SynapseDataSource application(String name) {
        SynapseDataSource ds = new SynapseDataSource(cluster.synapseUrl() + "&ApplicationName=" + name);
        ds.setMeterRegistry(new SimpleMeterRegistry());
        return ds;
    }

    @Test
    void aRestartedApplicationFindsTheSameLayout() throws SQLException {
        String t = ClusterSupport.table("persist");
        try (SynapseDataSource first = application("first"); Connection c = first.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (k bigint PRIMARY KEY, v text)");
            st.execute("SELECT synapse.distribute_table('" + t + "', 'k')");
            st.executeUpdate("INSERT INTO " + t + " VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        }
        try (SynapseDataSource second = application("second"); Connection c = second.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT v FROM " + t + " WHERE k = ?")) {
            for (long k = 1; k <= 3; k++) {
                ps.setLong(1, k);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("key %d", k).isTrue();
                }
            }
        }
    }

    @Test
    void concurrentInsertsFromSeveralApplicationsNeverCollide() throws Exception {
        String t = ClusterSupport.table("serials");
        try (SynapseDataSource admin = application("admin"); Connection c = admin.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id BIGSERIAL PRIMARY KEY, app text, n int)");
            st.execute("SELECT synapse.distribute_table('" + t + "', 'id')");
        }
        int apps = 3;
        int threadsPerApp = 2;
        int rowsPerThread = 150;
        List<SynapseDataSource> sources = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(apps * threadsPerApp);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int a = 0; a < apps; a++) {
                SynapseDataSource ds = application("app" + a);
                sources.add(ds);
                for (int th = 0; th < threadsPerApp; th++) {
                    String app = "app" + a;
                    futures.add(pool.submit(() -> {
                        try (Connection c = ds.getConnection();
                                PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (app, n) VALUES (?, ?)")) {
                            for (int i = 0; i < rowsPerThread; i++) {
                                ps.setString(1, app);
                                ps.setInt(2, i);
                                ps.executeUpdate();
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            sources.forEach(SynapseDataSource::close);
        }
        List<Long> ids = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            onNode(cluster.node(n), "SELECT id FROM " + t).forEach(s -> ids.add(Long.parseLong(s)));
        }
        assertThat(ids).hasSize(apps * threadsPerApp * rowsPerThread).doesNotHaveDuplicates();
    }

    @Test
    void hikariOverTheDriverUrlAndMetrics() throws SQLException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String t = ClusterSupport.table("hikari");
        try (SynapseDataSource ds = new SynapseDataSource(cluster.synapseUrl() + "&ApplicationName=metrics")) {
            ds.setMeterRegistry(registry);
            HikariConfig hc = new HikariConfig();
            hc.setDataSource(ds);
            hc.setMaximumPoolSize(2);
            try (HikariDataSource hikari = new HikariDataSource(hc); Connection c = hikari.getConnection();
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + t + " (k int PRIMARY KEY)");
                st.execute("SELECT synapse.distribute_table('" + t + "', 'k')");
                st.executeUpdate("INSERT INTO " + t + " VALUES (1)");
                try (ResultSet rs = st.executeQuery("SELECT k FROM " + t + " WHERE k = 1")) {
                    assertThat(rs.next()).isTrue();
                }
                assertThat(registry.get("synapse.statements").tag("route", "single").counter().count())
                        .isGreaterThanOrEqualTo(2);
                assertThat(registry.get("synapse.statements").tag("route", "broadcast").counter().count())
                        .isGreaterThanOrEqualTo(2);
                assertThat(registry.find("synapse.group.latency").timers()).hasSize(3);
                assertThat(registry.find("synapse.breaker.state").gauges()).hasSize(3);
                assertThat(registry.find("hikaricp.connections").gauges()).isNotEmpty();
            }
        }
    }

    @Test
    void aNodeThatIsDownFailsFastWithA08StateNamingTheNode() throws Exception {
        LocalCluster small = ClusterSupport.start("node-down-it", 2);
        try {
            String t = ClusterSupport.table("down");
            String url = small.synapseUrl() + "&connectionTimeoutMs=250&breakerMinimumCalls=2&breakerOpenMs=60000";
            try (Connection c = java.sql.DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + t + " (k bigint PRIMARY KEY)");
                st.execute("SELECT synapse.distribute_table('" + t + "', 'k')");
            }
            small.node(1).kill();
            long keyOnNode1 = 0;
            while (ClusterSupport.owner(2, io.synapsedb.core.KeyType.INT8, keyOnNode1) != 1) {
                keyOnNode1++;
            }
            String node1 = "127.0.0.1:" + small.node(1).port();
            // Every failure is a 08 state naming the node, until the node's breaker opens.
            boolean open = false;
            for (int i = 0; i < 30 && !open; i++) {
                try (Connection c = java.sql.DriverManager.getConnection(url);
                        PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
                    ps.setLong(1, keyOnNode1);
                    Throwable e = org.assertj.core.api.Assertions.catchThrowable(ps::executeUpdate);
                    assertThat(e).isInstanceOf(SQLException.class).hasMessageContaining(node1);
                    assertThat(((SQLException) e).getSQLState()).startsWith("08");
                    open = e.getMessage().contains("circuit breaker is open");
                }
            }
            assertThat(open).as("breaker opened").isTrue();
            try (Connection c = java.sql.DriverManager.getConnection(url);
                    PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
                ps.setLong(1, keyOnNode1);
                assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("circuit breaker is open");
            }
            // The breaker's own message: it failed before any connection attempt to the node.
            // The other group keeps working.
            long keyOnNode0 = 0;
            while (ClusterSupport.owner(2, io.synapsedb.core.KeyType.INT8, keyOnNode0) != 0) {
                keyOnNode0++;
            }
            try (Connection c = java.sql.DriverManager.getConnection(url);
                    PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
                ps.setLong(1, keyOnNode0);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            assertThat(onNode(small.node(0), "SELECT count(*) FROM " + t)).containsExactly("1");
        } finally {
            small.close();
        }
    }

    @Test
    void logicalConnectionsOfOneUrlSharePools() throws SQLException {
        String url = cluster.synapseUrl() + "&ApplicationName=shared";
        try (Connection a = java.sql.DriverManager.getConnection(url);
                Connection b = java.sql.DriverManager.getConnection(url)) {
            a.createStatement().execute("SELECT 1");
            b.createStatement().execute("SELECT 1");
            List<String> backends = onNode(cluster.node(0),
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'shared'");
            assertThat(Integer.parseInt(backends.get(0))).isBetween(2, 10);
        }
    }

    @Test
    void yamlConfigDeclaresGroupsAndTables(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String t = ClusterSupport.table("yaml_orders");
        String ref = ClusterSupport.table("yaml_countries");
        StringBuilder yaml = new StringBuilder("database: synapsedb\nuser: postgres\npool: { size: 4 }\ngroups:\n");
        for (int i = 0; i < 3; i++) {
            yaml.append("  - { name: g").append(i + 1).append(", primary: 127.0.0.1:").append(cluster.node(i).port())
                    .append(" }\n");
        }
        yaml.append("tables:\n  - { name: ").append(t).append(", shardKey: customer_id, slots: 64 }\n");
        yaml.append("  - { name: ").append(ref).append(", type: reference }\n");
        java.nio.file.Path file = dir.resolve("synapse.yaml");
        java.nio.file.Files.writeString(file, yaml.toString());
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:synapse:?config=" + file);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (customer_id bigint PRIMARY KEY, v text)");
            st.execute("CREATE TABLE " + ref + " (code text PRIMARY KEY)");
            st.executeUpdate("INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
            st.executeUpdate("INSERT INTO " + ref + " VALUES ('de')");
        }
        int partitions = 0;
        for (int n = 0; n < 3; n++) {
            partitions += Integer.parseInt(onNode(cluster.node(n), "SELECT count(*) FROM pg_inherits WHERE inhparent = '"
                    + t + "'::regclass").get(0));
            assertThat(onNode(cluster.node(n), "SELECT count(*) FROM " + ref)).containsExactly("1");
            for (String k : onNode(cluster.node(n), "SELECT customer_id FROM " + t)) {
                assertThat(ClusterSupport.owner(3, io.synapsedb.core.KeyType.INT8, Long.parseLong(k), 64)).isEqualTo(n);
            }
        }
        assertThat(partitions).isEqualTo(64);
    }

    @Test
    void aRefusalDoesNotMakeHikariCloseTheConnectionWithTheOverride() throws SQLException {
        String t = ClusterSupport.table("refusal");
        try (SynapseDataSource ds = application("hikari-override")) {
            HikariConfig hc = new HikariConfig();
            hc.setDataSource(ds);
            hc.setMaximumPoolSize(1);
            hc.setExceptionOverrideClassName(io.synapsedb.jdbc.HikariExceptionOverride.class.getName());
            try (HikariDataSource hikari = new HikariDataSource(hc); Connection c = hikari.getConnection()) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE " + t + " (k bigint PRIMARY KEY, v text)");
                    st.execute("SELECT synapse.distribute_table('" + t + "', 'k')");
                }
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO " + t + " VALUES (1, 'kept')");
                    assertThatThrownBy(() -> st.executeQuery("SELECT string_agg(v, ',') FROM " + t))
                            .isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
                    st.executeUpdate("INSERT INTO " + t + " VALUES (2, 'kept')");
                }
                c.commit();
                assertThat(c.isClosed()).isFalse();
            }
        }
        long rows = 0;
        for (int n = 0; n < 3; n++) {
            rows += Long.parseLong(onNode(cluster.node(n), "SELECT count(*) FROM " + t).get(0));
        }
        assertThat(rows).isEqualTo(2);
    }
}
