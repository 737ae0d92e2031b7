package io.synapsedb.exec;

import io.micrometer.core.instrument.MeterRegistry;
import io.synapsedb.config.SynapseConfig;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeTarget;
import io.synapsedb.health.NodeHealth;
import io.synapsedb.metrics.DriverMetrics;
import io.synapsedb.pool.NodePool;
import io.synapsedb.pool.PoolSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the node for a target and owns the nodes' pools, breakers and health checks. Every
 * connection the driver opens to a node comes from here. Today every target is answered by its
 * group's primary; this is where replicas (reads that may go to one, causal reads) and failover
 * (a primary that moved) plug in.
 */
public final class NodeSelector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeSelector.class);

    private final PoolSettings settings;
    private final MeterRegistry registry;
    private final ScheduledExecutorService healthScheduler;
    private final ExecutorService probes;
    /** Copied on write when a topology change moves a group's primary. */
    private volatile NodePool[] primaries;

    /**
     * Opens a pool per group's primary and starts its health check on {@code healthScheduler}
     * (probes run on {@code probes}).
     */
    NodeSelector(SynapseConfig config, PoolSettings settings, MeterRegistry registry,
            ScheduledExecutorService healthScheduler, ExecutorService probes) {
        this.settings = settings;
        this.registry = registry;
        this.healthScheduler = healthScheduler;
        this.probes = probes;
        List<GroupInfo> groups = config.groups();
        NodePool[] pools = new NodePool[groups.size()];
        for (int g = 0; g < pools.length; g++) {
            pools[g] = newPool(groups.get(g), config);
        }
        this.primaries = pools;
    }

    private NodePool newPool(GroupInfo group, SynapseConfig config) {
        NodeHealth h = new NodeHealth(group.primary(), config.breaker());
        NodePool pool = new NodePool(group.primary(), settings, h, registry);
        pool.watch(healthScheduler, probes);
        return pool;
    }

    /** A pooled connection (autocommit on) to the node that serves {@code target}. */
    public Connection open(NodeTarget target) throws SQLException {
        return openPrimary(target.group());
    }

    /** A pooled connection to the primary of {@code group}. */
    public Connection openPrimary(int group) throws SQLException {
        try {
            return primaries[group].getConnection();
        } catch (SQLException e) {
            throw withReason(e);
        }
    }

    /**
     * A failure to connect that says why: the pool reports only that it timed out waiting, and
     * keeps pgJDBC's reason (a refused connection, a certificate not trusted, a wrong password) as
     * a cause, which an application printing {@code getMessage()} would never see.
     */
    private static SQLException withReason(SQLException e) {
        String top = e.getMessage() == null ? "" : e.getMessage();
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException && t.getMessage() != null) {
                if (top.contains(t.getMessage())) {
                    return e;
                }
                return new java.sql.SQLNonTransientConnectionException(top + "; " + t.getMessage(), e.getSQLState(),
                        e);
            }
        }
        return e;
    }

    /** The pool of {@code group}'s primary (its node, breaker and health). */
    public NodePool pool(int group) {
        return primaries[group];
    }

    public int groupCount() {
        return primaries.length;
    }

    /** The breakers of the primaries, by group. */
    List<NodeHealth> health() {
        List<NodeHealth> out = new ArrayList<>();
        for (NodePool p : primaries) {
            out.add(p.health());
        }
        return out;
    }

    /**
     * The topology moved some groups' primaries: new pools, breakers and health checks for them (the
     * breaker gauges follow). Called under the runtime's lock.
     *
     * @return the old pools, for the caller to close outside its lock (HikariCP closes their
     *     connections as they come back)
     */
    List<NodePool> primariesMoved(List<GroupInfo> before, SynapseConfig next, long epoch, DriverMetrics metrics) {
        List<NodePool> retired = new ArrayList<>();
        NodePool[] fresh = primaries.clone();
        for (int g = 0; g < fresh.length; g++) {
            GroupInfo now = next.groups().get(g);
            if (!now.primary().equals(before.get(g).primary())) {
                LOG.warn("topology epoch {}: group {} moved from {} to {}", epoch, now.name(), before.get(g).primary(),
                        now.primary());
                fresh[g] = newPool(now, next);
                metrics.nodeReplaced(primaries[g].health(), fresh[g].health());
                retired.add(primaries[g]);
            }
        }
        primaries = fresh;
        return retired;
    }

    @Override
    public void close() {
        for (NodePool p : primaries) {
            if (p != null) {
                p.close();
            }
        }
    }
}
