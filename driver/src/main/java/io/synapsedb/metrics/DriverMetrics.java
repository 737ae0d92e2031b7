package io.synapsedb.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synapsedb.core.RouteKind;
import io.synapsedb.health.NodeHealth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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

    private static final String BREAKER_STATE = "synapse.breaker.state";
    private static final String NODE_TAG = "node";


    private final MeterRegistry registry;
    private final Map<RouteKind, Counter> statements = new EnumMap<>(RouteKind.class);
    private final Timer[] groupLatency;
    private final Counter fullFanout;
    /** By node name ({@link NodeHealth#node()} as text, the gauge's tag); guarded by {@code this}. */
    private final Map<String, BreakerGauge> breakerGauges = new HashMap<>();

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
            track(node); // no lock needed yet: nothing else sees this object before the constructor ends
        }
    }

    /**
     * A group's primary moved (cluster mode): {@code now} replaces {@code old}. The gauge of
     * {@code old}'s node goes from the registry unless another live breaker still reports under the
     * same node; {@code now}'s node gets a gauge reading {@code now}'s breaker.
     */
    public synchronized void nodeReplaced(NodeHealth old, NodeHealth now) {
        track(now); // first, so that a replacement under the same node name keeps its gauge
        untrack(old);
    }

    /** Starts reporting {@code node}'s breaker, registering its node's gauge when there is none. */
    private void track(NodeHealth node) {
        String name = node.node().toString();
        BreakerGauge b = breakerGauges.get(name);
        if (b == null) {
            b = new BreakerGauge();
            // A gauge already there belongs to another runtime sharing the application's registry:
            // it stays that runtime's, and this one never removes it.
            if (registry.find(BREAKER_STATE).tag(NODE_TAG, name).gauge() == null) {
                b.gauge = Gauge.builder(BREAKER_STATE, b, BreakerGauge::read)
                        .description("Circuit breaker state of a node: 0 closed, 1 open, 2 half-open, 3 other")
                        .tag(NODE_TAG, name)
                        .strongReference(true)
                        .register(registry);
            }
            breakerGauges.put(name, b);
        }
        b.add(node);
    }

    /** Stops reporting {@code node}'s breaker; removes its node's gauge when no live breaker is left. */
    private void untrack(NodeHealth node) {
        String name = node.node().toString();
        BreakerGauge b = breakerGauges.get(name);
        if (b == null || !b.remove(node) || !b.live.isEmpty()) {
            return;
        }
        breakerGauges.remove(name);
        if (b.gauge != null) {
            registry.remove(b.gauge);
        }
    }

    /**
     * The breakers reporting under one node name. Several groups could name the same node; the
     * gauge reads the earliest one still live.
     */
    private static final class BreakerGauge {
        /** Immutable; replaced under the metrics' lock, read by the registry's threads. */
        volatile List<NodeHealth> live = List.of();
        /** This runtime's gauge; null when another runtime's was there first. */
        Gauge gauge;

        void add(NodeHealth h) {
            List<NodeHealth> l = new ArrayList<>(live);
            l.add(h);
            live = List.copyOf(l);
        }

        /** @return whether {@code h} was live */
        boolean remove(NodeHealth h) {
            List<NodeHealth> l = new ArrayList<>(live);
            boolean removed = l.remove(h);
            live = List.copyOf(l);
            return removed;
        }

        double read() {
            List<NodeHealth> l = live;
            return l.isEmpty() ? Double.NaN : stateCode(l.get(0)); // empty only while being removed
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
