package io.synapsedb.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synapsedb.config.BreakerConfig;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.health.NodeHealth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The breaker gauges {@code synapse.breaker.state{node}} follow the live breakers. */
class DriverMetricsTest {

    private static final NodeAddress A = new NodeAddress("a", 5432, "db");
    private static final NodeAddress B = new NodeAddress("b", 5432, "db");
    private static final NodeAddress C = new NodeAddress("c", 5432, "db");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static NodeHealth health(NodeAddress node) {
        return new NodeHealth(node, new BreakerConfig(50, 5, 60_000));
    }

    private Gauge gauge(NodeAddress node) {
        return registry.find("synapse.breaker.state").tag("node", node.toString()).gauge();
    }

    @Test
    void eachNodeHasAGaugeReadingItsBreaker() {
        NodeHealth a = health(A);
        NodeHealth b = health(B);
        new DriverMetrics(registry, List.of("g1", "g2"), List.of(a, b));

        b.breaker().transitionToOpenState();

        assertThat(gauge(A).value()).isZero();
        assertThat(gauge(B).value()).isEqualTo(1);
    }

    @Test
    void aMovedPrimaryMovesTheGauge() {
        NodeHealth a = health(A);
        NodeHealth b = health(B);
        DriverMetrics metrics = new DriverMetrics(registry, List.of("g1", "g2"), List.of(a, b));
        NodeHealth c = health(C);

        metrics.nodeReplaced(b, c);

        assertThat(gauge(B)).as("the old node's gauge").isNull();
        assertThat(registry.find("synapse.breaker.state").gauges()).extracting(g -> g.getId().getTag("node"))
                .containsExactlyInAnyOrder(A.toString(), C.toString());
        assertThat(gauge(C).value()).isZero();
        c.breaker().transitionToOpenState();
        assertThat(gauge(C).value()).as("reads the new breaker").isEqualTo(1);
        c.breaker().transitionToHalfOpenState();
        assertThat(gauge(C).value()).isEqualTo(2);
        b.breaker().transitionToOpenState();
        assertThat(gauge(A).value()).as("untouched").isZero();
    }

    @Test
    void swappedPrimariesKeepBothGaugesOnTheNewBreakers() {
        NodeHealth a = health(A);
        NodeHealth b = health(B);
        DriverMetrics metrics = new DriverMetrics(registry, List.of("g1", "g2"), List.of(a, b));
        NodeHealth newA = health(A);
        NodeHealth newB = health(B);

        metrics.nodeReplaced(a, newB); // g1 moves to b, which g2 still uses
        assertThat(gauge(A)).isNull();
        assertThat(gauge(B)).as("still used by g2's live breaker").isNotNull();
        metrics.nodeReplaced(b, newA); // g2 moves to a

        b.breaker().transitionToOpenState();
        a.breaker().transitionToOpenState();
        assertThat(gauge(A).value()).as("reads the new breaker of a").isZero();
        assertThat(gauge(B).value()).as("reads the new breaker of b").isZero();
        newB.breaker().transitionToOpenState();
        assertThat(gauge(B).value()).isEqualTo(1);
    }

    @Test
    void aGaugeAnotherRuntimeRegisteredIsNotRemoved() {
        NodeHealth first = health(B);
        new DriverMetrics(registry, List.of("g1"), List.of(first));
        NodeHealth second = health(B);
        DriverMetrics other = new DriverMetrics(registry, List.of("g1"), List.of(second));

        other.nodeReplaced(second, health(C));

        assertThat(gauge(B)).as("the first runtime's gauge").isNotNull();
        first.breaker().transitionToOpenState();
        assertThat(gauge(B).value()).isEqualTo(1);
        assertThat(gauge(C)).isNotNull();
    }
}
