package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.synapsedb.jdbc.SynapseDriver;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import io.synapsedb.local.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.slf4j.LoggerFactory;

/**
 * Issue 11 §5: TLS and SCRAM authentication to the nodes through the driver, end to end. The nodes
 * serve certificates the test makes ({@link TestPki}), require TLS for TCP and accept only
 * scram-sha-256. {@code sslmode=verify-full} succeeds with the right authority and address and fails
 * clearly with a wrong one; a wrong or missing password fails clearly and never opens a breaker; and
 * neither the password nor a bound value appears in any log line or exception message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NodeSecurityIT {

    private static final String PASSWORD = "N0de-pa55-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "Wr0ng-pa55-" + UUID.randomUUID();
    private static final String SECRET = "bind-s3cret-" + UUID.randomUUID();

    @TempDir
    static Path dir;
    private static CapturedLogs logs;
    private static TestPki.Authority authority;
    private static TestPki.Authority stranger;
    private static LocalCluster cluster;
    private static LocalCluster elsewhere;
    /** Every exception the tests saw, for the last test's search. */
    private static final List<Throwable> errors = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        logs = new CapturedLogs();
        authority = TestPki.authority(dir, "synapse-test");
        stranger = TestPki.authority(dir, "stranger");
        TestPki.ServerCertificate node = authority.issue(dir, "node", "ip:127.0.0.1");
        TestPki.ServerCertificate other = authority.issue(dir, "elsewhere", "dns:elsewhere.invalid");
        cluster = LocalCluster.builder().name("node-security-it").nodes(2).durable(false)
                .tls(node.certificate(), node.privateKey()).requireTls(true).password(PASSWORD).start();
        elsewhere = LocalCluster.builder().name("node-security-it-elsewhere").nodes(1).durable(false)
                .tls(other.certificate(), other.privateKey()).requireTls(true).password(PASSWORD).start();
    }

    @AfterAll
    static void stop() {
        SynapseDriver.shutdown();
        for (LocalCluster c : new LocalCluster[] {cluster, elsewhere}) {
            if (c != null) {
                c.close();
            }
        }
        if (logs != null) {
            logs.close();
        }
    }

    private static String url(LocalCluster c, Path rootCertificate) {
        return c.synapseUrl() + "&sslmode=verify-full&sslrootcert=" + rootCertificate
                + "&ApplicationName=node-security-it&connectionTimeoutMs=1000&recoveryIntervalMs=0";
    }

    private static Properties password(String password) {
        Properties p = new Properties();
        p.setProperty("password", password);
        return p;
    }

    /** Runs {@code call}, which must fail with an SQLException; remembers it and returns it. */
    private static SQLException failure(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(SQLException.class);
        errors.add(t);
        return (SQLException) t;
    }

    private static void selectOne(String url, Properties props) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        }
    }

    @Test
    @Order(1)
    void verifyFullAndScramWork() throws Exception {
        try (Connection c = DriverManager.getConnection(url(cluster, authority.certificate()), password(PASSWORD));
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE vault (k text PRIMARY KEY, v int)");
            st.execute("SELECT synapse.distribute_table('vault', 'k')");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vault (k, v) VALUES (?, ?)")) {
                for (int i = 0; i < 20; i++) {
                    ps.setString(1, SECRET + i);
                    ps.setInt(2, i);
                    ps.executeUpdate();
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM vault")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(20);
            }
        }
        for (LocalNode node : cluster.nodes()) {
            try (Connection direct = node.connect(); Statement st = direct.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl)"
                         + " FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)"
                         + " WHERE a.application_name = 'node-security-it'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("TLS sessions of the driver on " + node).isPositive();
                assertThat(rs.getLong(2)).as("plain sessions of the driver on " + node).isZero();
            }
            assertThat(ClusterSupport.countOnNode(node, "vault")).as("rows on " + node).isPositive();
        }
        // The password may also come in the URL.
        selectOne(url(cluster, authority.certificate()) + "&password=" + PASSWORD, new Properties());
    }

    @Test
    @Order(2)
    void anUntrustedCertificateFailsClearly() {
        SQLException e = failure(() -> selectOne(url(cluster, stranger.certificate()), password(PASSWORD)));
        assertThat(e.getSQLState()).startsWith("08");
        assertThat(e.getMessage()).containsPattern("cannot connect to node 127\\.0\\.0\\.1:("
                + cluster.node(0).port() + "|" + cluster.node(1).port() + ")/")
                .contains("SSL error").contains("certification path");
    }

    @Test
    @Order(3)
    void aCertificateForAnotherHostFailsClearly() {
        SQLException e = failure(() -> selectOne(url(elsewhere, authority.certificate()), password(PASSWORD)));
        assertThat(e.getSQLState()).startsWith("08");
        assertThat(e.getMessage()).contains(elsewhere.node(0).host() + ":" + elsewhere.node(0).port())
                .contains("hostname 127.0.0.1 could not be verified");
    }

    @Test
    @Order(4)
    void aWrongOrMissingPasswordFailsClearlyAndNeverOpensTheBreaker() {
        String url = url(cluster, authority.certificate()) + "&breakerMinimumCalls=2";
        for (int i = 0; i < 6; i++) {
            SQLException e = failure(() -> selectOne(url, password(WRONG_PASSWORD)));
            assertThat(e.getSQLState()).startsWith("08");
            assertThat(e.getMessage()).as("attempt " + (i + 1))
                    .contains("password authentication failed for user \"postgres\"")
                    .doesNotContain("circuit breaker");
        }
        SQLException none = failure(() -> selectOne(url(cluster, authority.certificate()), new Properties()));
        assertThat(none.getMessage()).contains("no password was provided");
    }

    @Test
    @Order(5)
    void boundValuesStayOutOfMessages() throws Exception {
        try (Connection c = DriverManager.getConnection(url(cluster, authority.certificate()), password(PASSWORD))) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vault (k, v) VALUES (?, ?)")) {
                ps.setString(1, SECRET + 1);
                ps.setInt(2, 1);
                PSQLException dup = (PSQLException) failure(ps::executeUpdate);
                assertThat(dup.getSQLState()).isEqualTo("23505");
                assertThat(dup.getServerErrorMessage().getDetail()).as("readable on purpose").contains(SECRET);
                ps.setString(1, "fresh");
                ps.setObject(2, SECRET, java.sql.Types.OTHER); // PostgreSQL reads it as an integer, and fails
                assertThat(failure(ps::executeUpdate).getSQLState()).isEqualTo("22P02");
                ps.setString(1, SECRET + 2);
                ps.setInt(2, 2);
                ps.addBatch();
                ps.setString(1, SECRET + 3);
                ps.addBatch();
                assertThat((Throwable) failure(ps::executeBatch)).isInstanceOf(BatchUpdateException.class);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM vault WHERE k = ? AND v = ?")) {
                ps.setString(1, SECRET);
                ps.setObject(2, SECRET, java.sql.Types.OTHER);
                assertThat(failure(ps::executeQuery).getSQLState()).isEqualTo("22P02");
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE ledger (id bigint PRIMARY KEY)");
                st.execute("SELECT synapse.distribute_table('ledger', 'id')");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ledger WHERE id = ?")) {
                ps.setString(1, SECRET); // the driver reads the key itself, and fails
                SQLException e = failure(ps::executeQuery);
                assertThat(e.getSQLState()).isEqualTo("22P02");
                assertThat(e.getMessage()).contains("ledger.id");
            }
        }
    }

    @Test
    @Order(6)
    void neitherThePasswordNorABoundValueIsLoggedOrInAMessage() throws Exception {
        // The search can fail: a canary logged through the driver's own logging is found.
        String canary = "canary-" + UUID.randomUUID();
        LoggerFactory.getLogger(NodeSecurityIT.class).warn("log capture check: {}", canary);
        String captured = logs.text();
        assertThat(captured).contains(canary).contains("SynapseDB runtime started");
        StringBuilder all = new StringBuilder(captured);
        for (Throwable e : errors) {
            all.append(ClusterSupport.messages(e));
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            all.append(trace);
        }
        assertThat(errors).hasSizeGreaterThanOrEqualTo(11);
        for (String secret : new String[] {PASSWORD, WRONG_PASSWORD, SECRET}) {
            assertThat(all.indexOf(secret)).as("where the logs and messages show a secret").isEqualTo(-1);
        }
        for (LocalCluster c : new LocalCluster[] {cluster, elsewhere}) {
            for (LocalNode node : c.nodes()) {
                assertThat(Files.readString(node.logFile())).as(node + "'s log").doesNotContain(PASSWORD)
                        .doesNotContain(WRONG_PASSWORD);
            }
        }
        assertThatThrownBy(() -> assertThat(all.toString() + PASSWORD).doesNotContain(PASSWORD))
                .isInstanceOf(AssertionError.class);
    }
}
