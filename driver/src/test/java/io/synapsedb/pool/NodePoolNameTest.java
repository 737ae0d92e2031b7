package io.synapsedb.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synapsedb.config.BreakerConfig;
import io.synapsedb.config.HealthConfig;
import io.synapsedb.config.PoolConfig;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.health.NodeHealth;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Two applications in one JVM may pool connections to the same node; their pools get distinct names,
 * so each pool's HikariCP metrics are its own. No connection is made (minimum idle 0).
 */
class NodePoolNameTest {

    private static final NodeAddress NODE = new NodeAddress("127.0.0.1", 1, "shop");

    @Test
    void poolsToTheSameNodeHaveTheirOwnNameAndMetrics() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        NodePool first = pool(registry);
        NodePool second = pool(registry);
        try {
            assertThat(first.name()).isEqualTo("synapse-127.0.0.1-1");
            assertThat(second.name()).isEqualTo("synapse-127.0.0.1-1#2");
            assertThat(registry.find("hikaricp.connections.max").gauges())
                    .extracting(g -> g.getId().getTag("pool")).contains(first.name(), second.name());
        } finally {
            second.close();
        }
        first.close();
        first.close(); // twice is harmless, and does not free a name someone else holds
        NodePool third = pool(registry);
        NodePool fourth = pool(registry);
        try {
            assertThat(third.name()).as("a closed pool's name is free again").isEqualTo("synapse-127.0.0.1-1");
            assertThat(fourth.name()).isEqualTo("synapse-127.0.0.1-1#2");
        } finally {
            fourth.close();
            third.close();
        }
    }

    private static NodePool pool(SimpleMeterRegistry registry) {
        PoolSettings settings = new PoolSettings("app", null, new Properties(), new PoolConfig(2, 0, 250),
                new HealthConfig(5000, 0));
        return new NodePool(NODE, settings, new NodeHealth(NODE, new BreakerConfig(50f, 10, 1000)), registry);
    }
}
