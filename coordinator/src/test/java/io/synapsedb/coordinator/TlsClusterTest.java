package io.synapsedb.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS on the coordinator's messaging with real key stores made by the JDK's keytool: three voters
 * and a non-voting application form a cluster over TLS; the members' port refuses plaintext and clients
 * without a trusted certificate; a member with an untrusted certificate cannot join.
 */
@Timeout(300)
class TlsClusterTest {

    @TempDir
    static Path dir;

    static TestCertificates certs;
    static List<MemberAddress> addresses;
    static List<Coordinator> voters;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir);
        addresses = TestMembers.addresses(3);
        List<CoordinatorConfig> configs = new ArrayList<>();
        for (MemberAddress a : addresses) {
            configs.add(TestMembers.config(a, addresses, dir).toBuilder().tls(certs.memberTls()).build());
        }
        voters = TestMembers.startAll(configs);
    }

    @AfterAll
    static void stop() {
        if (voters != null) {
            TestMembers.closeAll(voters);
        }
    }

    @Test
    void votersAndAnApplicationWorkOverTls() throws Exception {
        VersionedValue v = voters.get(0).catalog().put("tls/doc", "over tls");
        assertThat(voters.get(2).catalog().get("tls/doc")).contains(v);

        CoordinatorConfig app = CoordinatorConfig.builder()
                .memberId("app-tls").host("127.0.0.1").port(TestMembers.freePort()).members(addresses)
                .operationTimeout(Duration.ofSeconds(3)).startTimeout(Duration.ofSeconds(60)).tls(certs.memberTls())
                .build();
        try (Coordinator c = Coordinator.start(app)) {
            assertThat(c.catalog().get("tls/doc")).contains(v);
            VersionedValue w = c.catalog().put("tls/doc", "from the application");
            assertThat(voters.get(1).catalog().get("tls/doc").orElseThrow().valueAsString())
                    .contains("from the application");
            assertThat(w.version()).isGreaterThan(v.version());
        }
    }

    @Test
    void theMessagingPortRefusesPlaintextAndUntrustedClients() throws Exception {
        InetSocketAddress m1 = new InetSocketAddress(addresses.get(0).host(), addresses.get(0).port());

        // a trusted certificate: the handshake completes and the connection stays open (Atomix waits for its
        // protocol preamble, so a read times out rather than ending)
        try (SSLSocket s = connect(context(certs.memberKeyStore()), m1)) {
            s.startHandshake();
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
        // no client certificate: the server requires one and ends the connection
        try (SSLSocket s = connect(context(null), m1)) {
            assertThat(closedByPeer(s)).as("connection without a client certificate is closed").isTrue();
        }
        // an untrusted client certificate: the same
        try (SSLSocket s = connect(context(certs.strangerKeyStore()), m1)) {
            assertThat(closedByPeer(s)).as("connection with an untrusted certificate is closed").isTrue();
        }
        // plaintext: not a TLS record, the server ends the connection
        try (Socket s = new Socket()) {
            s.connect(m1, 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write("hello, not TLS\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertThat(readUntilClosed(s.getInputStream())).as("plaintext connection is closed").isTrue();
        }
    }

    @Test
    void aMemberWithAnUntrustedCertificateCannotJoin() {
        CoordinatorConfig stranger = CoordinatorConfig.builder()
                .memberId("app-stranger").host("127.0.0.1").port(TestMembers.freePort()).members(addresses)
                .operationTimeout(Duration.ofSeconds(3)).startTimeout(Duration.ofSeconds(8))
                .tls(certs.tls(certs.strangerKeyStore())).build();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Coordinator.start(stranger).close())
                .isInstanceOf(CoordinatorUnavailableException.class)
                .hasMessageContaining("app-stranger");
        System.out.println("a member with an untrusted certificate gave up after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    }

    @Test
    void unusableStoresAreNamedAndThePasswordIsNot() throws Exception {
        Path missing = dir.resolve("no-such-keystore.p12");
        assertThatThrownBy(() -> startWith(certs.tls(missing)))
                .isInstanceOf(CoordinatorException.class)
                .hasMessageContaining("app-bad").hasMessageContaining(missing.toString()).hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(((CoordinatorException) e).getSQLState()).isEqualTo("08001"));
        String wrong = "not-the-password";
        assertThatThrownBy(() -> startWith(TlsConfig.builder().keyStore(certs.memberKeyStore(), wrong)
                .trustStore(certs.trustStore(), certs.password()).build()))
                .isInstanceOf(CoordinatorException.class)
                .hasMessageContaining(certs.memberKeyStore().toString()).hasMessageContaining("wrong password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(certs.password()));
        // the trust store in place of the key store: readable, but no key of the member's own
        assertThatThrownBy(() -> startWith(certs.tls(certs.trustStore())))
                .isInstanceOf(CoordinatorException.class)
                .hasMessageContaining(certs.trustStore().toString()).hasMessageContaining("no private key");
    }

    private static void startWith(TlsConfig tls) throws CoordinatorException {
        CoordinatorConfig bad = CoordinatorConfig.builder()
                .memberId("app-bad").host("127.0.0.1").port(TestMembers.freePort()).members(addresses)
                .startTimeout(Duration.ofSeconds(8)).tls(tls).build();
        Coordinator.start(bad).close();
    }

    private static SSLContext context(Path keyStore) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.trustStore())) {
            ts.load(in, certs.password().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        KeyManagerFactory kmf = null;
        if (keyStore != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, certs.password().toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, certs.password().toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static SSLSocket connect(SSLContext ctx, InetSocketAddress to) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
        s.connect(to, 5_000);
        s.setSoTimeout(3_000);
        return s;
    }

    /** True when the peer refused the handshake or ended the connection (with TLS 1.3 that shows on read). */
    private static boolean closedByPeer(SSLSocket s) {
        try {
            s.startHandshake();
            s.setSoTimeout(10_000);
            return readUntilClosed(s.getInputStream());
        } catch (IOException refused) {
            return true;
        }
    }

    private static boolean readUntilClosed(InputStream in) {
        try {
            while (in.read() >= 0) {
                // drain whatever the server sends before it closes
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
