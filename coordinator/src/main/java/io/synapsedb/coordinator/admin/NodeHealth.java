package io.synapsedb.coordinator.admin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Health checks of every group's primary: connect and {@code SELECT 1}. The last results are kept for
 * {@code /nodes} and published as meters:
 * <ul>
 *   <li>{@code synapse.coordinator.node.up{group}}: 1 when the last check succeeded, 0 when it failed,
 *       NaN before the first check;</li>
 *   <li>{@code synapse.coordinator.node.check{group, outcome=up|down}}: a timer of the checks.</li>
 * </ul>
 */
public final class NodeHealth {

    private static final Logger LOG = LoggerFactory.getLogger(NodeHealth.class);

    private final PostgresGroups groups;
    private final MeterRegistry registry;
    private final AtomicReference<List<NodeStatus>> last = new AtomicReference<>(List.of());

    public NodeHealth(PostgresGroups groups, MeterRegistry registry) {
        this.groups = groups;
        this.registry = registry;
        for (PostgresGroups.Group g : groups.groups()) {
            Gauge.builder("synapse.coordinator.node.up", this, h -> h.upValue(g.name()))
                    .description("1 when the last health check of the group's primary succeeded, 0 when it failed")
                    .tag("group", g.name()).register(registry);
        }
    }

    /** Checks every group now (one after the other: a handful of nodes, each bounded by the connect timeout). */
    public List<NodeStatus> checkAll() {
        List<NodeStatus> results = new ArrayList<>();
        List<NodeStatus> before = last.get();
        for (int i = 0; i < groups.groups().size(); i++) {
            NodeStatus s = check(i);
            results.add(s);
            boolean wasUp = before.size() > i ? before.get(i).up() : true;
            if (wasUp != s.up()) {
                if (s.up()) {
                    LOG.info("group {} ({}) is up again", s.group(), s.address());
                } else {
                    LOG.warn("group {} ({}) is down: {}", s.group(), s.address(), s.error());
                }
            }
        }
        last.set(List.copyOf(results));
        return results;
    }

    /** The results of the last {@link #checkAll()}, empty before the first. */
    public List<NodeStatus> lastResults() {
        return last.get();
    }

    private NodeStatus check(int index) {
        PostgresGroups.Group g = groups.groups().get(index);
        long start = System.nanoTime();
        String error = null;
        try (Connection c = groups.open(index); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                error = "SELECT 1 returned no 1";
            }
        } catch (SQLException e) {
            error = "[" + e.getSQLState() + "] " + e.getMessage();
        }
        long nanos = System.nanoTime() - start;
        Timer.builder("synapse.coordinator.node.check").description("Health checks of group primaries")
                .tag("group", g.name()).tag("outcome", error == null ? "up" : "down")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        return new NodeStatus(g.name(), g.address(), error == null, TimeUnit.NANOSECONDS.toMillis(nanos), error,
                Instant.now());
    }

    private double upValue(String group) {
        for (NodeStatus s : last.get()) {
            if (s.group().equals(group)) {
                return s.up() ? 1 : 0;
            }
        }
        return Double.NaN;
    }
}
