package io.synapsedb.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Initialised data directories, one per binaries + options, that nodes copy instead of running
 * initdb each time (a copy takes a fraction of initdb's time).
 *
 * <p>A template is built in a temporary directory (initdb, start, create the database, fast
 * shutdown, which leaves a clean shutdown checkpoint) and renamed into place under a file lock, so a
 * half-built template is never used and two JVMs do not build the same one at once.
 */
final class TemplateCache {

    /** initdb's options; part of the cache key. */
    static final List<String> INITDB_OPTIONS = List.of("-U", Jdbc.USER, "-A", "trust", "-E", "UTF8", "--locale=C");

    private static final Logger LOG = LoggerFactory.getLogger(TemplateCache.class);
    /** Bump when the way templates are built changes, so old caches are not reused. */
    private static final String FORMAT = "1";
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);

    private TemplateCache() {
    }

    /** The data directory of the template for these binaries and options, building it if needed. */
    static Path obtain(Path binDir, ServerAccount account, String database, Path templatesRoot, Duration startTimeout)
            throws IOException {
        String key = key(binDir, database);
        Path target = templatesRoot.resolve(key);
        Path data = target.resolve("data");
        if (Files.isRegularFile(data.resolve("PG_VERSION"))) {
            return data;
        }
        Files.createDirectories(templatesRoot);
        return FileLocks.withLock(templatesRoot.resolve(key + ".lock"), () -> {
            if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
                build(binDir, account, database, templatesRoot, target, startTimeout);
            }
            return data;
        });
    }

    private static void build(Path binDir, ServerAccount account, String database, Path templatesRoot, Path target,
                              Duration startTimeout) throws IOException {
        long began = System.nanoTime();
        Path temp = Files.createTempDirectory(templatesRoot, target.getFileName() + ".building-");
        try {
            Path data = temp.resolve("data");
            DataDirs.createPrivateDirectory(data);
            Path log = temp.resolve("build.log");
            Files.createFile(log);
            account.takeOwnership(temp);
            initdb(binDir, account, data, log);

            Postmaster server = new Postmaster(binDir, account, data, temp, log, "postgres");
            try {
                server.startOnFreePort(startTimeout);
                createDatabase(server.jdbcUrl(), database);
            } finally {
                server.stop(Duration.ofSeconds(30));
            }
            Files.deleteIfExists(data.resolve("postmaster.opts"));
            Files.deleteIfExists(log);
            DataDirs.deleteTree(target); // only a partial directory made by hand can be here
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Built PostgreSQL template {} in {} ms", target, (System.nanoTime() - began) / 1_000_000);
        } finally {
            DataDirs.deleteTree(temp);
        }
    }

    private static void initdb(Path binDir, ServerAccount account, Path data, Path log) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(binDir.resolve("initdb").toString(), "-D",
                data.toString()));
        command.addAll(INITDB_OPTIONS);
        Process initdb = new ProcessBuilder(account.command(command))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!initdb.waitFor(INITDB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                initdb.destroyForcibly();
                throw new IOException("initdb on " + data + " took over " + INITDB_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            initdb.destroyForcibly();
            throw new IOException("Interrupted while running initdb on " + data, e);
        }
        if (initdb.exitValue() != 0) {
            throw new IOException("initdb on " + data + " failed with code " + initdb.exitValue() + " (as "
                    + account + "):\n" + DataDirs.tail(log, 0, 30));
        }
    }

    private static void createDatabase(String url, String database) throws IOException {
        if (database.equals("postgres")) {
            return;
        }
        try (Connection connection = Jdbc.connect(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + quoteIdentifier(database));
        } catch (SQLException e) {
            throw new IOException("Could not create database '" + database + "' in the template: " + e.getMessage(), e);
        }
    }

    static String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * A directory name naming what a template depends on: the binaries (their real path, and the size
     * and modification time of postgres, which change when they are upgraded in place), the database
     * and initdb's options.
     */
    static String key(Path binDir, String database) throws IOException {
        Path postgres = binDir.resolve("postgres").toRealPath();
        String identity = String.join("\n", FORMAT, binDir.toRealPath().toString(),
                Long.toString(Files.size(postgres)), Long.toString(Files.getLastModifiedTime(postgres).toMillis()),
                database, String.join(" ", INITDB_OPTIONS));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            String safeDb = database.replaceAll("[^A-Za-z0-9_.-]", "_");
            return "template-" + safeDb + "-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
