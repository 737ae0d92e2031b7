package io.synapsedb.jdbc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.synapsedb.config.SynapseConfig;
import io.synapsedb.exec.ClusterRuntime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * One {@link ClusterRuntime} (pools, catalog, plan cache) per distinct configuration and meter
 * registry, shared by every logical connection made with it: the driver's connections of the same
 * URL and user share their node pools.
 *
 * <p>A runtime is built by the first thread that asks for its configuration, outside any lock that
 * other configurations share: a slow start (a coordinator join, a silent node at bootstrap) makes
 * only the callers of that configuration wait. A start that fails is forgotten, so the next call
 * tries again.
 */
final class Runtimes {

    private record Key(SynapseConfig config, MeterRegistry registry) {
    }

    private static final ConcurrentHashMap<Key, CompletableFuture<ClusterRuntime>> RUNTIMES =
            new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Runtimes::closeAll, "synapse-shutdown"));
    }

    private Runtimes() {
    }

    static ClusterRuntime get(SynapseConfig config, MeterRegistry registry) throws SQLException {
        MeterRegistry r = registry != null ? registry : Metrics.globalRegistry;
        Key key = new Key(config, r);
        while (true) {
            CompletableFuture<ClusterRuntime> mine = new CompletableFuture<>();
            CompletableFuture<ClusterRuntime> existing = RUNTIMES.putIfAbsent(key, mine);
            if (existing == null) {
                return build(key, mine);
            }
            ClusterRuntime runtime = await(existing);
            if (runtime != null && !runtime.isClosed()) {
                return runtime;
            }
            RUNTIMES.remove(key, existing); // failed or closed meanwhile: build afresh
        }
    }

    private static ClusterRuntime build(Key key, CompletableFuture<ClusterRuntime> slot) throws SQLException {
        try {
            ClusterRuntime runtime = new ClusterRuntime(key.config(), key.registry());
            slot.complete(runtime);
            return runtime;
        } catch (SQLException | RuntimeException | Error e) {
            RUNTIMES.remove(key, slot);
            slot.completeExceptionally(e);
            throw e;
        }
    }

    /** The runtime another thread is starting; its start failure is this caller's too. */
    private static ClusterRuntime await(CompletableFuture<ClusterRuntime> starting) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return starting.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the start goes on in its own thread; wait for its outcome
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof SQLException) {
                        SQLException copy = new SQLException(cause.getMessage(), ((SQLException) cause).getSQLState(),
                                cause);
                        throw copy;
                    }
                    if (cause instanceof RuntimeException) {
                        throw (RuntimeException) cause;
                    }
                    throw (Error) cause;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void close(ClusterRuntime runtime) {
        RUNTIMES.values().removeIf(f -> started(f) == runtime);
        runtime.close();
    }

    static void closeAll() {
        List<ClusterRuntime> all = new ArrayList<>();
        for (CompletableFuture<ClusterRuntime> f : RUNTIMES.values()) {
            ClusterRuntime r = started(f);
            if (r != null) {
                all.add(r);
            }
        }
        RUNTIMES.clear();
        all.forEach(ClusterRuntime::close);
    }

    /** The runtime once it has started; null while starting or after a failed start. */
    private static ClusterRuntime started(CompletableFuture<ClusterRuntime> f) {
        return f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
    }
}
