package io.synapsedb.health;

import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a node that stops answering: a paused process, a hung server, a network that drops
 * packets without resetting connections. None of these make a socket fail by itself, so without
 * it every thread that talks to such a node waits for as long as the node is silent.
 *
 * <p>Every {@code intervalMs} a probe ({@code SELECT 1} on a connection of its own, every read
 * bounded) runs on {@code probes}. When probes have gone unanswered (timed out, or lost their
 * connection) for {@code timeoutMs} since the first unanswered one was sent, the node is declared
 * unresponsive:
 * its breaker is forced open (new work fails fast with {@code 08001}) and {@code onUnresponsive}
 * runs (the pool aborts its connections, so threads blocked on the node get {@code 08006}). The
 * first probe answered closes the breaker again.
 *
 * <p>Why this and not a socket timeout: a statement may legitimately run for minutes, and a socket
 * timeout cannot tell a long query from a dead server. A probe on another connection can: a healthy
 * server answers it while the long query runs. Only a probe that was sent counts, so a pause of
 * this JVM (a long GC) never makes a healthy node look dead.
 */
public final class NodeMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeMonitor.class);

    /** One health check of the node; throws when the node did not answer in time. */
    @FunctionalInterface
    public interface Probe {
        void run() throws SQLException;
    }

    private final NodeHealth health;
    private final Probe probe;
    private final Runnable onUnresponsive;
    private final long timeoutNanos;
    private final LongSupplier clock;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final Object lock = new Object();
    /** Start of the first probe not answered since the last answer; 0 while the node answers. */
    private long firstUnansweredNanos;
    private boolean unresponsive;
    private ScheduledFuture<?> schedule;
    private volatile boolean closed;

    public NodeMonitor(NodeHealth health, Probe probe, Runnable onUnresponsive, long timeoutMs) {
        this(health, probe, onUnresponsive, timeoutMs, System::nanoTime);
    }

    NodeMonitor(NodeHealth health, Probe probe, Runnable onUnresponsive, long timeoutMs, LongSupplier clock) {
        this.health = health;
        this.probe = probe;
        this.onUnresponsive = onUnresponsive;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        this.clock = clock;
    }

    /** Probes every {@code intervalMs} until closed; each probe runs on {@code probes}. */
    public void start(ScheduledExecutorService scheduler, Executor probes, long intervalMs) {
        synchronized (lock) {
            schedule = scheduler.scheduleWithFixedDelay(() -> {
                if (!closed && inFlight.compareAndSet(false, true)) {
                    try {
                        probes.execute(this::probeOnce);
                    } catch (RuntimeException e) { // executor shut down
                        inFlight.set(false);
                    }
                }
            }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs one probe on the calling thread and judges its outcome. */
    void probeOnce() {
        long sent = clock.getAsLong();
        try {
            probe.run();
            answered();
            // Evidence beats the breaker's guess: a node that answers a query takes calls again now,
            // not when the open breaker's wait runs out.
            health.closeIfOpen();
        } catch (SQLException | RuntimeException e) {
            if (isAnswer(e)) {
                // A refused connection or an error from the server: not silence. Dead nodes fail
                // their calls by themselves; the breaker counts those.
                answered();
            } else {
                unanswered(sent, e);
            }
        } finally {
            inFlight.set(false);
        }
    }

    /**
     * True when the failure is an answer: the host refused the connection (nothing listens on the
     * port: a stopped server, not a silent one), or the server sent an error (it is starting up,
     * shutting down, out of connections). Timeouts and broken connections are silence.
     */
    static boolean isAnswer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof org.postgresql.util.PSQLException
                    && ((org.postgresql.util.PSQLException) t).getServerErrorMessage() != null) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private void answered() {
        synchronized (lock) {
            firstUnansweredNanos = 0;
            if (!unresponsive) {
                return;
            }
            unresponsive = false;
        }
        LOG.info("node {} answers again", health.node());
        health.markResponsive();
    }

    private void unanswered(long sent, Throwable error) {
        long silentNanos;
        synchronized (lock) {
            if (firstUnansweredNanos == 0) {
                firstUnansweredNanos = sent;
            }
            silentNanos = clock.getAsLong() - firstUnansweredNanos;
            if (unresponsive || closed || silentNanos < timeoutNanos) {
                LOG.debug("health check of node {} failed: {}", health.node(), error.toString());
                return;
            }
            unresponsive = true;
        }
        LOG.warn("node {} has not answered health checks for {} ms ({}): failing its calls until it answers",
                health.node(), TimeUnit.NANOSECONDS.toMillis(silentNanos), error.getMessage());
        health.markUnresponsive(TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        onUnresponsive.run();
    }

    /** True while the node is declared unresponsive. */
    public boolean isUnresponsive() {
        synchronized (lock) {
            return unresponsive;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            if (schedule != null) {
                schedule.cancel(false);
            }
        }
    }
}
