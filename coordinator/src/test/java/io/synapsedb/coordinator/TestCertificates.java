package io.synapsedb.coordinator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real PKCS12 key and trust stores made with the JDK's keytool, for mutual-TLS tests: one certificate the
 * members share (its key store and a trust store holding it) and a stranger's certificate nobody trusts.
 * Shared with the integration tests.
 */
public record TestCertificates(Path memberKeyStore, Path trustStore, Path strangerKeyStore, String password) {

    /** Makes the three stores in {@code dir}; takes a few seconds (three RSA keys). */
    public static TestCertificates create(Path dir) throws Exception {
        String password = "test-store-secret";
        Path member = dir.resolve("member.p12");
        Path trust = dir.resolve("trust.p12");
        Path stranger = dir.resolve("stranger.p12");
        Path cert = dir.resolve("member.crt");
        keytool("-genkeypair", "-alias", "member", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=synapse-member", "-storetype", "PKCS12", "-keystore", member.toString(),
                "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-alias", "member", "-keystore", member.toString(), "-storepass", password,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "member", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", password);
        keytool("-genkeypair", "-alias", "stranger", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=stranger", "-storetype", "PKCS12", "-keystore", stranger.toString(),
                "-storepass", password, "-keypass", password);
        return new TestCertificates(member, trust, stranger, password);
    }

    /** Mutual TLS with the members' certificate. */
    public TlsConfig memberTls() {
        return tls(memberKeyStore);
    }

    /** Mutual TLS presenting {@code keyStore}, trusting the members' certificate. */
    public TlsConfig tls(Path keyStore) {
        return TlsConfig.builder().keyStore(keyStore, password).trustStore(trustStore, password).build();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }
}
