package io.synapsedb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synapsedb.config.SynapseConfig;
import io.synapsedb.exec.ClusterRuntime;
import io.synapsedb.local.LocalCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runtimes of different configurations start independently: one whose node accepts connections
 * and never answers (a socket nobody reads) keeps only its own callers waiting. Before, every
 * connect in the JVM waited behind the one slow start.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RuntimesTest {

    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder().name("test-runtimes").nodes(1).durable(false).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aSlowStartDelaysOnlyItsOwnConfiguration() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Accepted by the kernel's backlog, never answered: the start waits its full bounds (20 s).
            SynapseConfig slow = SynapseConfig.fromUrl("jdbc:synapse://127.0.0.1:" + silent.getLocalPort()
                    + "/db?user=u&connectionTimeoutMs=20000&nodeTimeoutMs=20000&recoveryIntervalMs=0", null);
            CompletableFuture<ClusterRuntime> slowStart = CompletableFuture.supplyAsync(() -> {
                try {
                    return Runtimes.get(slow, registry);
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            SynapseConfig fast = SynapseConfig.fromUrl(cluster.synapseUrl() + "&recoveryIntervalMs=0", null);
            ClusterRuntime started = CompletableFuture.supplyAsync(() -> {
                try {
                    return Runtimes.get(fast, registry);
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }).get(15, TimeUnit.SECONDS);
            assertThat(started.isClosed()).isFalse();
            assertThat(slowStart).as("the slow start is still at work").isNotDone();
            // The same configuration again is the same runtime.
            assertThat(Runtimes.get(fast, registry)).isSameAs(started);
            Runtimes.close(started);
            assertThat(started.isClosed()).isTrue();
        }
    }
}
