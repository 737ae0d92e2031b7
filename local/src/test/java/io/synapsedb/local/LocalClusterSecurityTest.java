package io.synapsedb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's TLS and password options on a real node: {@code ssl=on} with certificates the test
 * makes, TLS required, SCRAM-SHA-256 with no trust line left; restarts and replicas still start.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LocalClusterSecurityTest {

    private static final String PASSWORD = "pa55-'\\-w0rd";

    @TempDir
    static Path dir;
    private static TestPki.Authority ca;
    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        ca = TestPki.authority(dir, "security-test");
        TestPki.ServerCertificate server = ca.issue(dir, "node", "ip:127.0.0.1");
        cluster = LocalCluster.builder().name("test-local-security").nodes(1).durable(false)
                .tls(server.certificate(), server.privateKey()).requireTls(true).password(PASSWORD).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Connection connect(LocalNode node, Properties props) throws SQLException {
        return DriverManager.getConnection(node.jdbcUrl(), props);
    }

    @Test
    void tlsAndScramOnlyNoTrust() throws Exception {
        LocalNode node = cluster.node(0);
        assertThat(cluster.password()).isEqualTo(PASSWORD);
        assertThat(cluster.synapseUrl()).doesNotContain(PASSWORD);
        try (Connection c = node.connect()) {
            assertThat(LocalClusterTest.query(c, "show ssl")).isEqualTo("on");
            assertThat(LocalClusterTest.query(c, "select ssl from pg_stat_ssl where pid = pg_backend_pid()")).isEqualTo("t");
            assertThat(LocalClusterTest.query(c, "show password_encryption")).isEqualTo("scram-sha-256");
            assertThat(LocalClusterTest.query(c, "select rolpassword from pg_authid where rolname = 'postgres'")).startsWith("SCRAM-SHA-256$");
            assertThat(LocalClusterTest.query(c, "select count(*) from pg_hba_file_rules where auth_method = 'trust'")).isEqualTo("0");
            assertThat(LocalClusterTest.query(c, "select count(*) from pg_hba_file_rules where type = 'host'")).isEqualTo("0");
        }
        Properties plain = new Properties();
        plain.setProperty("password", PASSWORD);
        plain.setProperty("sslmode", "disable");
        assertThatThrownBy(() -> connect(node, plain).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("no encryption");
        Properties none = new Properties();
        none.setProperty("sslmode", "require");
        assertThatThrownBy(() -> connect(node, none).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("no password was provided");
        Properties wrong = new Properties();
        wrong.setProperty("sslmode", "require");
        wrong.setProperty("password", "not-" + PASSWORD);
        assertThatThrownBy(() -> connect(node, wrong).close()).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"))
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void verifyFullTrustsTheAuthorityAndChecksTheAddress() throws Exception {
        LocalNode node = cluster.node(0);
        Properties verify = new Properties();
        verify.setProperty("password", PASSWORD);
        verify.setProperty("sslmode", "verify-full");
        verify.setProperty("sslrootcert", ca.certificate().toString());
        try (Connection c = connect(node, verify)) {
            assertThat(LocalClusterTest.query(c, "select ssl from pg_stat_ssl where pid = pg_backend_pid()")).isEqualTo("t");
        }
        TestPki.Authority other = TestPki.authority(dir, "stranger");
        verify.setProperty("sslrootcert", other.certificate().toString());
        assertThatThrownBy(() -> connect(node, verify).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL");
    }

    @Test
    void restartAndReplicaKeepTheRules() throws Exception {
        LocalNode node = cluster.node(0);
        node.stop();
        node.start();
        LocalNode replica = cluster.addReplica(node);
        try (Connection c = replica.connect()) {
            assertThat(LocalClusterTest.query(c, "select pg_is_in_recovery()")).isEqualTo("t");
            assertThat(LocalClusterTest.query(c, "select ssl from pg_stat_ssl where pid = pg_backend_pid()")).isEqualTo("t");
        }
        for (LocalNode n : new LocalNode[] {node, replica}) {
            assertThat(Files.readString(n.logFile())).doesNotContain(PASSWORD);
        }
    }
}
