package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.CoordinatorConfig;
import io.synapsedb.coordinator.LockHandle;
import io.synapsedb.coordinator.MemberAddress;
import io.synapsedb.coordinator.TestMembers;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import io.synapsedb.spi.CoordinationSession;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embedded mode: the application JVM is the coordinator's (only) voting member, started by the
 * driver itself from its URL, and its groups become the cluster topology. A second application in
 * the same JVM joins that coordinator without a vote and follows the first one's declarations.
 */
@LocalPostgres(nodes = 2)
class EmbeddedCoordinatorIT {

    private static LocalCluster cluster;
    private static Connection embedded;
    private static Connection follower;
    private static String members;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("synapse-embedded-coordinator");
        members = "e1@127.0.0.1:" + port;
        embedded = DriverManager.getConnection(cluster.synapseUrl() + "&coordinator=" + members
                + "&coordinatorMemberId=e1&coordinatorDataDir=" + data + "&catalogRefreshMs=0");
        follower = DriverManager.getConnection(
                ClusterSupport.clusterModeUrl(cluster, members, "&coordinatorMemberId=app2"));
        try (Statement st = follower.createStatement()) {
            st.execute("SELECT 1");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        ClusterSupport.closeApplications(follower, embedded);
    }

    @Test
    void aSecondApplicationFollowsTheEmbeddedMembersCatalog() throws Exception {
        try (Statement st = embedded.createStatement()) {
            st.execute("CREATE TABLE orders (id bigint PRIMARY KEY, total int NOT NULL)");
            st.execute("SELECT synapse.distribute_table('orders', 'id')");
        }
        ClusterSupport.insertIds(embedded, "INSERT INTO orders(id, total) VALUES (?, 1)", 50);

        ClusterSupport.waitFor(Duration.ofSeconds(60), () -> count(follower) == 50 ? Boolean.TRUE : null);

        // The follower's DDL goes through the embedded member's lock too, and every node records it
        // (as the next schema version: the other test of this class may have run DDL before this one).
        String ddlVersion = "SELECT value FROM synapse.meta WHERE key = 'ddl_version'";
        long before = Long.parseLong(ClusterSupport.onNode(cluster.node(0), ddlVersion).get(0));
        try (Statement st = follower.createStatement()) {
            st.execute("ALTER TABLE orders ADD COLUMN note text");
        }
        assertThat(ClusterSupport.onNode(cluster.node(0), ddlVersion))
                .isEqualTo(ClusterSupport.onNode(cluster.node(1), ddlVersion))
                .containsExactly(Long.toString(before + 1));
    }

    @Test
    void ddlGivesUpAfterDdlLockTimeoutMsWhileAnotherApplicationHoldsTheCoordinatorLock() throws Exception {
        try (Statement st = embedded.createStatement()) {
            st.execute("CREATE TABLE lock_wait (id bigint PRIMARY KEY)");
        }
        CoordinatorConfig holderConfig = CoordinatorConfig.builder().memberId("lock-holder").host("127.0.0.1")
                .port(TestMembers.freePort()).members(List.of(MemberAddress.parse(members)))
                .startTimeout(Duration.ofSeconds(60)).build();
        try (Coordinator holder = Coordinator.start(holderConfig);
                LockHandle held = holder.locks().tryLock(CoordinationSession.DDL_LOCK, Duration.ofSeconds(30));
                Connection impatient = DriverManager.getConnection(ClusterSupport.clusterModeUrl(cluster, members,
                        "&coordinatorMemberId=app3&ddlLockTimeoutMs=500"));
                Statement st = impatient.createStatement()) {
            assertThat(held.isHeld()).isTrue();
            assertThatThrownBy(() -> st.execute("ALTER TABLE lock_wait ADD COLUMN note text"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("ALTER TABLE lock_wait").hasMessageContaining(CoordinationSession.DDL_LOCK)
                    .hasMessageContaining("waited 500 ms (ddlLockTimeoutMs)").hasMessageContaining("Nothing was changed")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
            assertThat(ClusterSupport.onNode(cluster.node(0), "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'lock_wait' AND column_name = 'note'")).containsExactly("0");
            held.close();
            st.execute("ALTER TABLE lock_wait ADD COLUMN note text"); // the lock is free again
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
