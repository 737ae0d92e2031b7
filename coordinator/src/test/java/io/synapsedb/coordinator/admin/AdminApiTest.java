package io.synapsedb.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.Eventually;
import io.synapsedb.coordinator.MemberAddress;
import io.synapsedb.coordinator.TestMembers;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import io.synapsedb.txn.GlobalTransactionId;

/**
 * The admin HTTP API of a single-member coordinator over a real 2-node PostgreSQL cluster, through
 * java.net.http.HttpClient; and the leader jobs of that (leading) member settling an orphaned prepared
 * transaction.
 */
class AdminApiTest {

    @TempDir
    static Path dir;

    static LocalCluster cluster;
    static Coordinator coordinator;
    static ClusterAdmin admin;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder().name("coordinator-admin").nodes(2).durable(false).start();
        // The driver creates the synapse schema and a distributed table: what /tables and /schema read.
        try (Connection c = DriverManager.getConnection(cluster.synapseUrl()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (customer_id bigint, id bigint, PRIMARY KEY (customer_id, id))");
            st.execute("SELECT synapse.distribute_table('orders', 'customer_id', 8)");
        }
        MemberAddress self = TestMembers.addresses(1).get(0);
        coordinator = Coordinator.start(TestMembers.config(self, List.of(self), dir));
        List<PostgresGroups.Group> groups = List.of(
                new PostgresGroups.Group("g1", cluster.node(0).host(), cluster.node(0).port()),
                new PostgresGroups.Group("g2", cluster.node(1).host(), cluster.node(1).port()));
        admin = ClusterAdmin.start(coordinator, AdminConfig.builder()
                .groups(new PostgresGroups(cluster.node(0).database(), cluster.node(0).user(), null, groups, 5))
                .jobInterval(Duration.ofMillis(200)).recoveryMinAge(Duration.ofMillis(200)).build());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusNamesTheMemberTheLeaderAndTheQuorum() throws Exception {
        Eventually.await(Duration.ofSeconds(30), "this member leads", () -> admin.jobs().runs() > 0);
        HttpResponse<String> r = get("/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        String id = coordinator.localMemberId();
        assertThat(r.body()).startsWith("{\"member\":\"" + id + "\"").contains("\"leader\":\"" + id + "\"",
                "\"isLeader\":true", "\"quorum\":true", "\"voters\":1", "\"reachable\":true", "\"voter\":true");
    }

    @Test
    void groupsNodesTablesAndSchemaComeFromTheNodes() throws Exception {
        LocalNode n1 = cluster.node(0);
        HttpResponse<String> nodes = get("/nodes");
        assertThat(nodes.statusCode()).isEqualTo(200);
        assertThat(nodes.body()).contains("{\"group\":\"g1\",\"address\":\"" + n1.host() + ":" + n1.port()
                + "\",\"role\":\"primary\",\"up\":true").contains("\"group\":\"g2\"").doesNotContain("\"up\":false");

        HttpResponse<String> tables = get("/tables");
        assertThat(tables.statusCode()).isEqualTo(200);
        assertThat(tables.body()).contains("{\"name\":\"orders\",\"kind\":\"distributed\",\"shardKey\":\"customer_id\","
                + "\"keyType\":\"int8\",\"slots\":8}");

        HttpResponse<String> groups = get("/groups");
        assertThat(groups.statusCode()).isEqualTo(200);
        // the 8 slots of orders split over both groups: the two counts add up to 8
        String body = groups.body();
        int g1 = slotsOf(body, "g1");
        int g2 = slotsOf(body, "g2");
        assertThat(g1 + g2).isEqualTo(8);
        assertThat(body).contains("\"database\":\"" + n1.database() + "\"", "\"up\":true");

        HttpResponse<String> schema = get("/schema");
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("\"consistent\":true", "\"recordedGroup\":\"g1\"", "\"recordedGroup\":\"g2\"")
                .doesNotContain("\"catalogVersion\":null");
    }

    private static int slotsOf(String groupsJson, String group) {
        int at = groupsJson.indexOf("\"name\":\"" + group + "\"");
        int owned = groupsJson.indexOf("\"slotsOwned\":{\"8\":", at);
        assertThat(at).isNotNegative();
        assertThat(owned).isGreaterThan(at);
        int start = owned + "\"slotsOwned\":{\"8\":".length();
        int end = start;
        while (Character.isDigit(groupsJson.charAt(end))) {
            end++;
        }
        return Integer.parseInt(groupsJson.substring(start, end));
    }

    @Test
    void transactionsListsPreparedOnesAndTheLeaderSettlesOrphans() throws Exception {
        LocalNode n2 = cluster.node(1);
        String url = "jdbc:postgresql://" + n2.host() + ":" + n2.port() + "/" + n2.database() + "?user=" + n2.user();
        // A gid the driver did not make (no coordinator group in it): listed, never settled by recovery.
        String foreign = "synapse:admin-test";
        // An orphan the driver could have left: coordinator group g1 holds no decision, so recovery rolls it back.
        GlobalTransactionId orphan = GlobalTransactionId.create("g1", 0);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String gid : List.of(foreign, orphan.gid())) {
                c.setAutoCommit(false);
                st.execute("SELECT 1");
                st.execute("PREPARE TRANSACTION '" + gid + "'");
                c.setAutoCommit(true);
            }
            try {
                HttpResponse<String> r = get("/transactions");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("{\"gid\":\"" + foreign + "\",\"groups\":[\"g2\"],\"state\":");

                Eventually.await(Duration.ofSeconds(30), "the leader's recovery rolls the orphan back",
                        () -> !prepared(url).contains(orphan.gid()));
                assertThat(prepared(url)).contains(foreign);
                Eventually.await(Duration.ofSeconds(10), "the recovery counter is scraped",
                        () -> metric("synapse_txn_recovered_total{outcome=\"rolled_back\"}") >= 1);
            } finally {
                st.execute("ROLLBACK PREPARED '" + foreign + "'");
            }
        }
    }

    private static List<String> prepared(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT gid FROM pg_prepared_xacts")) {
            List<String> gids = new java.util.ArrayList<>();
            while (rs.next()) {
                gids.add(rs.getString(1));
            }
            return gids;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static double metric(String series) {
        try {
            for (String line : get("/metrics").body().split("\n")) {
                if (line.startsWith(series + " ")) {
                    return Double.parseDouble(line.substring(series.length() + 1).trim());
                }
            }
            return -1;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        Eventually.await(Duration.ofSeconds(30), "a health check ran", () -> admin.jobs().runs() > 0);
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(r.body()).contains("# TYPE synapse_coordinator_node_up gauge",
                "synapse_coordinator_node_up{group=\"g1\"} 1.0", "synapse_coordinator_node_up{group=\"g2\"} 1.0",
                "synapse_coordinator_leader{election=\"leader\"} 1.0", "synapse_coordinator_quorum 1.0");
        assertThat(metric("synapse_coordinator_jobs_runs_total")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void errorsAreJsonWithAStatus() throws Exception {
        HttpResponse<String> missing = get("/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).startsWith("{\"error\":\"no endpoint /nope").contains("\"status\":404");

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port()
                + "/status")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).contains("\"status\":405", "use GET");
    }
}
