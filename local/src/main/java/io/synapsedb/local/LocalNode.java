package io.synapsedb.local;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One PostgreSQL server of a {@link LocalCluster}: a primary, or a streaming replica made by
 * {@link LocalCluster#addReplica(LocalNode)}.
 *
 * <p>It listens on 127.0.0.1 only, on a port that stays the same across {@link #stop()} /
 * {@link #kill()} and {@link #start()}, and accepts the {@code postgres} user without a password
 * (unless the cluster was built with {@code password}, {@code tls} or {@code requireTls}).
 * Its directory holds the data directory ({@code data/}), the server log ({@code postgres.log}) and
 * the Unix socket.
 */
public final class LocalNode {

    static final String DATA_DIR_NAME = "data";
    static final String LOG_FILE_NAME = "postgres.log";

    private static final Pattern NODE_DIR_NAME = Pattern.compile("node\\d+(-replica\\d+)*");

    private final String name;
    private final Path nodeDir;
    private final boolean replica;
    private final String database;
    private final Postmaster postmaster;
    private final Duration startTimeout;
    private final Duration stopTimeout;

    LocalNode(String name, Path nodeDir, boolean replica, String database, Postmaster postmaster,
              Duration startTimeout, Duration stopTimeout) {
        this.name = name;
        this.nodeDir = nodeDir;
        this.replica = replica;
        this.database = database;
        this.postmaster = postmaster;
        this.startTimeout = startTimeout;
        this.stopTimeout = stopTimeout;
    }

    /** True for the names the launcher gives node directories ({@code node0}, {@code node0-replica1}). */
    static boolean isNodeDirectoryName(String name) {
        return NODE_DIR_NAME.matcher(name).matches();
    }

    /** The node's name in its cluster, also its directory's name: {@code node0}, {@code node0-replica1}. */
    public String name() {
        return name;
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return Postmaster.HOST;
    }

    public int port() {
        return postmaster.port();
    }

    /** The database created for the cluster (the same on every node). */
    public String database() {
        return database;
    }

    /** The superuser, {@code postgres}: trusted without a password unless the cluster has one. */
    public String user() {
        return Jdbc.USER;
    }

    public Path dataDir() {
        return postmaster.dataDir();
    }

    /** The server's log file (stdout and stderr of the postmaster). */
    public Path logFile() {
        return postmaster.logFile();
    }

    /** The postmaster's pid, or -1 before the first start. It changes on every start. */
    public long pid() {
        return postmaster.pid();
    }

    public boolean isRunning() {
        return postmaster.isRunning();
    }

    public boolean isReplica() {
        return replica;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>?user=postgres}. */
    public String jdbcUrl() {
        return postmaster.jdbcUrl();
    }

    /** A plain pgJDBC connection to this node's database (with the cluster's password and TLS, if it has them). */
    public Connection connect() throws SQLException {
        return Jdbc.connect(jdbcUrl(), postmaster.login());
    }

    /** Fast shutdown (SIGINT: open transactions are aborted), waiting for the server to exit. */
    public void stop() {
        postmaster.stop(stopTimeout);
    }

    /**
     * Kills the postmaster with SIGKILL, as a crash would, and waits for it to exit; its children exit
     * by themselves shortly after. The next {@link #start()} runs crash recovery.
     */
    public void kill() {
        postmaster.kill();
    }

    /**
     * Pauses the server with {@code SIGSTOP} (the postmaster and all its processes): its sockets stay
     * open and nothing answers, as with a hung host. {@link #resume()} continues it; a paused server
     * must be resumed before it can be stopped.
     */
    public void pause() throws IOException {
        postmaster.signalTree(true);
    }

    /** Continues a server paused by {@link #pause()} ({@code SIGCONT}). */
    public void resume() throws IOException {
        postmaster.signalTree(false);
    }

    /**
     * (Re)starts the server on the same data directory and port and returns once it accepts
     * connections; does nothing if it is running.
     *
     * @throws IOException if the server exits or is not ready in time (the message has the log's tail)
     */
    public void start() throws IOException {
        postmaster.restart(startTimeout);
    }

    Postmaster postmaster() {
        return postmaster;
    }

    Path nodeDir() {
        return nodeDir;
    }

    @Override
    public String toString() {
        return (replica ? "replica " : "node ") + name + " " + host() + ":" + port() + " (" + dataDir() + ")";
    }
}
