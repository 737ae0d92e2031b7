package io.synapsedb.benchmarks.macro;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How a hand-routed client asks every node the same question (a scan, the top 10, a lookup by a
 * column that is not the shard key): one node after another, or all at once.
 */
abstract class FanOut implements AutoCloseable {

    /** The question for one node: its answer as the keys of the rows it returned, in its order. */
    @FunctionalInterface
    interface NodeQuery {
        long[] ask(int node) throws SQLException;
    }

    /** The answers of nodes {@code 0..nodes-1}, in node order. */
    abstract long[][] ask(int nodes, NodeQuery query) throws SQLException;

    @Override
    public void close() {
    }

    /** One node after another, on the calling thread: the plainest client. */
    static FanOut sequential() {
        return new FanOut() {
            @Override
            long[][] ask(int nodes, NodeQuery query) throws SQLException {
                long[][] answers = new long[nodes][];
                for (int n = 0; n < nodes; n++) {
                    answers[n] = query.ask(n);
                }
                return answers;
            }
        };
    }

    /**
     * Every node at once: the calling thread asks the last node itself while pooled threads ask the
     * others (one hand-off fewer than sending them all away), then it waits for them. This is what
     * a careful application sharding by hand would write.
     */
    static FanOut parallel(String name) {
        return new Parallel(name);
    }

    private static final class Parallel extends FanOut {

        private final ExecutorService pool;

        Parallel(String name) {
            this.pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        long[][] ask(int nodes, NodeQuery query) throws SQLException {
            long[][] answers = new long[nodes][];
            @SuppressWarnings("unchecked")
            Future<long[]>[] others = new Future[nodes - 1];
            for (int n = 0; n < nodes - 1; n++) {
                int node = n;
                others[n] = pool.submit(() -> query.ask(node));
            }
            Throwable failure = null;
            try {
                answers[nodes - 1] = query.ask(nodes - 1);
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
            // Wait for every node even after a failure, so that no query is still running on a
            // connection when the caller moves on.
            for (int n = 0; n < nodes - 1; n++) {
                try {
                    answers[n] = others[n].get();
                } catch (ExecutionException e) {
                    failure = firstOf(failure, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = firstOf(failure, e);
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof SQLException e) {
                throw e;
            }
            if (failure != null) {
                throw new SQLException("a node query failed: " + failure, failure);
            }
            return answers;
        }

        private static Throwable firstOf(Throwable first, Throwable next) {
            if (first == null) {
                return next;
            }
            first.addSuppressed(next);
            return first;
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
