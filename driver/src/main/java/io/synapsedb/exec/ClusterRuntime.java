package io.synapsedb.exec;

import io.micrometer.core.instrument.MeterRegistry;
import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.CatalogChannel;
import io.synapsedb.catalog.CatalogManager;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.cluster.ClusterLink;
import io.synapsedb.config.SynapseConfig;
import io.synapsedb.config.TableDeclaration;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.SqlStates;
import io.synapsedb.metrics.DriverMetrics;
import io.synapsedb.pool.NodePool;
import io.synapsedb.pool.PoolSettings;
import io.synapsedb.sql.SqlAnalyzer;
import io.synapsedb.sql.StatementPlan;
import io.synapsedb.txn.TransactionRecovery;
import io.synapsedb.txn.TwoPhaseCommit;
import io.synapsedb.txn.TxnMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the logical connections of one configuration share: the node pools and their
 * breakers, the catalog, the plan cache, key allocators and metrics. Made once per distinct
 * configuration and kept until closed.
 */
public final class ClusterRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRuntime.class);

    private volatile SynapseConfig config;
    private volatile List<GroupInfo> groups;
    private final NodeSelector nodes;
    /** The coordinator in cluster mode, else null. */
    private final ClusterLink link;
    private final CatalogManager catalog;
    private final SqlAnalyzer analyzer;
    private final DriverMetrics metrics;
    private final Map<String, KeyAllocator> allocators = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher;
    /** Runs the groups' parts of a multi-group read in parallel; bounded, so a burst queues. */
    private final java.util.concurrent.ThreadPoolExecutor scatter;
    private final ExecutorService txnExecutor;
    private final TwoPhaseCommit twoPhase;
    private final TransactionRecovery recovery;
    private final ScheduledExecutorService recoveryScheduler;
    private final ScheduledExecutorService healthScheduler;
    private final ExecutorService probes;
    private volatile boolean closed;

    /**
     * Starts the runtime of {@code requested}; in cluster mode ({@link SynapseConfig#coordinator()})
     * first joins the coordinator and takes the groups from it.
     */
    public ClusterRuntime(SynapseConfig requested, MeterRegistry registry) throws SQLException {
        this(requested.coordinator() == null ? null : openLink(requested), requested, registry);
    }

    /**
     * The pgJDBC properties of the physical connections: the configuration's, with
     * {@code logServerErrorDetail=false} unless it says otherwise, so that exception messages carry
     * no row or key values from PostgreSQL's error detail (it stays readable through
     * {@code getServerErrorMessage()}).
     */
    static java.util.Properties physicalProperties(SynapseConfig config) {
        java.util.Properties p = config.pgProperties();
        p.putIfAbsent(org.postgresql.PGProperty.LOG_SERVER_ERROR_DETAIL.getName(), "false");
        return p;
    }

    private static ClusterLink openLink(SynapseConfig requested) throws SQLException {
        warmUpParser(); // while the coordinator member starts
        return ClusterLink.open(requested);
    }

    private ClusterRuntime(ClusterLink link, SynapseConfig requested, MeterRegistry registry) throws SQLException {
        warmUpParser();
        this.link = link;
        SynapseConfig config = link == null ? requested : link.config();
        this.config = config;
        this.groups = config.groups();
        PoolSettings settings = new PoolSettings(config.user(), config.password(), physicalProperties(config),
                config.pool(), config.health());
        // Health checks: one scheduling thread; each probe on a thread of its own, so a silent node
        // delays no other node's check.
        this.healthScheduler = Executors.newSingleThreadScheduledExecutor(daemon("synapse-health"));
        this.probes = Executors.newCachedThreadPool(daemon("synapse-health-probe"));
        this.nodes = new NodeSelector(config, settings, registry, healthScheduler, probes);
        this.metrics = new DriverMetrics(registry, groups.stream().map(GroupInfo::name).toList(), nodes.health());
        int home = indexOf(config.homeGroup());
        List<CatalogManager.Declaration> declarations = new ArrayList<>();
        for (TableDeclaration d : config.tables()) {
            declarations.add(new CatalogManager.Declaration(d.name(), d.kind(), d.shardKey(), d.slots()));
        }
        List<String> groupNames = groups.stream().map(GroupInfo::name).toList();
        List<String> nodeNames = groups.stream().map(g -> g.primary().toString()).toList();
        TxnMetrics txnMetrics = new TxnMetrics(metrics.registry());
        this.txnExecutor = Executors.newCachedThreadPool(daemon("synapse-2pc"));
        // Recovery runs at start, periodically and when a commit leaves work for it, on one thread of
        // its own: it may wait on a coordinator's lock, which must not delay catalog refreshes.
        this.recoveryScheduler = Executors.newSingleThreadScheduledExecutor(daemon("synapse-2pc-recovery"));
        this.recovery = new TransactionRecovery(groupNames, nodes::openPrimary, config.recovery(),
                config.health().nodeTimeoutMs(), txnMetrics, txnExecutor);
        recovery.useScheduler(recoveryScheduler);
        this.twoPhase = new TwoPhaseCommit(groupNames, nodeNames, nodes::openPrimary, config.recovery(),
                config.health().nodeTimeoutMs(), txnMetrics, txnExecutor, recovery::settleSoon);
        this.catalog = new CatalogManager(groups, home, nodes::openPrimary, config.catalog(), declarations,
                twoPhase, link == null ? CatalogChannel.LOCAL : link);
        this.analyzer = new SqlAnalyzer(config.routing().planCacheSize());
        try {
            catalog.bootstrap();
            if (link != null) {
                link.follow(catalog, this::primariesMoved);
            }
        } catch (SQLException | RuntimeException e) {
            txnExecutor.shutdownNow();
            recoveryScheduler.shutdownNow();
            healthScheduler.shutdownNow();
            probes.shutdownNow();
            nodes.close();
            if (link != null) {
                link.close();
            }
            throw e;
        }
        int threads = Math.max(2, Math.min(64, groups.size() * config.pool().size()));
        java.util.concurrent.atomic.AtomicInteger threadNo = new java.util.concurrent.atomic.AtomicInteger();
        // A full queue runs the part on the caller: slower, never refused, never deadlocked.
        this.scatter = new java.util.concurrent.ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(threads * 4), r -> {
                    Thread t = new Thread(r, "synapse-scatter-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
        scatter.allowCoreThreadTimeOut(true);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "synapse-catalog-refresh");
            t.setDaemon(true);
            return t;
        });
        long every = config.catalog().refreshMs();
        if (every > 0) {
            refresher.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
        }
        long recoveryEvery = config.recovery().intervalMs();
        if (recoveryEvery > 0) {
            recoveryScheduler.scheduleWithFixedDelay(this::recoverQuietly, 0, recoveryEvery, TimeUnit.MILLISECONDS);
        } else {
            recoveryScheduler.execute(this::recoverQuietly);
        }
        LOG.info("SynapseDB runtime started: {} groups, home group {}, catalog version {}", groups.size(),
                groups.get(home).name(), catalog.current().version());
    }

    /**
     * The coordinator's topology moved some groups' primaries: new pools and breakers for them (the
     * breaker gauges follow), and the old pools closed (HikariCP closes their connections as they
     * come back).
     */
    private void primariesMoved(SynapseConfig next, long epoch) {
        List<NodePool> retired;
        synchronized (this) {
            retired = nodes.primariesMoved(groups, next, epoch, metrics);
            groups = next.groups();
            config = next;
            catalog.readdress(next.groups());
        }
        retired.forEach(NodePool::close);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void recoverQuietly() {
        if (closed) {
            return;
        }
        try {
            recovery.runOnce();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("two-phase-commit recovery failed: {}", e.toString());
            }
        }
    }

    /**
     * Loads and links the SQL parser on a background thread while the bootstrap waits on the
     * network, so that the application's first statement does not pay for it. Class loading is
     * JVM-wide; the throwaway analyser keeps nothing.
     */
    public static void warmUpParser() {
        if (PARSER_WARM.compareAndSet(false, true)) {
            Thread t = new Thread(() -> new SqlAnalyzer(0).analyze(
                    "SELECT a, count(*) FROM t WHERE k = ? AND b IN (1, 2) GROUP BY a ORDER BY a LIMIT 1",
                    name -> null, 0), "synapse-parser-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PARSER_WARM =
            new java.util.concurrent.atomic.AtomicBoolean();

    private int indexOf(String groupName) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).name().equals(groupName)) {
                return i;
            }
        }
        return 0;
    }

    private void refreshQuietly() {
        if (closed) {
            return;
        }
        try {
            if (catalog.refreshIfChanged()) {
                LOG.info("catalog changed by another application; now version {}", catalog.current().version());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("catalog refresh failed: {}", e.getMessage());
        }
    }

    /**
     * The session with the coordinator in cluster mode ({@code jdbc:synapse:coordinator=...}), or
     * {@code null} when the groups come from the configuration alone.
     */
    public io.synapsedb.spi.CoordinationSession coordination() {
        return link == null ? null : link.session();
    }

    /** The bounded executor that runs the groups' parts of multi-group reads in parallel. */
    public java.util.concurrent.ExecutorService scatterExecutor() {
        return scatter;
    }

    public SynapseConfig config() {
        return config;
    }

    public Catalog catalog() {
        return catalog.current();
    }

    public CatalogManager catalogManager() {
        return catalog;
    }

    public DriverMetrics metrics() {
        return metrics;
    }

    /** Two-phase commit of transactions that wrote several groups. */
    public TwoPhaseCommit twoPhase() {
        return twoPhase;
    }

    /** Recovery of orphaned two-phase transactions (also runs periodically by itself). */
    public TransactionRecovery recovery() {
        return recovery;
    }

    public int groupCount() {
        return nodes.groupCount();
    }

    /** Picks the node of every target and owns the nodes' pools and health. */
    public NodeSelector nodes() {
        return nodes;
    }

    public NodePool pool(int group) {
        return nodes.pool(group);
    }

    /** A pooled connection to the primary of {@code group}. */
    public Connection openPrimary(int group) throws SQLException {
        return nodes.openPrimary(group);
    }

    /** The plan for {@code sql} against the current catalog (cached by SQL text). */
    public StatementPlan plan(String sql) {
        Catalog c = catalog.current();
        return analyzer.analyze(sql, c, c.version());
    }

    public SqlAnalyzer analyzer() {
        return analyzer;
    }

    /**
     * Fills {@code out} with fresh cluster-unique values for the serial/identity shard key of
     * {@code table}.
     */
    public void allocateKeys(TableInfo table, long[] out, int from, int count) throws SQLException {
        if (table.keySequence() == null) {
            throw new SQLException("INSERT into " + table.name() + " gives no value for shard key "
                    + table.shardKey() + ", and the key has no serial or identity default to generate one", SqlStates.NOT_NULL_VIOLATION);
        }
        KeyAllocator a = allocators.computeIfAbsent(table.keySequence(),
                s -> new KeyAllocator(s, config.routing().keyBlockSize()));
        int home = catalog.current().homeGroup();
        a.allocate(() -> nodes.openPrimary(home), out, from, count);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        refresher.shutdownNow();
        scatter.shutdownNow();
        recoveryScheduler.shutdownNow();
        healthScheduler.shutdownNow();
        probes.shutdownNow();
        txnExecutor.shutdownNow();
        nodes.close();
        if (link != null) {
            link.close();
        }
    }
}
