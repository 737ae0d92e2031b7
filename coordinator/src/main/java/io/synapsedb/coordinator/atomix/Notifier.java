package io.synapsedb.coordinator.atomix;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that calls a coordinator's listeners, in order. User listeners never run on Atomix
 * threads, so a slow or failing listener cannot stall Raft or SWIM.
 */
final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final ExecutorService executor;

    Notifier(String memberId) {
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "synapse-coordinator-events-" + memberId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} after every task submitted before it; a failure is logged, never propagated. */
    void submit(String what, Runnable task) {
        if (executor.isShutdown()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.warn("coordinator listener failed on {}", what, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("coordinator closed; dropped {}", what);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
