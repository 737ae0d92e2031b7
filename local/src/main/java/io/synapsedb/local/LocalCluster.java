package io.synapsedb.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of local PostgreSQL servers on free 127.0.0.1 ports, each with its own data directory, for
 * demos, tests and benchmarks. See the {@linkplain io.synapsedb.local package documentation} for how
 * binaries, templates, directories, clean-up and replicas work.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder().nodes(3).durable(false).start()) {
 *     String url = cluster.synapseUrl(); // jdbc:synapse://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3/synapsedb?user=postgres
 *     ...
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {

    /** Environment variable naming the bin directory of an installed PostgreSQL to use instead of zonky's. */
    public static final String PG_BIN_ENV = "SYNAPSE_PG_BIN";

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    private static final String VERSION_RESOURCE = "/io/synapsedb/local/postgres-version.properties";

    private final String name;
    private final Path baseDir;
    private final String database;
    private final Path binDir;
    private final ServerAccount account;
    private final ServerAccess access;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final boolean keepData;
    private final BaseDirOwnership ownership;
    private final List<LocalNode> nodes;
    private final List<LocalNode> replicas = new CopyOnWriteArrayList<>();
    private final String postgresVersion;
    private final AtomicInteger replicaSequence = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private LocalCluster(Builder builder, Path baseDir, Path binDir, ServerAccount account, ServerAccess access,
                         BaseDirOwnership ownership, List<LocalNode> nodes, String postgresVersion) {
        this.access = access;
        this.name = builder.name;
        this.baseDir = baseDir;
        this.database = builder.database;
        this.binDir = binDir;
        this.account = account;
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.keepData = builder.keepData;
        this.ownership = ownership;
        this.nodes = List.copyOf(nodes);
        this.postgresVersion = postgresVersion;
        this.shutdownHook = new Thread(() -> shutDown(true), "synapsedb-local-" + name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder with the defaults: 3 nodes, name "default", database "synapsedb", durable. */
    public static Builder builder() {
        return new Builder();
    }

    /** The cluster's name (its base directory's name by default). */
    public String name() {
        return name;
    }

    public Path baseDir() {
        return baseDir;
    }

    /** The primary nodes, in order; replicas are in {@link #replicas()}. */
    public List<LocalNode> nodes() {
        return nodes;
    }

    /** The primary node at {@code index} (0-based). */
    public LocalNode node(int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IndexOutOfBoundsException("Local cluster '" + name + "' has nodes 0.." + (nodes.size() - 1)
                    + ", not " + index);
        }
        return nodes.get(index);
    }

    /** The replicas made by {@link #addReplica(LocalNode)}, in order of creation. */
    public List<LocalNode> replicas() {
        return List.copyOf(replicas);
    }

    /** {@code jdbc:synapse://127.0.0.1:p1,127.0.0.1:p2,.../<database>?user=postgres}, over the primary nodes. */
    public String synapseUrl() {
        return nodes.stream().map(n -> n.host() + ":" + n.port())
                .collect(Collectors.joining(",", "jdbc:synapse://", "/" + database + "?user=" + Jdbc.USER));
    }

    /**
     * The superuser's password when the cluster was built with {@link Builder#password(String)}
     * (not part of {@link #synapseUrl()}), else {@code null}.
     */
    public String password() {
        return access.password();
    }

    /** The servers' version as PostgreSQL reports it, e.g. {@code 17.11}. */
    public String postgresVersion() {
        return postgresVersion;
    }

    /** The bin directory of the PostgreSQL binaries the servers run. */
    public Path binDir() {
        return binDir;
    }

    /**
     * Makes a streaming replica of {@code primary} (a node of this cluster, running) on a new port and
     * returns it once it accepts connections. It streams through a physical replication slot named
     * after it, so the primary keeps the WAL it has not received yet.
     */
    public LocalNode addReplica(LocalNode primary) throws IOException {
        Objects.requireNonNull(primary, "primary");
        if (closed.get()) {
            throw new IllegalStateException("Local cluster '" + name + "' is closed");
        }
        if (!nodes.contains(primary) && !replicas.contains(primary)) {
            throw new IllegalArgumentException(primary + " is not a node of local cluster '" + name + "'");
        }
        if (!primary.isRunning()) {
            throw new IllegalStateException(primary + " is not running; start it before adding a replica");
        }
        String replicaName = primary.name() + "-replica" + replicaSequence.incrementAndGet();
        String slotName = replicaName.replace('-', '_');
        Path nodeDir = baseDir.resolve(replicaName);
        Path dataDir = nodeDir.resolve(LocalNode.DATA_DIR_NAME);
        DataDirs.deleteTree(nodeDir);
        DataDirs.createPrivateDirectory(nodeDir);
        LocalNode replica = newNode(replicaName, nodeDir, true);
        boolean started = false;
        try {
            ReplicaSetup.prepare(primary, dataDir, slotName, access);
            account.takeOwnership(nodeDir);
            replica.postmaster().startOnFreePort(startTimeout);
            started = true;
        } finally {
            if (!started) {
                replica.kill();
                try (Connection session = primary.connect()) {
                    ReplicaSetup.dropSlot(session, slotName);
                } catch (SQLException e) {
                    LOG.warn("Could not drop replication slot {} on {}: {}", slotName, primary, e.getMessage());
                }
                DataDirs.deleteTree(nodeDir);
            }
        }
        replicas.add(replica);
        if (closed.get()) { // closed meanwhile: do not leave the new server behind
            replica.stop();
            throw new IllegalStateException("Local cluster '" + name + "' was closed while adding a replica");
        }
        LOG.info("Started replica {} of {} on port {}", replicaName, primary.name(), replica.port());
        return replica;
    }

    /**
     * Stops every server this cluster started (fast shutdown, kill -9 after a timeout) and deletes the
     * node directories unless {@link Builder#keepData(boolean)} was set. Idempotent.
     */
    @Override
    public void close() {
        shutDown(false);
    }

    private void shutDown(boolean fromHook) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!fromHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook is running or about to and will find us closed
            }
        }
        List<LocalNode> all = new ArrayList<>(replicas);
        all.addAll(nodes);
        // Signal all first, then wait: the servers shut down in parallel.
        all.forEach(n -> n.postmaster().requestFastShutdown());
        all.forEach(n -> n.postmaster().awaitStopped(stopTimeout));
        if (ownership.isCurrent()) {
            if (!keepData) {
                for (LocalNode node : all) {
                    try {
                        DataDirs.deleteTree(node.nodeDir());
                    } catch (IOException | UncheckedIOException e) {
                        LOG.warn("Could not delete {}: {}", node.nodeDir(), e.toString());
                    }
                }
            }
            ownership.release();
        }
        LOG.debug("Closed local cluster '{}'", name);
    }

    private LocalNode newNode(String nodeName, Path nodeDir, boolean replica) {
        return newNode(nodeName, nodeDir, replica, database, binDir, account, access, startTimeout, stopTimeout);
    }

    private static LocalNode newNode(String nodeName, Path nodeDir, boolean replica, String database, Path binDir,
                                     ServerAccount account, ServerAccess access, Duration startTimeout,
                                     Duration stopTimeout) {
        Postmaster postmaster = new Postmaster(binDir, account, nodeDir.resolve(LocalNode.DATA_DIR_NAME), nodeDir,
                nodeDir.resolve(LocalNode.LOG_FILE_NAME), database, access.login());
        return new LocalNode(nodeName, nodeDir, replica, database, postmaster, startTimeout, stopTimeout);
    }

    /**
     * {@code LocalCluster [nodes]}: starts a cluster (default 3 nodes), prints its URL and node ports,
     * and runs until Ctrl-C, which stops the servers.
     */
    public static void main(String[] args) {
        int count = 3;
        if (args.length > 0) {
            try {
                count = Integer.parseInt(args[0]);
            } catch (NumberFormatException e) {
                System.err.println("usage: LocalCluster [nodes]   (nodes: a number, default 3)");
                System.exit(2);
            }
        }
        LocalCluster cluster;
        try {
            cluster = builder().nodes(count).start();
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not start the local cluster: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("PostgreSQL " + cluster.postgresVersion() + ", " + count + " node(s) in " + cluster.baseDir());
        System.out.println("URL: " + cluster.synapseUrl());
        for (LocalNode node : cluster.nodes()) {
            System.out.println("  " + node.name() + ": " + node.jdbcUrl() + "  (pid " + node.pid() + ")");
        }
        System.out.println("Press Ctrl-C to stop.");
        try {
            new CountDownLatch(1).await(); // the shutdown hook stops the servers on Ctrl-C
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.close();
        }
    }

    /** Options of a {@link LocalCluster}; {@link #start()} starts it. Not thread-safe. */
    /** System property naming the directory under which clusters get their base directories. */
    public static final String ROOT_PROPERTY = "synapsedb.local.root";

    public static final class Builder {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

        private String name = "default";
        private Path baseDir;
        private int nodeCount = 3;
        private Path pgBin;
        private Path cacheDir;
        private String database = "synapsedb";
        private final Map<String, String> settings = new LinkedHashMap<>();
        private boolean durable = true;
        private boolean keepData;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(20);
        private Path tlsCertificate;
        private Path tlsKey;
        private boolean requireTls;
        private String password;

        private Builder() {
        }

        /**
         * Every node serves TLS ({@code ssl=on}) with this certificate (PEM, the server's own first,
         * then any intermediates) and unencrypted private key (PEM, PKCS#8 or PKCS#1). Plain TCP
         * is still accepted unless {@link #requireTls(boolean)}.
         */
        public Builder tls(Path certificatePem, Path privateKeyPem) {
            this.tlsCertificate = Objects.requireNonNull(certificatePem, "certificatePem").toAbsolutePath();
            this.tlsKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem").toAbsolutePath();
            return this;
        }

        /** With {@link #tls}: TCP connections without TLS are refused (pg_hba.conf has only hostssl lines). */
        public Builder requireTls(boolean requireTls) {
            this.requireTls = requireTls;
            return this;
        }

        /**
         * Password authentication: the superuser {@code postgres} gets this password (stored as a
         * SCRAM-SHA-256 verifier, {@code password_encryption = scram-sha-256}) and pg_hba.conf
         * accepts only {@code scram-sha-256}: no {@code trust} line remains. The launcher's own
         * connections and {@link LocalNode#connect()} use it; {@link LocalCluster#synapseUrl()}
         * does not contain it.
         */
        public Builder password(String password) {
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("A password must not be empty");
            }
            this.password = password;
            return this;
        }

        /**
         * The cluster's name; its base directory is {@code <root>/<name>} by default, the root being
         * the system property {@value #ROOT_PROPERTY} or {@code ${java.io.tmpdir}/synapsedb-local}.
         */
        public Builder name(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Cluster name must be letters, digits, '.', '_' or '-': '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * The directory holding the node directories (default {@code <root>/<name>}, see {@link #name}).
         * Starting deletes the node directories an earlier run left in it; a non-empty directory the
         * launcher did not make is refused.
         */
        public Builder baseDir(Path baseDir) {
            this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
            return this;
        }

        /** How many primary nodes (default 3). */
        public Builder nodes(int count) {
            if (count < 1 || count > 64) {
                throw new IllegalArgumentException("A local cluster has 1 to 64 nodes, not " + count);
            }
            this.nodeCount = count;
            return this;
        }

        /**
         * The bin directory of an installed PostgreSQL (initdb and postgres). Default: the environment
         * variable {@value #PG_BIN_ENV} if set, else zonky's binaries of the version this driver was
         * built with.
         */
        public Builder pgBin(Path binDir) {
            this.pgBin = Objects.requireNonNull(binDir, "binDir");
            return this;
        }

        /**
         * Where extracted binaries and templates are cached (default {@code $XDG_CACHE_HOME/synapsedb}
         * or {@code ~/.cache/synapsedb}).
         */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
            return this;
        }

        /** The database created on every node (default {@code synapsedb}). */
        public Builder database(String database) {
            if (database == null || database.isEmpty() || database.length() > 63) {
                throw new IllegalArgumentException("Not a database name: '" + database + "'");
            }
            this.database = database;
            return this;
        }

        /** An extra postgresql.conf setting for every node; it overrides the launcher's defaults. */
        public Builder setting(String key, String value) {
            ServerSettings.checkName(key);
            settings.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Default true. False sets fsync=off, synchronous_commit=off and full_page_writes=off: much faster
         * tests, at the price of the data surviving a server crash but not a machine crash.
         */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** Keep the node directories after {@link LocalCluster#close()} (default false: deleted). */
        public Builder keepData(boolean keepData) {
            this.keepData = keepData;
            return this;
        }

        /** How long a server may take to accept connections (default 60 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = positive(timeout, "startTimeout");
            return this;
        }

        /** How long a fast shutdown may take before the server is killed (default 20 s). */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }

        /**
         * Where clusters without a base directory of their own live. Two builds on one machine (two
         * clones, CI next to a developer) set it apart so they never contend for a cluster's
         * directory.
         */
        static Path defaultRoot() {
            String root = System.getProperty(ROOT_PROPERTY);
            return root != null && !root.isBlank() ? Path.of(root)
                    : Path.of(System.getProperty("java.io.tmpdir"), "synapsedb-local");
        }

        /**
         * Starts the cluster: finds or extracts the binaries, builds or reuses the template, ends servers
         * an earlier crashed run left in the base directory, then copies the template per node and
         * starts the nodes in parallel. Returns once every node accepts connections.
         *
         * @throws IOException if the binaries cannot be found, or a server does not start (the message
         *                     names the node and has the tail of its log)
         */
        public LocalCluster start() throws IOException {
            Path base = (baseDir != null ? baseDir : defaultRoot().resolve(name)).toAbsolutePath().normalize();
            Path cache = cacheDir != null ? cacheDir.toAbsolutePath().normalize() : defaultCacheDir();
            Path bin = installedBinDir();
            boolean installed = bin != null;
            if (installed) {
                checkInstalled(bin);
            } else {
                bin = ZonkyBinaries.binDir(defaultVersion(), cache.resolve("binaries"));
            }
            ServerAccount account = ServerAccount.select(installed);
            ServerAccess access = tlsCertificate == null && password == null && !requireTls ? ServerAccess.TRUST
                    : new ServerAccess(tlsCertificate, tlsKey, password, requireTls);
            account.checkReachable(base);
            // The postgres OS user cannot enter a root JVM's home, where the cache lives by default.
            Path templates = account.mode() == ServerAccount.Mode.OS_USER && cacheDir == null
                    ? Path.of(System.getProperty("java.io.tmpdir"), "synapsedb-templates")
                    : cache.resolve("templates");
            account.checkReachable(templates);
            Path template = TemplateCache.obtain(bin, account, database, templates, startTimeout);

            BaseDirOwnership ownership = BaseDirOwnership.acquire(base);
            List<LocalNode> started = new ArrayList<>();
            try {
                int killed = StaleServers.killAll(base);
                if (killed > 0) {
                    LOG.warn("Killed {} PostgreSQL server(s) an earlier run left in {}", killed, base);
                }
                for (Path old : StaleServers.nodeDirectories(base)) {
                    DataDirs.deleteTree(old);
                }
                Map<String, String> all = new LinkedHashMap<>();
                access.addSettings(all);
                all.putAll(settings);
                ServerSettings serverSettings = ServerSettings.of(durable, all);
                startNodes(base, bin, account, access, template, serverSettings, started);
                String version = queryVersion(started.get(0));
                LocalCluster cluster = new LocalCluster(this, base, bin, account, access, ownership, started, version);
                LOG.info("Started local cluster '{}': PostgreSQL {} on ports {} ({})", name, version,
                        started.stream().map(n -> Integer.toString(n.port())).collect(Collectors.joining(",")), base);
                return cluster;
            } catch (IOException | RuntimeException | Error e) {
                started.forEach(n -> n.postmaster().requestFastShutdown());
                started.forEach(n -> n.postmaster().awaitStopped(stopTimeout));
                ownership.release();
                throw e;
            }
        }

        private void startNodes(Path base, Path bin, ServerAccount account, ServerAccess access, Path template,
                                ServerSettings serverSettings, List<LocalNode> started) throws IOException {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(nodeCount, 4), r -> {
                Thread t = new Thread(r, "synapsedb-local-start");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<LocalNode>> futures = new ArrayList<>();
                for (int i = 0; i < nodeCount; i++) {
                    String nodeName = "node" + i;
                    futures.add(pool.submit(() -> startNode(nodeName, base.resolve(nodeName), bin, account, access,
                            template, serverSettings)));
                }
                IOException failure = null;
                for (Future<LocalNode> future : futures) {
                    try {
                        started.add(future.get()); // in node order; all successes, so a failure stops them
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        IOException io = cause instanceof IOException ioe ? ioe
                                : new IOException("Starting a node failed: " + cause, cause);
                        if (failure == null) {
                            failure = io;
                        } else {
                            failure.addSuppressed(io);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        pool.shutdownNow();
                        throw new IOException("Interrupted while starting local cluster '" + name + "'", e);
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            } finally {
                pool.shutdown();
            }
        }

        private LocalNode startNode(String nodeName, Path nodeDir, Path bin, ServerAccount account, ServerAccess access,
                                    Path template, ServerSettings serverSettings) throws IOException {
            DataDirs.createPrivateDirectory(nodeDir);
            Path dataDir = nodeDir.resolve(LocalNode.DATA_DIR_NAME);
            DataDirs.copy(template, dataDir);
            serverSettings.appendTo(dataDir);
            access.installFiles(dataDir);
            account.takeOwnership(nodeDir);
            LocalNode node = newNode(nodeName, nodeDir, false, database, bin, account, access, startTimeout,
                    stopTimeout);
            node.postmaster().startOnFreePort(startTimeout);
            if (access.changesAuthentication()) {
                access.secure(node.postmaster(), Jdbc.USER, startTimeout);
            }
            return node;
        }

        private Path installedBinDir() {
            if (pgBin != null) {
                return pgBin.toAbsolutePath().normalize();
            }
            String env = System.getenv(PG_BIN_ENV);
            return env == null || env.isBlank() ? null : Path.of(env.trim()).toAbsolutePath().normalize();
        }

        private static void checkInstalled(Path bin) throws IOException {
            for (String program : List.of("postgres", "initdb")) {
                if (!Files.isExecutable(bin.resolve(program))) {
                    throw new IOException("No executable " + program + " in " + bin + " (from "
                            + PG_BIN_ENV + " or LocalCluster.Builder.pgBin)");
                }
            }
        }

        private static Path defaultCacheDir() {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            return root.resolve("synapsedb").toAbsolutePath().normalize();
        }

        private static String queryVersion(LocalNode node) throws IOException {
            try (Connection connection = node.connect(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("show server_version")) {
                rs.next();
                return rs.getString(1).trim().split("\\s+")[0]; // "15.18 (Debian 15.18-0+deb12u1)" -> "15.18"
            } catch (SQLException e) {
                throw new IOException("Could not read the PostgreSQL version from " + node + ": " + e.getMessage(), e);
            }
        }
    }

    /** The zonky binaries version this driver was built with (resource written by the build). */
    static String defaultVersion() throws IOException {
        try (InputStream in = LocalCluster.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IOException("Missing resource " + VERSION_RESOURCE);
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            if (version.isEmpty() || version.startsWith("${")) {
                throw new IOException("Resource " + VERSION_RESOURCE + " has no PostgreSQL version: '" + version + "'");
            }
            return version;
        }
    }

    @Override
    public String toString() {
        return "LocalCluster[" + name + ", " + nodes.size() + " node(s), " + replicas.size() + " replica(s), "
                + (closed.get() ? "closed" : "running") + "]";
    }
}
