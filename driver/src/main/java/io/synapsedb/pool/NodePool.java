package io.synapsedb.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.SqlStates;
import io.synapsedb.health.NodeHealth;
import io.synapsedb.health.NodeMonitor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HikariCP pool of one node, guarded by the node's circuit breaker and, once
 * {@link #watch watched}, by a health check that notices a node that stops answering. Logical
 * connections of the same URL and user share it.
 */
public final class NodePool implements AutoCloseable {

    /**
     * Pool names in use in this JVM. HikariCP's Micrometer gauges are keyed by pool name, and
     * Micrometer keeps the first gauge of a name: two applications in one JVM with pools to the
     * same node would otherwise report one pool's numbers for both.
     */
    private static final Set<String> LIVE_NAMES = ConcurrentHashMap.newKeySet();

    private static final Logger LOG = LoggerFactory.getLogger(NodePool.class);

    /** {@link Connection#abort} runs on the caller: it only closes a socket. */
    private static final Executor DIRECT = Runnable::run;

    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final NodeAddress node;
    private final NodeHealth health;
    private final PoolSettings settings;
    private final PhysicalConnections physical;
    private final HikariDataSource dataSource;
    private volatile NodeMonitor monitor;
    /** The health check's own connection; used by one probe at a time. */
    private Connection probeConnection;

    public NodePool(NodeAddress node, PoolSettings settings, NodeHealth health, MeterRegistry registry) {
        this.node = node;
        this.health = health;
        this.settings = settings;
        this.physical = new PhysicalConnections(node, settings, settings.health().nodeTimeoutMs());
        this.name = uniqueName("synapse-" + node.host() + "-" + node.port());
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(physical);
        config.setMaximumPoolSize(settings.pool().size());
        config.setMinimumIdle(settings.pool().minIdle());
        config.setConnectionTimeout(Math.max(250, settings.pool().connectionTimeoutMs()));
        // The pool must not fail the driver's start when a node is down: connections are made on demand.
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        if (registry != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        try {
            this.dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            LIVE_NAMES.remove(name);
            throw e;
        }
    }

    /** {@code base} while no other live pool has it, else {@code base#2}, {@code base#3}, ... */
    private static String uniqueName(String base) {
        if (LIVE_NAMES.add(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "#" + n;
            if (LIVE_NAMES.add(candidate)) {
                return candidate;
            }
        }
    }

    /** The HikariCP pool name (the {@code pool} tag of its metrics). */
    public String name() {
        return name;
    }

    public NodeAddress node() {
        return node;
    }

    public NodeHealth health() {
        return health;
    }

    /**
     * A pooled connection to the node. Fails fast with {@code 08001} while the node's breaker is
     * open; every other failure to connect is reported as {@code 08001} naming the node.
     */
    public Connection getConnection() throws SQLException {
        health.checkAvailable();
        long start = System.nanoTime();
        try {
            Connection c = dataSource.getConnection();
            health.onSuccess(System.nanoTime() - start);
            return c;
        } catch (SQLException e) {
            health.onFailure(System.nanoTime() - start, e);
            throw new SQLNonTransientConnectionException(
                    "cannot connect to node " + node + ": " + e.getMessage(), SqlStates.UNABLE_TO_CONNECT, e);
        }
    }

    /**
     * Starts the node's health check ({@link NodeMonitor}) every {@code healthCheckIntervalMs} of
     * the settings; nothing when that is 0.
     */
    public void watch(ScheduledExecutorService scheduler, Executor probes) {
        if (settings.health().intervalMs() <= 0 || closed.get()) {
            return;
        }
        NodeMonitor m = new NodeMonitor(health, this::probe, this::abortConnections, settings.health().nodeTimeoutMs());
        monitor = m;
        m.start(scheduler, probes, settings.health().intervalMs());
    }

    private void probe() throws SQLException {
        Connection c = probeConnection;
        try {
            if (c == null) {
                c = physical.openUntracked(settings.health().nodeTimeoutMs(), DIRECT);
                probeConnection = c;
            }
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1");
            }
        } catch (SQLException | RuntimeException e) {
            probeConnection = null;
            abortQuietly(c);
            throw e;
        }
    }

    /**
     * The node stopped answering: every physical connection to it is aborted, so that threads
     * waiting on it fail with a connection error now rather than when (if) it answers.
     */
    private void abortConnections() {
        int n = physical.abortAll(DIRECT);
        if (dataSource.getHikariPoolMXBean() != null) {
            dataSource.getHikariPoolMXBean().softEvictConnections();
        }
        LOG.warn("aborted {} connections to unresponsive node {}", n, node);
    }

    private static void abortQuietly(Connection c) {
        if (c != null) {
            try {
                c.abort(DIRECT);
            } catch (SQLException | RuntimeException ignored) {
                // already gone
            }
        }
    }

    /** True while the health check declares the node unresponsive. */
    public boolean isUnresponsive() {
        NodeMonitor m = monitor;
        return m != null && m.isUnresponsive();
    }

    public int activeConnections() {
        return dataSource.getHikariPoolMXBean() == null ? 0 : dataSource.getHikariPoolMXBean().getActiveConnections();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            NodeMonitor m = monitor;
            if (m != null) {
                m.close();
            }
            abortQuietly(probeConnection);
            dataSource.close();
            LIVE_NAMES.remove(name); // once: a later pool may have taken the name since
        }
    }
}
