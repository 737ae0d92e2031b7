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

/**
 * The HikariCP pool of one node, guarded by the node's circuit breaker. Logical connections of the
 * same URL and user share it.
 */
public final class NodePool implements AutoCloseable {

    private final NodeAddress node;
    private final NodeHealth health;
    private final HikariDataSource dataSource;

    public NodePool(NodeAddress node, PoolSettings settings, NodeHealth health, MeterRegistry registry) {
        this.node = node;
        this.health = health;
        HikariConfig config = new HikariConfig();
        config.setPoolName("synapse-" + node.host() + "-" + node.port());
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
        this.dataSource = new HikariDataSource(config);
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
        dataSource.close();
    }
}
