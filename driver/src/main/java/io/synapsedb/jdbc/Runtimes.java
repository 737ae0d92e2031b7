package io.synapsedb.jdbc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.synapsedb.config.SynapseConfig;
import io.synapsedb.exec.ClusterRuntime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link ClusterRuntime} (pools, catalog, plan cache) per distinct configuration and meter
 * registry, shared by every logical connection made with it: the driver's connections of the same
 * URL and user share their node pools.
 */
final class Runtimes {

    private record Key(SynapseConfig config, MeterRegistry registry) {
    }

    private static final Map<Key, ClusterRuntime> RUNTIMES = new HashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Runtimes::closeAll, "synapse-shutdown"));
    }

    private Runtimes() {
    }

    static synchronized ClusterRuntime get(SynapseConfig config, MeterRegistry registry) throws SQLException {
        MeterRegistry r = registry != null ? registry : Metrics.globalRegistry;
        Key key = new Key(config, r);
        ClusterRuntime runtime = RUNTIMES.get(key);
        if (runtime == null || runtime.isClosed()) {
            runtime = new ClusterRuntime(config, r);
            RUNTIMES.put(key, runtime);
        }
        return runtime;
    }

    static synchronized void close(ClusterRuntime runtime) {
        RUNTIMES.values().removeIf(r -> r == runtime);
        runtime.close();
    }

    static void closeAll() {
        List<ClusterRuntime> all;
        synchronized (Runtimes.class) {
            all = new ArrayList<>(RUNTIMES.values());
            RUNTIMES.clear();
        }
        all.forEach(ClusterRuntime::close);
    }
}
