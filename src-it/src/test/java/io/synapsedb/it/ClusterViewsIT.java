package io.synapsedb.it;

import static io.synapsedb.it.ClusterSupport.onNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import io.synapsedb.local.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver's views of the cluster, {@code synapse.cluster_nodes} and {@code synapse.schema_versions},
 * on three real servers in static mode: live node states (also with a node stopped), each node's own
 * schema record, and ordinary SQL over them (parameters, aggregates, transactions).
 */
@LocalPostgres(nodes = 3)
class ClusterViewsIT {

    private static LocalCluster cluster;
    private static Connection conn;

    @BeforeAll
    static void connect() throws Exception {
        conn = ClusterSupport.connect(cluster, "connectionTimeoutMs=1000");
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (conn != null) {
            conn.close();
        }
    }

    private static String address(LocalNode n) {
        return n.host() + ":" + n.port() + "/" + n.database();
    }

    /** name → {address, role, state, detail} of the postgres rows. */
    private static Map<String, List<String>> nodes(Connection c) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, address, role, state, detail FROM synapse.cluster_nodes"
                        + " WHERE kind = 'postgres' ORDER BY name")) {
            while (rs.next()) {
                out.put(rs.getString(1), List.of(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return out;
    }

    /** group_name → {schema_version, catalog_version, last_change, state} of the node rows. */
    private static Map<String, List<String>> versions(Connection c) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT group_name, schema_version, catalog_version,"
                + " last_change, state FROM synapse.schema_versions WHERE group_name <> ? ORDER BY group_name");) {
            ps.setString(1, "coordinator");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 2; i <= 5; i++) {
                        row.add(rs.getString(i));
                    }
                    out.put(rs.getString(1), row);
                }
            }
        }
        return out;
    }

    private static Map<String, List<String>> allUp() throws SQLException {
        Map<String, List<String>> n = nodes(conn);
        return n.values().stream().allMatch(r -> r.get(2).equals("up")) ? n : null;
    }

    @Test
    void everyPrimaryIsUpAndOrdinarySqlWorksOverTheView() throws Exception {
        Map<String, List<String>> n = ClusterSupport.waitFor(Duration.ofSeconds(60), ClusterViewsIT::allUp);
        assertThat(n.keySet()).containsExactly("g1", "g2", "g3");
        for (int i = 0; i < 3; i++) {
            List<String> row = n.get("g" + (i + 1));
            assertThat(row.subList(0, 3)).containsExactly(address(cluster.node(i)), "primary", "up");
            assertThat(row.get(3)).startsWith("server_version ").endsWith("in recovery: no");
        }
        // Static mode: no coordinator rows.
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM synapse.cluster_nodes"
                + " WHERE state = ? AND name <> ?")) {
            ps.setString(1, "up");
            ps.setString(2, "g2");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT kind, count(*), min(synapse.cluster_nodes.name)"
                        + " FROM synapse.cluster_nodes GROUP BY kind")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("postgres");
            assertThat(rs.getLong(2)).isEqualTo(3);
            assertThat(rs.getString(3)).isEqualTo("g1");
            assertThat(rs.next()).isFalse();
        }
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM synapse.schema_versions LIMIT 1")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(7);
            assertThat(md.getColumnName(3)).isEqualTo("schema_version");
            assertThat(md.getColumnTypeName(3)).isEqualTo("int8");
            assertThat(md.getColumnTypeName(6)).isEqualTo("timestamptz");
        }
    }

    @Test
    void theViewsCanBeReadInsideATransaction() throws Exception {
        String t = distributedTable("views_txn", "k bigint PRIMARY KEY, v text");
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.executeUpdate("INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM synapse.schema_versions WHERE state = 'ok'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM synapse.cluster_nodes")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
            conn.commit();
        } finally {
            conn.setAutoCommit(true);
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
        }
    }

    @Test
    void writingToAViewIsRefused() throws Exception {
        try (Statement st = conn.createStatement()) {
            for (String sql : List.of("INSERT INTO synapse.cluster_nodes (kind) VALUES ('x')",
                    "UPDATE synapse.schema_versions SET state = 'x'",
                    "DELETE FROM synapse.distributed_transactions")) {
                assertThatThrownBy(() -> st.execute(sql)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("read-only view answered by the driver")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
            }
        }
    }

    @Test
    void everyNodeShowsItsOwnSchemaRecord() throws Exception {
        String t = distributedTable("views_schema", "k bigint PRIMARY KEY");
        Map<String, List<String>> v = versions(conn);
        assertThat(v.keySet()).containsExactly("g1", "g2", "g3");
        assertThat(v.values()).allSatisfy(r -> assertThat(r.get(3)).isEqualTo("ok"));
        assertThat(v.values().stream().map(r -> r.get(0)).distinct()).hasSize(1);
        assertThat(v.values().stream().map(r -> r.get(1)).distinct()).hasSize(1);
        assertThat(Long.parseLong(v.get("g1").get(1))).isPositive(); // the distribute_table changed the catalog
        assertThat(sameSchemaEverywhere()).isTrue();

        // One node records another version and change: the view reads each node's own values.
        LocalNode g3 = cluster.node(2);
        List<String> before = onNode(g3, "SELECT value FROM synapse.meta WHERE key = 'ddl_version'");
        long changed = (before.isEmpty() ? 0 : Long.parseLong(before.get(0))) + 1000;
        try (Connection c = g3.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO synapse.meta (key, value) VALUES ('ddl_version', '" + changed + "')"
                    + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value");
            st.execute("INSERT INTO synapse.schema_history (version, change) VALUES (" + changed
                    + ", 'ALTER TABLE " + t + " (by hand)')");
        }
        try {
            v = versions(conn);
            assertThat(v.get("g3").subList(0, 3)).containsExactly(Long.toString(changed), v.get("g1").get(1),
                    "ALTER TABLE " + t + " (by hand)");
            assertThat(v.get("g1").get(0)).isNotEqualTo(Long.toString(changed));
            assertThat(sameSchemaEverywhere()).isFalse();
            try (Statement st = conn.createStatement();
                    ResultSet rs = st.executeQuery("SELECT applied_at FROM synapse.schema_versions"
                            + " WHERE group_name = 'g3'")) {
                rs.next();
                assertThat(rs.getTimestamp(1)).isNotNull();
            }
        } finally {
            try (Connection c = g3.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM synapse.schema_history WHERE version = " + changed);
                if (before.isEmpty()) {
                    st.execute("DELETE FROM synapse.meta WHERE key = 'ddl_version'");
                } else {
                    st.execute("UPDATE synapse.meta SET value = '" + before.get(0) + "' WHERE key = 'ddl_version'");
                }
            }
        }
        assertThat(sameSchemaEverywhere()).isTrue();
    }

    /** The check the README shows. */
    private static boolean sameSchemaEverywhere() throws SQLException {
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(DISTINCT schema_version) FROM synapse.schema_versions"
                        + " WHERE group_name <> 'coordinator'")) {
            rs.next();
            return rs.getLong(1) == 1;
        }
    }

    @Test
    void aReplicaIsCheckedBesideItsPrimary() throws Exception {
        LocalNode primary = cluster.node(1);
        LocalNode replica = cluster.addReplica(primary);
        StringBuilder yaml = new StringBuilder("database: " + primary.database() + "\nuser: " + primary.user()
                + "\npool: { connectionTimeoutMs: 1000 }\ngroups:\n");
        for (int i = 0; i < 3; i++) {
            LocalNode n = cluster.node(i);
            yaml.append("  - name: g").append(i + 1).append("\n    primary: ").append(n.host()).append(':')
                    .append(n.port()).append('\n');
            if (i == 1) {
                yaml.append("    replicas: [").append(replica.host()).append(':').append(replica.port()).append("]\n");
            }
        }
        Path file = Files.createTempFile(cluster.baseDir(), "views", ".yaml");
        Files.writeString(file, yaml);
        try (Connection c = DriverManager.getConnection("jdbc:synapse:?config=" + file);
                PreparedStatement ps = c.prepareStatement("SELECT role, address, state, detail FROM"
                        + " synapse.cluster_nodes WHERE name = ? ORDER BY role")) {
            ps.setString(1, "g2");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                        .containsExactly("primary", address(primary), "up");
                assertThat(rs.getString(4)).endsWith("in recovery: no");
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                        .containsExactly("replica", address(replica), "up");
                assertThat(rs.getString(4)).endsWith("in recovery: yes");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aStoppedNodeIsDownWhileTheOthersAnswerEvenWhenItIsTheHomeGroup() throws Exception {
        // A runtime of its own (other URL), so that its breakers do not affect the other tests.
        try (Connection down = ClusterSupport.connect(cluster, "connectionTimeoutMs=1000&ApplicationName=views-down")) {
            assertThat(nodes(down).values()).allSatisfy(r -> assertThat(r.get(2)).isEqualTo("up"));
            LocalNode home = cluster.node(0);
            home.stop();
            try {
                Map<String, List<String>> n = nodes(down);
                assertThat(n.get("g1").subList(0, 3)).containsExactly(address(home), "primary", "down");
                assertThat(n.get("g1").get(3)).matches("08\\d{3}: .+").contains(Integer.toString(home.port()));
                assertThat(n.get("g2").get(2)).isEqualTo("up");
                assertThat(n.get("g3").get(2)).isEqualTo("up");

                Map<String, List<String>> v = versions(down);
                assertThat(v.get("g1")).containsExactly(null, null, null, "unreachable");
                assertThat(v.get("g2").get(3)).isEqualTo("ok");
                assertThat(v.get("g3").get(3)).isEqualTo("ok");
            } finally {
                home.start();
            }
            ClusterSupport.waitFor(Duration.ofSeconds(60), () -> {
                Map<String, List<String>> n = nodes(down);
                return n.values().stream().allMatch(r -> r.get(2).equals("up")) ? n : null;
            });
        }
        ClusterSupport.waitFor(Duration.ofSeconds(60), ClusterViewsIT::allUp);
    }

    /** A new table (a fresh name from {@code prefix}) distributed by its column {@code k}. */
    private static String distributedTable(String prefix, String columns) throws SQLException {
        String t = ClusterSupport.table(prefix);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + t + " (" + columns + ")");
            st.executeQuery("SELECT synapse.distribute_table('" + t + "', 'k')").close();
        }
        return t;
    }
}
