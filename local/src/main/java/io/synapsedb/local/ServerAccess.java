package io.synapsedb.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * How clients reach the servers of a cluster: by default the template's trust authentication over
 * plain TCP; optionally TLS ({@code ssl=on} with a PEM certificate and key), TLS required for TCP
 * connections ({@code hostssl} only), and SCRAM-SHA-256 password authentication with no
 * {@code trust} line left in pg_hba.conf.
 *
 * <p>A node starts on the template's configuration, gets the superuser's password as a SCRAM
 * verifier computed by pgJDBC (the password itself never reaches the server or its log; only a
 * replica's primary_conninfo holds it, as PostgreSQL's streaming needs), then its pg_hba.conf is replaced and reloaded, and the start returns once the server refuses what
 * the new rules refuse. The password is never logged.
 */
final class ServerAccess {

    /** Plain TCP, trust: the template as it is. */
    static final ServerAccess TRUST = new ServerAccess(null, null, null, false);

    static final String CERT_FILE = "server.crt";
    static final String KEY_FILE = "server.key";

    private final Path certificate;
    private final Path privateKey;
    private final String password;
    private final boolean requireTls;

    ServerAccess(Path certificate, Path privateKey, String password, boolean requireTls) {
        if (requireTls && certificate == null) {
            throw new IllegalStateException("requireTls needs a certificate and key (LocalCluster.Builder.tls)");
        }
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.password = password;
        this.requireTls = requireTls;
    }

    String password() {
        return password;
    }

    boolean tls() {
        return certificate != null;
    }

    /** The login properties of the launcher's and the tests' own connections. */
    Properties login() {
        Properties p = new Properties();
        if (password != null) {
            p.setProperty("password", password);
        }
        if (requireTls) {
            p.setProperty("sslmode", "require");
        }
        return p;
    }

    /** postgresql.conf settings this access needs, before the user's. */
    void addSettings(Map<String, String> settings) {
        if (certificate != null) {
            settings.put("ssl", "on");
            settings.put("ssl_cert_file", CERT_FILE);
            settings.put("ssl_key_file", KEY_FILE);
        }
        if (password != null) {
            settings.put("password_encryption", "scram-sha-256");
        }
    }

    /** Copies the certificate and key into a fresh data directory (the key private, as PostgreSQL requires). */
    void installFiles(Path dataDir) throws IOException {
        if (certificate == null) {
            return;
        }
        Files.copy(certificate, dataDir.resolve(CERT_FILE), StandardCopyOption.REPLACE_EXISTING);
        Path key = dataDir.resolve(KEY_FILE);
        Files.copy(privateKey, key, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }

    /** Whether a started node must be secured by {@link #secure}. */
    boolean changesAuthentication() {
        return password != null || requireTls;
    }

    /**
     * Sets the superuser's password on a node that still trusts everyone, replaces its pg_hba.conf
     * and reloads it; returns once a connection the new rules refuse is refused.
     */
    void secure(Postmaster server, String user, Duration timeout) throws IOException {
        try (Connection c = Jdbc.connect(server.jdbcUrl(), login())) {
            if (password != null) {
                c.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), "scram-sha-256");
            }
            Files.writeString(server.dataDir().resolve("pg_hba.conf"), hbaConf(), StandardCharsets.UTF_8);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IOException("Could not set up authentication on " + server.dataDir() + ": " + e.getMessage(), e);
        }
        awaitRefusal(server, timeout);
    }

    /** The rules: scram-sha-256 (or trust without a password) for local, TCP and replication connections. */
    String hbaConf() {
        String method = password != null ? "scram-sha-256" : "trust";
        String tcp = requireTls ? "hostssl" : "host";
        return "# Written by the SynapseDB local cluster launcher (io.synapsedb.local).\n"
                + "local all all " + method + "\n"
                + tcp + " all all 127.0.0.1/32 " + method + "\n"
                + tcp + " replication all 127.0.0.1/32 " + method + "\n";
    }

    /**
     * The replica's connection to its primary: the password, and TLS where TCP needs it, as
     * libpq connection-string values.
     */
    String conninfoOptions() {
        StringBuilder sb = new StringBuilder();
        if (password != null) {
            sb.append(" password='").append(password.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        }
        if (requireTls) {
            sb.append(" sslmode=require");
        }
        return sb.toString();
    }

    /** Waits (polling, bounded) until the reloaded rules refuse a connection without password or TLS. */
    private void awaitRefusal(Postmaster server, Duration timeout) throws IOException {
        Properties refused = new Properties();
        if (password == null) {
            refused.setProperty("sslmode", "disable"); // requireTls with trust: plain TCP must be refused
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 5;
        while (true) {
            try (Connection ignored = Jdbc.connect(server.jdbcUrl(), refused)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("PostgreSQL on " + server.dataDir() + " still accepts connections its new"
                            + " pg_hba.conf refuses, " + timeout + " after the reload");
                }
            } catch (SQLException e) {
                return; // refused: the new rules are in force
            }
            try {
                Thread.sleep(pauseMillis); // the postmaster rereads pg_hba.conf on its own schedule
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + server.dataDir() + " to reload pg_hba.conf", e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 100);
        }
    }
}
