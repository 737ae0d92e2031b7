package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.synapsedb.coordinator.TestCertificates;
import io.synapsedb.coordinator.TestMembers;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;

/**
 * Cluster mode over mutual TLS, configured the way an application does it: the {@code coordinator*} key
 * and trust store properties. The embedded voter and a second application share a catalog over TLS; an
 * application presenting a certificate the members do not trust cannot join, and says so.
 */
@LocalPostgres(nodes = 2)
class TlsCoordinatorIT {

    private static LocalCluster cluster;
    private static TestCertificates certs;
    private static String members;
    private static Connection embedded;
    private static Connection follower;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(cluster.baseDir(), "tls");
        certs = TestCertificates.create(dir);
        members = "t1@127.0.0.1:" + TestMembers.freePort();
        Properties voter = tls(certs.memberKeyStore());
        voter.setProperty("coordinatorMemberId", "t1");
        voter.setProperty("coordinatorDataDir", dir.resolve("t1").toString());
        embedded = DriverManager.getConnection(cluster.synapseUrl() + "&coordinator=" + members
                + "&catalogRefreshMs=0", voter);
        follower = DriverManager.getConnection(ClusterSupport.clusterModeUrl(cluster, members, ""),
                tls(certs.memberKeyStore()));
        try (Statement st = follower.createStatement()) {
            st.execute("SELECT 1");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        ClusterSupport.closeApplications(follower, embedded);
    }

    @Test
    void aSecondApplicationFollowsTheCatalogOverTls() throws Exception {
        try (Statement st = embedded.createStatement()) {
            st.execute("CREATE TABLE tls_accounts (id bigint PRIMARY KEY, balance int NOT NULL)");
            st.execute("SELECT synapse.distribute_table('tls_accounts', 'id')");
        }
        ClusterSupport.insertIds(embedded, "INSERT INTO tls_accounts(id, balance) VALUES (?, 100)", 40);
        // the declaration reached the follower through the coordinator (catalog polling is off); before it
        // does, the follower takes the table for an ordinary one on its home group and sees part of the rows
        ClusterSupport.waitFor(Duration.ofSeconds(60), () -> sum(follower) == 4000 ? Boolean.TRUE : null);
        try (Statement st = follower.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT role, state FROM synapse.cluster_nodes WHERE kind = 'coordinator' AND name = 't1'")) {
            assertThat(rs.next()).as("the embedded voter is listed").isTrue();
            assertThat(rs.getString(1)).isEqualTo("voter");
            assertThat(rs.getString(2)).isEqualTo("reachable");
        }
    }

    @Test
    void anApplicationWithAnUntrustedCertificateCannotJoin() {
        Properties stranger = tls(certs.strangerKeyStore());
        stranger.setProperty("coordinatorStartTimeoutMs", "8000");
        String url = ClusterSupport.clusterModeUrl(cluster, members, "");
        assertThatThrownBy(() -> DriverManager.getConnection(url, stranger).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"))
                .satisfies(e -> assertThat(e.getMessage()).contains("coordinator").doesNotContain(certs.password()));
    }

    /** The store paths and passwords as connection properties (passwords never in the URL). */
    private static Properties tls(Path keyStore) {
        Properties p = new Properties();
        p.setProperty("coordinatorKeyStore", keyStore.toString());
        p.setProperty("coordinatorKeyStorePassword", certs.password());
        p.setProperty("coordinatorTrustStore", certs.trustStore().toString());
        p.setProperty("coordinatorTrustStorePassword", certs.password());
        return p;
    }

    private static long sum(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT sum(balance) FROM tls_accounts")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException notYetVisible) {
            return -1;
        }
    }
}
