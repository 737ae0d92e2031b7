package io.synapsedb.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server process on one data directory: launch, readiness, fast shutdown, kill -9.
 *
 * <p>The port, socket directory and listen address go on the command line rather than into
 * postgresql.conf: they identify this node, a replica made from a copy of the files must not inherit
 * them, and a setting from the user cannot make a local server listen beyond 127.0.0.1.
 */
final class Postmaster {

    static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
    private static final Duration CHILD_EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 30;
    private static final int PORT_ATTEMPTS = 5;
    private static final int MAX_SOCKET_PATH = 107;

    private final Path binDir;
    private final ServerAccount account;
    private final Path dataDir;
    private final Path socketDir;
    private final Path logFile;
    private final String database;
    /** Login properties of the launcher's own connections (a password, TLS), never logged. */
    private final Properties login;

    private volatile Process process;
    private volatile int port;
    /** Set by {@link #signalTree} while the server is stopped with SIGSTOP. */
    private volatile boolean paused;
    /** Children of a killed postmaster: they exit on their own, but must be gone before a restart. */
    private List<ProcessHandle> orphans = List.of();

    Postmaster(Path binDir, ServerAccount account, Path dataDir, Path socketDir, Path logFile, String database) {
        this(binDir, account, dataDir, socketDir, logFile, database, new Properties());
    }

    Postmaster(Path binDir, ServerAccount account, Path dataDir, Path socketDir, Path logFile, String database,
               Properties login) {
        this.login = login;
        this.binDir = binDir;
        this.account = account;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.socketDir = socketDir.toAbsolutePath().normalize();
        this.logFile = logFile.toAbsolutePath().normalize();
        this.database = database;
    }

    Path dataDir() {
        return dataDir;
    }

    Path logFile() {
        return logFile;
    }

    int port() {
        return port;
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    String jdbcUrl() {
        return Jdbc.url(HOST, port, database);
    }

    /** A copy of the login properties clients of this server need besides the user. */
    Properties login() {
        Properties p = new Properties();
        p.putAll(login);
        return p;
    }

    /**
     * Starts the server on {@code newPort} and returns once it accepts connections.
     *
     * @throws PortInUseException if the port was taken by another process meanwhile
     * @throws IOException if the server exits or is not ready within {@code timeout}; the message
     *                     carries the tail of the server's log
     */
    synchronized void start(int newPort, Duration timeout) throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("PostgreSQL on " + dataDir + " is already running, pid " + pid());
        }
        awaitOrphans();
        long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
        List<String> command = List.of(binDir.resolve("postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(newPort), "-c", "listen_addresses=" + HOST,
                "-c", "unix_socket_directories=" + socketDirectorySetting());
        ProcessBuilder builder = new ProcessBuilder(account.command(command))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Process started = builder.start();
        this.process = started;
        this.port = newPort;
        LOG.debug("Started PostgreSQL pid {} on {}:{} with data directory {}", started.pid(), HOST, newPort, dataDir);
        awaitReady(started, logOffset, System.nanoTime() + timeout.toNanos());
    }

    /** Starts the server again on its port if it is not running; returns once it accepts connections. */
    synchronized void restart(Duration timeout) throws IOException {
        if (!isRunning()) {
            start(port, timeout);
        }
    }

