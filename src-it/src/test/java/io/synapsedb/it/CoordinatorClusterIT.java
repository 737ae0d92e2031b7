package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import io.synapsedb.local.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Driver cluster mode against a 3-member coordinator (standalone member JVMs, killed with SIGKILL)
 * and real PostgreSQL. Three applications are three drivers, each its own (non-voting) coordinator
 * member, with the catalog poll turned off ({@code catalogRefreshMs=0}): whatever they learn about
 * another application's change comes through the coordinator.
 * <p>
 * The tests run in order on one cluster: each step starts from the state the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@LocalPostgres(nodes = 2)
class CoordinatorClusterIT {

    private static LocalCluster cluster;
    private static CoordinatorMembers coordinator;
    private static Connection appA;
    private static Connection appB;
    private static Connection appC;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("synapse-coordinator-it");
        StringBuilder pg = new StringBuilder("  database: " + cluster.node(0).database() + "\n  user: "
                + cluster.node(0).user() + "\n  groups:\n");
        for (int i = 0; i < cluster.nodes().size(); i++) {
            LocalNode n = cluster.node(i);
            pg.append("    - { name: g").append(i + 1).append(", primary: '").append(n.host()).append(':')
                    .append(n.port()).append("' }\n");
        }
        coordinator = new CoordinatorMembers(dir, 3, pg.toString());
        coordinator.startAll();
        for (CoordinatorMembers.Member m : coordinator.members()) {
            coordinator.awaitReady(m);
        }
        appA = connect("appA");
        appB = connect("appB");
        appC = connect("appC");
        for (Connection c : List.of(appA, appB, appC)) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1"); // the runtime and its catalog exist before any declaration
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        ClusterSupport.closeApplications(appA, appB, appC);
        if (coordinator != null) {
            coordinator.close();
        }
    }

    private static Connection connect(String app) throws SQLException {
        return DriverManager.getConnection(ClusterSupport.clusterModeUrl(cluster, coordinator.urlMembers(),
                "&coordinatorMemberId=" + app + "&coordinatorTimeoutMs=3000"));
    }

    @Test
    @Order(1)
    void twoDriversSeeATableDeclaredByAThird() throws Exception {
        declareAndFill(appA, "acct");

        // Without the declaration a driver would read only its home group's rows.
        for (Connection other : List.of(appB, appC)) {
            ClusterSupport.waitFor(Duration.ofSeconds(60), () -> count(other, "acct") == 100 ? Boolean.TRUE : null);
        }
        assertThat(count(appB, "acct")).isEqualTo(100);
    }

    @Test
    @Order(2)
    void concurrentDdlFromTwoApplicationsLeavesEveryNodeWithTheSameSchema() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String app : List.of("a", "b")) {
                Connection c = app.equals("a") ? appA : appB;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 6; i++) {
                        try (Statement st = c.createStatement()) {
                            st.execute("ALTER TABLE acct ADD COLUMN " + app + "_" + i + " int");
                            st.execute("CREATE TABLE side_" + app + "_" + i + " (id bigint PRIMARY KEY)");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> columns0 = columnsOnNode(0, "acct");
        assertThat(columns0).hasSize(2 + 12);
        assertThat(columnsOnNode(1, "acct")).isEqualTo(columns0); // same columns in the same order
        long v0 = schemaVersionOnNode(0);
        assertThat(schemaVersionOnNode(1)).isEqualTo(v0);
        assertThat(v0).isGreaterThanOrEqualTo(2 + 24);
        assertThat(ClusterSupport.onNode(cluster.node(0), "SELECT count(*) FROM synapse.schema_history"))
                .isEqualTo(ClusterSupport.onNode(cluster.node(1), "SELECT count(*) FROM synapse.schema_history"));
        // The view shows the nodes' versions and the coordinator's, which catches up with the last change.
        ClusterSupport.waitFor(Duration.ofSeconds(60), () -> ClusterSupport.firstColumn(appC,
                "SELECT count(DISTINCT schema_version) FROM synapse.schema_versions").equals(List.of("1")) ? Boolean.TRUE : null);
        assertThat(ClusterSupport.firstColumn(appC, "SELECT schema_version FROM synapse.schema_versions WHERE group_name = 'coordinator'"))
                .containsExactly(Long.toString(v0));
    }

    @Test
    @Order(3)
    void killingOneMemberKeepsEverythingWorking() throws Exception {
        coordinator.kill(coordinator.member(0));

        assertThat(count(appB, "acct")).isEqualTo(100); // the data path never waited for the coordinator
        // A declaration may wait out a Raft election; then it goes through the two survivors.
        ClusterSupport.waitFor(Duration.ofSeconds(90), () -> {
            try {
                declareAndFill(appA, "acct_one_down");
                return Boolean.TRUE;
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as(e.getMessage()).isIn("08006", "08007", "55P03", "42P07");
                dropQuietly("acct_one_down");
                return null;
            }
        });
        ClusterSupport.waitFor(Duration.ofSeconds(60),
                () -> count(appC, "acct_one_down") == 100 ? Boolean.TRUE : null);
    }

    @Test
    @Order(4)
    void killingTwoKeepsTheDataPathWhileCatalogChangesFailClearly() throws Exception {
        coordinator.kill(coordinator.member(1));
        long versionBefore = schemaVersionOnNode(0);
        List<String> columnsBefore = columnsOnNode(0, "acct");

        try (PreparedStatement ps = appB.prepareStatement("INSERT INTO acct(id, balance) VALUES (?, 10)")) {
            for (int id = 101; id <= 120; id++) {
                ps.setInt(1, id);
                ps.executeUpdate();
            }
        }
        assertThat(count(appB, "acct")).isEqualTo(120);
        assertThat(count(appC, "acct_one_down")).isEqualTo(100);

        SQLException ddl = failure(appA, "ALTER TABLE acct ADD COLUMN no_quorum int");
        assertThat(ddl.getSQLState()).isIn("08006", "08007");
        assertThat(ddl.getMessage()).contains("coordinator").contains("Nothing was changed");

        SQLException declare = failure(appA, "SELECT synapse.reference_table('side_a_0')");
        assertThat(declare.getSQLState()).isIn("08006", "08007");

        assertThat(columnsOnNode(0, "acct")).isEqualTo(columnsBefore);
        assertThat(columnsOnNode(1, "acct")).isEqualTo(columnsBefore);
        ClusterSupport.waitFor(Duration.ofSeconds(60), () -> ClusterSupport.firstColumn(appB, "SELECT name FROM synapse.cluster_nodes"
                + " WHERE kind = 'coordinator' AND state = 'unreachable' ORDER BY name").equals(List.of("c1", "c2"))
                ? Boolean.TRUE : null);
        assertThat(ClusterSupport.firstColumn(appB, "SELECT state FROM synapse.cluster_nodes WHERE kind = 'postgres'"))
                .containsExactly("up", "up");
        assertThat(schemaVersionOnNode(0)).isEqualTo(versionBefore);
        assertThat(schemaVersionOnNode(1)).isEqualTo(versionBefore);
        assertThat(count(appA, "acct")).isEqualTo(120);
    }

    @Test
    @Order(5)
    void restartingThemRestoresCatalogChanges() throws Exception {
        coordinator.start(coordinator.member(0));
        coordinator.start(coordinator.member(1));
        coordinator.awaitReady(coordinator.member(0));
        coordinator.awaitReady(coordinator.member(1));

        ClusterSupport.waitFor(Duration.ofSeconds(120), () -> {
            try {
                declareAndFill(appA, "acct_restored");
                return Boolean.TRUE;
            } catch (SQLException e) {
                dropQuietly("acct_restored");
                return null;
            }
        });
        for (Connection other : List.of(appB, appC)) {
            ClusterSupport.waitFor(Duration.ofSeconds(60),
                    () -> count(other, "acct_restored") == 100 ? Boolean.TRUE : null);
        }
        assertThat(schemaVersionOnNode(1)).isEqualTo(schemaVersionOnNode(0));
    }

    // ----------------------------------------------------------------------------------------------

    private static void declareAndFill(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, balance bigint NOT NULL)");
            st.execute("SELECT synapse.distribute_table('" + table + "', 'id')");
        }
        ClusterSupport.insertIds(c, "INSERT INTO " + table + "(id, balance) VALUES (?, 10)", 100);
    }

    /** Drops a half-made table directly on every node (its declaration never happened). */
    private static void dropQuietly(String table) {
        for (LocalNode n : cluster.nodes()) {
            try (Connection c = n.connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + table);
            } catch (SQLException ignored) {
                // the next attempt reports what is wrong
            }
        }
    }

    /** The error {@code sql} fails with; the test fails if it succeeds. */
    private static SQLException failure(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected " + sql + " to fail");
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> columnsOnNode(int node, String table) throws SQLException {
        return ClusterSupport.onNode(cluster.node(node), "SELECT attname FROM pg_attribute WHERE attrelid = '"
                + table + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
    }

    private static long schemaVersionOnNode(int node) throws SQLException {
        List<String> v = ClusterSupport.onNode(cluster.node(node),
                "SELECT value FROM synapse.meta WHERE key = 'ddl_version'");
        return v.isEmpty() ? 0 : Long.parseLong(v.get(0));
    }
}
