package io.synapsedb.exec;

import io.synapsedb.config.SynapseConfig;
import io.synapsedb.core.Failures;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.SqlStates;
import io.synapsedb.exec.ClusterRuntime;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one small thing from each of several nodes, in parallel and bounded in time, for the
 * driver's views of the cluster: a node that cannot be read gives its error instead of failing the
 * view, and a node that is down costs one connection timeout, not one per node.
 */
final class NodeReads {

    /** Opens a connection to one node. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** What to read on a node's connection. */
    @FunctionalInterface
    interface Read<T> {
        T read(Connection c) throws SQLException;
    }

    /**
     * One node's answer: its value, or why there is none.
     *
     * @param value the value read, when {@code error} is null
     * @param error why the node could not be read
     */
    record Outcome<T>(T value, SQLException error) {

        static <T> Outcome<T> of(T value) {
            return new Outcome<>(value, null);
        }

        static <T> Outcome<T> failed(SQLException error) {
            return new Outcome<>(null, error);
        }

        boolean ok() {
            return error == null;
        }
    }

    /** A read that takes longer than a second is not a sign of a dead node on a busy machine. */
    private static final long MIN_READ_MS = 1000;

    private static final org.postgresql.Driver PG = new org.postgresql.Driver();

    private NodeReads() {
    }

    /**
     * Runs {@code read} on every node of {@code nodes} in parallel on {@code executor}. Opening is
     * bounded by the opener (the pool's connection timeout), the read by a network timeout of
     * {@code timeoutMs} (at least one second) on the connection.
     *
     * @return one outcome per node, in the order of {@code nodes}
     */
    static <T> List<Outcome<T>> readAll(List<Opener> nodes, Read<T> read, long timeoutMs, Executor executor) {
        int readMs = (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_READ_MS, timeoutMs));
        List<CompletableFuture<Outcome<T>>> futures = new ArrayList<>(nodes.size());
        for (Opener node : nodes) {
            futures.add(CompletableFuture.supplyAsync(() -> readOne(node, read, readMs), executor));
        }
        // Each read bounds itself; the deadline is a guard against a connect that ignores its timeout.
        long guardMs = 2L * timeoutMs + 2L * readMs;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(guardMs);
        List<Outcome<T>> out = new ArrayList<>(nodes.size());
        for (CompletableFuture<Outcome<T>> f : futures) {
            try {
                out.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                f.cancel(true);
                out.add(Outcome.failed(new SQLException("no answer within " + guardMs + " ms", SqlStates.CONNECTION_FAILURE)));
            } catch (ExecutionException e) {
                out.add(Outcome.failed(new SQLException("cannot read the node: " + e.getCause(), SqlStates.INTERNAL_ERROR, e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(Outcome.failed(new SQLException("interrupted while reading the node", SqlStates.QUERY_CANCELED, e)));
            }
        }
        return out;
    }

    private static <T> Outcome<T> readOne(Opener node, Read<T> read, int readMs) {
        for (int attempt = 1; ; attempt++) {
            Connection c;
            try {
                c = node.open();
            } catch (SQLException e) {
                return Outcome.failed(e);
            }
            try (c) {
                // The pool resets the network timeout when the connection is returned.
                c.setNetworkTimeout(Runnable::run, readMs);
                return Outcome.of(read.read(c));
            } catch (SQLException e) {
                // The connection opened but broke: HikariCP hands out a connection used in the last half
                // second without checking it, so a server that restarted (or is stopping) can leave one it
                // already ended. The pool drops it on close; one fresh attempt gives the answer.
                if (attempt > 1 || !Failures.isConnectionFailure(e)) {
                    return Outcome.failed(e);
                }
            }
        }
    }

    /** A pooled connection to the primary of {@code group}, through its circuit breaker. */
    static Opener primary(ClusterRuntime runtime, int group) {
        return () -> runtime.openPrimary(group);
    }

    /**
     * A new plain pgJDBC connection to {@code node} (a replica, which has no pool in the driver),
     * with the configuration's credentials and properties and a connect timeout of
     * {@code connectionTimeoutMs} rounded up to whole seconds.
     */
    static Opener direct(SynapseConfig config, NodeAddress node) {
        return () -> {
            Properties props = new Properties();
            props.putAll(config.pgProperties());
            if (config.user() != null) {
                props.setProperty("user", config.user());
            }
            if (config.password() != null) {
                props.setProperty("password", config.password());
            }
            String seconds = Long.toString(Math.max(1, (config.pool().connectionTimeoutMs() + 999) / 1000));
            props.setProperty("connectTimeout", seconds);
            props.setProperty("loginTimeout", seconds);
            Connection c;
            try {
                c = PG.connect(node.jdbcUrl(), props);
            } catch (SQLException e) {
                throw new SQLException("cannot connect to node " + node + ": " + e.getMessage(),
                        e.getSQLState() == null ? SqlStates.UNABLE_TO_CONNECT : e.getSQLState(), e);
            }
            if (c == null) {
                throw new SQLException("pgJDBC does not accept the URL of node " + node, SqlStates.UNABLE_TO_CONNECT);
            }
            return c;
        };
    }

    /** Longest error message a view shows. */
    private static final int MAX_MESSAGE = 200;

    /**
     * A short, one-line description of {@code e} for a view: its SQLState and the first line of its
     * message, with {@code password} (if it appears at all) blanked out.
     */
    static String describe(SQLException e, String password) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl);
        }
        if (password != null && !password.isEmpty()) {
            message = message.replace(password, "***");
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 3) + "...";
        }
        return (e.getSQLState() == null ? "?????" : e.getSQLState()) + ": " + message.strip();
    }
}
