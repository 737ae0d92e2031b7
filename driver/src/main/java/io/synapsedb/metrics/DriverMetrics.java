package io.synapsedb.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synapsedb.health.NodeHealth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The driver's Micrometer meters. Meters are resolved once, at start, so recording on the hot path
 * is a field read and an atomic add, not a registry lookup.
 *
 * <ul>
 *   <li>{@code synapse.statements{route}}: statements by route kind;</li>
 *   <li>{@code synapse.group.latency{group}}: time spent executing on each group;</li>
 *   <li>{@code synapse.breaker.state{node}}: 0 closed, 1 open, 2 half-open, 3 other;</li>
 *   <li>{@code synapse.full.fanout}: statements that needed every group without a key;</li>
 *   <li>HikariCP's own {@code hikaricp.*} pool gauges, per node pool.</li>
 * </ul>
 */
public final class DriverMetrics {

    /** Route kinds, as counted. */
    public enum RouteKind {
        SINGLE, MULTI, ALL, BROADCAST, HOME, ANY
    }

    private final MeterRegistry registry;
    private final Map<RouteKind, Counter> statements = new EnumMap<>(RouteKind.class);
    private final Timer[] groupLatency;
    private final Counter fullFanout;

    public DriverMetrics(MeterRegistry registry, List<String> groupNames, List<NodeHealth> nodes) {
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
        for (RouteKind kind : RouteKind.values()) {
            statements.put(kind, Counter.builder("synapse.statements")
                    .description("Statements executed, by route kind")
                    .tag("route", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .register(this.registry));
        }
        groupLatency = new Timer[groupNames.size()];
        for (int i = 0; i < groupNames.size(); i++) {
            groupLatency[i] = Timer.builder("synapse.group.latency")
                    .description("Time spent executing statements on a group")
                    .tag("group", groupNames.get(i))
                    .register(this.registry);
        }
        fullFanout = Counter.builder("synapse.full.fanout")
                .description("Statements that ran on every group because nothing bounded the shard key")
                .register(this.registry);
        for (NodeHealth node : nodes) {
            Gauge.builder("synapse.breaker.state", node, DriverMetrics::stateCode)
                    .description("Circuit breaker state of a node: 0 closed, 1 open, 2 half-open, 3 other")
                    .tag("node", node.node().toString())
                    .register(this.registry);
        }
    }

    private static double stateCode(NodeHealth node) {
        switch (node.state()) {
            case CLOSED: return 0;
            case OPEN: return 1;
            case HALF_OPEN: return 2;
            default: return 3;
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void statement(RouteKind kind) {
        statements.get(kind).increment();
    }

    public void fullFanout() {
        fullFanout.increment();
    }

    public void groupLatency(int group, long nanos) {
        if (group >= 0 && group < groupLatency.length) {
            groupLatency[group].record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
