package io.synapsedb.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds servers that an earlier run of a cluster left behind (the JVM crashed or was killed before
 * its shutdown hook ran) and ends them, by pid, before their node directories are reused.
 *
 * <p>A pid is only trusted when three things agree: it is the first line of a node's postmaster.pid,
 * that process is alive, and its /proc command line is a postgres started with {@code -D} on exactly
 * that data directory. Anything else is left alone: the pid may have been reused by an unrelated
 * process since the crash.
 */
final class StaleServers {

    private static final Logger LOG = LoggerFactory.getLogger(StaleServers.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);

    private StaleServers() {
    }

    /** Kills the stale servers of every node directory under {@code baseDir}; returns how many. */
    static int killAll(Path baseDir) throws IOException {
        int killed = 0;
        for (Path nodeDir : nodeDirectories(baseDir)) {
            if (killIfStale(nodeDir.resolve(LocalNode.DATA_DIR_NAME))) {
                killed++;
            }
        }
        return killed;
    }

    /** The node directories (by name) under a cluster's base directory. */
    static List<Path> nodeDirectories(Path baseDir) throws IOException {
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(baseDir)) {
            return dirs;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(baseDir,
                p -> Files.isDirectory(p) && LocalNode.isNodeDirectoryName(p.getFileName().toString()))) {
            stream.forEach(dirs::add);
        }
        return dirs;
    }

    /** Kills the server running on {@code dataDir}, if postmaster.pid names a live postgres of it. */
    static boolean killIfStale(Path dataDir) throws IOException {
        Path absolute = dataDir.toAbsolutePath().normalize();
        Optional<Long> pid = readPid(absolute.resolve("postmaster.pid"));
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get());
        if (handle.isEmpty() || !Postmaster.isRunning(handle.get())) {
            return false;
        }
        List<String> argv = commandLine(pid.get());
        if (!isPostmasterOf(argv, absolute)) {
            LOG.debug("postmaster.pid in {} names pid {}, which is not its server ({}); leaving it alone",
                    absolute, pid.get(), argv);
            return false;
        }
        ProcessHandle postmaster = handle.get();
        List<ProcessHandle> children = postmaster.descendants().toList();
        LOG.warn("Killing PostgreSQL pid {} left running on {} by an earlier run", pid.get(), absolute);
        postmaster.destroyForcibly();
        List<ProcessHandle> all = new ArrayList<>();
        all.add(postmaster);
        all.addAll(children);
        Postmaster.awaitExit(all, EXIT_TIMEOUT);
        if (Postmaster.isRunning(postmaster)) {
            throw new IOException("PostgreSQL pid " + pid.get() + " on " + absolute + " survived SIGKILL for "
                    + EXIT_TIMEOUT);
        }
        return true;
    }

    static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            return pid > 1 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> argv = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < raw.length) {
                argv.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
            }
            return argv;
        } catch (IOException e) {
            return List.of(); // gone meanwhile, or not ours to read
        }
    }

    /**
     * True for {@code .../postgres ... -D <dataDir> ...} (or postmaster), as {@link Postmaster} starts it
     * (with the absolute, normalized data directory).
     */
    static boolean isPostmasterOf(List<String> argv, Path dataDir) {
        if (argv.isEmpty()) {
            return false;
        }
        String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        if (!program.equals("postgres") && !program.equals("postmaster")) {
            return false;
        }
        for (int i = 1; i < argv.size() - 1; i++) {
            if (argv.get(i).equals("-D") && argv.get(i + 1).equals(dataDir.toString())) {
                return true;
            }
        }
        return false;
    }
}
