package io.synapsedb.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;

/**
 * Real certificates for TLS tests of PostgreSQL nodes, made with the JDK's keytool (EC P-256, valid
 * two days): a certificate authority, and server certificates it signs, as the PEM files PostgreSQL
 * ({@code ssl_cert_file}, {@code ssl_key_file}) and pgJDBC ({@code sslrootcert}) read.
 */
public final class TestPki {

    private static final String PASSWORD = "test-pki-store";

    private TestPki() {
    }

    /** A server's certificate and unencrypted PKCS#8 private key, both PEM. */
    public record ServerCertificate(Path certificate, Path privateKey) { }

    /**
     * A certificate authority: its key store (to sign with) and its certificate (PEM, what clients
     * trust).
     */
    public record Authority(Path keyStore, Path certificate) {

        /**
         * A server certificate signed by this authority for {@code subjectAlternativeNames} in
         * keytool's syntax ({@code ip:127.0.0.1}, {@code dns:db.example}).
         */
        public ServerCertificate issue(Path dir, String name, String subjectAlternativeNames) throws Exception {
            Path store = dir.resolve(name + ".p12");
            Path request = dir.resolve(name + ".csr");
            Path cert = dir.resolve(name + ".crt");
            Keytool.run("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + name, "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD);
            Keytool.run("-certreq", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD,
                    "-file", request.toString());
            Keytool.run("-gencert", "-alias", "ca", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                    "-infile", request.toString(), "-outfile", cert.toString(), "-rfc", "-validity", "2",
                    "-ext", "san=" + subjectAlternativeNames, "-ext", "ku:c=digitalSignature",
                    "-ext", "eku=serverAuth");
            Path key = dir.resolve(name + ".key");
            Files.writeString(key, privateKeyPem(store, name), StandardCharsets.US_ASCII);
            return new ServerCertificate(cert, key);
        }
    }

    /** A new certificate authority named {@code name} in {@code dir}. */
    public static Authority authority(Path dir, String name) throws Exception {
        Path store = dir.resolve(name + "-ca.p12");
        Path cert = dir.resolve(name + "-ca.crt");
        Keytool.run("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Keytool.run("-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        return new Authority(store, cert);
    }

    /** keytool cannot export a private key; the key store API can, as PKCS#8 DER, here wrapped in PEM. */
    private static String privateKeyPem(Path store, String alias) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Key key = ks.getKey(alias, PASSWORD.toCharArray());
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }
}
