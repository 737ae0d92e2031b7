package io.synapsedb.coordinator.atomix;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Issues Atomix calls off the caller's thread. Some Atomix calls block inside the call itself (not in the
 * returned future) while a session reconnects, for longer than any operation timeout; issued here, the
 * caller's wait on the future stays bounded by that timeout.
 */
final class Calls implements AutoCloseable {

    private final ExecutorService executor;

    Calls(String memberId) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "synapse-coordinator-call-" + memberId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    <T> CompletableFuture<T> issue(Supplier<CompletableFuture<T>> call) {
        return CompletableFuture.supplyAsync(call, executor).thenCompose(f -> f);
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
