package io.synapsedb.coordinator;

import io.synapsedb.local.Keytool;
import java.nio.file.Path;

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
        Keytool.run("-genkeypair", "-alias", "member", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=synapse-member", "-storetype", "PKCS12", "-keystore", member.toString(),
                "-storepass", password, "-keypass", password);
        Keytool.run("-exportcert", "-alias", "member", "-keystore", member.toString(), "-storepass", password,
                "-file", cert.toString());
        Keytool.run("-importcert", "-noprompt", "-alias", "member", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", password);
        Keytool.run("-genkeypair", "-alias", "stranger", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
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
}