    /**
     * Starts the server on a free port, picking another one when the chosen port is taken between
     * the pick and the server's bind.
     */
    void startOnFreePort(Duration timeout) throws IOException {
        PortInUseException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            try {
                start(FreePorts.pick(), timeout);
                return;
            } catch (PortInUseException e) {
                LOG.debug("Retrying with another port: {}", e.getMessage());
                last = e;
            }
        }
        throw new IOException("No free port for PostgreSQL on " + dataDir + " after " + PORT_ATTEMPTS + " attempts", last);
    }

    /**
     * The socket directory, or none (TCP only) when the socket's path would exceed the 107 bytes a
     * Unix socket path may have: local clients here all use TCP anyway.
     */
    private String socketDirectorySetting() {
        String dir = socketDir.toString();
        if (dir.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "/.s.PGSQL.65535".length() > MAX_SOCKET_PATH) {
            LOG.debug("No Unix socket for {}: the path {} is too long", dataDir, dir);
            return "";
        }
        return dir;
    }

    private void awaitReady(Process started, long logOffset, long deadline) throws IOException {
        String url = jdbcUrl();
        long pauseMillis = 10;
        SQLException last = null;
        while (true) {
            if (!started.isAlive()) {
                String tail = DataDirs.tail(logFile, logOffset, LOG_TAIL_LINES);
                String message = "PostgreSQL on " + dataDir + " (port " + port + ") exited with code "
                        + started.exitValue() + " before accepting connections; log " + logFile + ":\n" + tail;
                if (tail.contains("could not bind") || tail.contains("could not create any TCP/IP sockets")) {
                    throw new PortInUseException(message);
                }
                throw new IOException(message);
            }
            try (Connection connection = Jdbc.probe(url, login)) {
                String servedDir = dataDirectoryOf(connection);
                if (!Path.of(servedDir).normalize().equals(dataDir)) {
                    // Someone else's server took the port between our pick and our bind.
                    killProcess(started);
                    throw new PortInUseException("Port " + port + " is served by another PostgreSQL (data directory "
                            + servedDir + "), not by the one on " + dataDir);
                }
                return;
            } catch (SQLException e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                killProcess(started);
                throw new IOException("PostgreSQL on " + dataDir + " (port " + port + ", pid " + started.pid()
                        + ") did not accept connections in time (last error: "
                        + (last == null ? "none" : last.getMessage()) + "); log " + logFile + ":\n"
                        + DataDirs.tail(logFile, logOffset, LOG_TAIL_LINES));
            }
            try {
                // Sleeps, but wakes at once if the server exits.
                started.waitFor(pauseMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killProcess(started);
                throw new IOException("Interrupted while waiting for PostgreSQL on " + dataDir, e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 200);
        }
    }

    private static String dataDirectoryOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_setting('data_directory')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Asks for a fast shutdown (SIGINT: abort transactions, disconnect clients, checkpoint) without waiting. */
    synchronized void requestFastShutdown() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        resumeIfPaused();
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.warn("Could not send SIGINT to PostgreSQL pid {}: {}", p.pid(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the server to exit after {@link #requestFastShutdown()}; kills it after {@code timeout}. */
    void awaitStopped(Duration timeout) {
        Process p = process;
        if (p == null) {
            return;
        }
        boolean exited = false;
        try {
            exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!exited) {
            LOG.warn("PostgreSQL pid {} on {} did not stop within {}; killing it", p.pid(), dataDir, timeout);
            kill();
        }
    }

    /**
     * Sends {@code SIGSTOP} ({@code stop == true}) or {@code SIGCONT} to the postmaster and every
     * process it started, as a hung machine or a long stop-the-world pause would look to clients:
     * connections stay open, the kernel still accepts new ones, and nothing answers. The postmaster
     * is stopped first (so it forks nothing meanwhile) and continued last.
     */
    synchronized void signalTree(boolean stop) throws IOException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException("PostgreSQL on " + dataDir + " is not running");
        }
        List<String> command = new ArrayList<>(List.of("kill", stop ? "-STOP" : "-CONT"));
        List<String> children = p.descendants().map(h -> Long.toString(h.pid())).toList();
        if (stop) {
            command.add(Long.toString(p.pid()));
            command.addAll(children);
        } else {
            command.addAll(children);
            command.add(Long.toString(p.pid()));
        }
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IOException("kill " + command.get(1) + " did not finish for PostgreSQL on " + dataDir);
            }
            paused = stop;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling PostgreSQL on " + dataDir, e);
        }
    }

    private void resumeIfPaused() {
        if (paused) {
            try {
                signalTree(false);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not continue paused PostgreSQL on {}: {}", dataDir, e.toString());
            }
        }
    }

    /** Fast shutdown, waiting for the server to exit; kill -9 after {@code timeout}. */
    void stop(Duration timeout) {
        requestFastShutdown();
        awaitStopped(timeout);
    }

    /**
     * Kills the postmaster with SIGKILL and waits for it to exit. Its children notice the postmaster's
     * death and exit by themselves; a restart waits for them, since they still hold shared memory.
     */
    synchronized void kill() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        resumeIfPaused(); // stopped children would not notice the postmaster's death
        orphans = killProcess(p);
    }

    private static List<ProcessHandle> killProcess(Process p) {
        List<ProcessHandle> children = new ArrayList<>(p.descendants().toList());
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return children;
    }

    private void awaitOrphans() {
        awaitExit(orphans, CHILD_EXIT_TIMEOUT);
        orphans = List.of();
    }

    /**
     * Waits for processes to exit, killing those still alive after {@code timeout}. Safe on reused pids:
     * a {@link ProcessHandle} is bound to its process's start time.
     *
     * <p>An exited process counts as gone even while it is a zombie: orphaned server processes are
     * reaped by init whenever it gets to it (a second or more in some containers), but a zombie holds
     * no shared memory and no port, which is all a restart needs. {@link ProcessHandle#onExit()} would
     * wait for the reaping.
     */
    static void awaitExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 2;
        for (ProcessHandle handle : handles) {
            while (isRunning(handle) && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pauseMillis = Math.min(pauseMillis * 2, 50);
            }
            if (isRunning(handle)) {
                handle.destroyForcibly();
            }
        }
    }

    /** Alive and not a zombie (state Z in /proc/<pid>/stat, after the command name in parentheses). */
    static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return handle.isAlive(); // no /proc entry: gone, or not Linux
        }
    }
}
