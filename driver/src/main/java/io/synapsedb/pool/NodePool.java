package io.synapsedb.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.synapsedb.catalog.NodeAddress;
import io.synapsedb.health.NodeHealth;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HikariCP pool of one node, guarded by the node's circuit breaker. Logical connections of the
 * same URL and user share it.
 */
public final class NodePool implements AutoCloseable {

    /**
     * Pool names in use in this JVM. HikariCP's Micrometer gauges are keyed by pool name, and
     * Micrometer keeps the first gauge of a name: two applications in one JVM with pools to the
     * same node would otherwise report one pool's numbers for both.
     */
    private static final Set<String> LIVE_NAMES = ConcurrentHashMap.newKeySet();

    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final NodeAddress node;
    private final NodeHealth health;
    private final HikariDataSource dataSource;

    public NodePool(NodeAddress node, PoolSettings settings, NodeHealth health, MeterRegistry registry) {
        this.node = node;
        this.health = health;
        this.name = uniqueName("synapse-" + node.host() + "-" + node.port());
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(node.jdbcUrl());
        config.setDriverClassName("org.postgresql.Driver");
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        Properties props = settings.pgProperties();
        for (String name : props.stringPropertyNames()) {
            config.addDataSourceProperty(name, props.getProperty(name));
        }
        config.setMaximumPoolSize(settings.maxSize());
        config.setMinimumIdle(settings.minIdle());
        config.setConnectionTimeout(Math.max(250, settings.connectionTimeoutMs()));
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
                    "cannot connect to node " + node + ": " + e.getMessage(), "08001", e);
        }
    }

    public int activeConnections() {
        return dataSource.getHikariPoolMXBean() == null ? 0 : dataSource.getHikariPoolMXBean().getActiveConnections();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            dataSource.close();
            LIVE_NAMES.remove(name); // once: a later pool may have taken the name since
        }
    }
}
