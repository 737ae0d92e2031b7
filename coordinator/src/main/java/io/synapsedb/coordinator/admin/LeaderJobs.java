package io.synapsedb.coordinator.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.synapsedb.coordinator.LeaderElection;
import io.synapsedb.txn.RecoveryResult;
import io.synapsedb.txn.TransactionRecovery;

/**
 * The cluster's background jobs, run every {@code interval} on the leader of one election only: node
 * health checks ({@link NodeHealth}), then a two-phase-commit recovery pass over every group (the
 * driver's {@link TransactionRecovery}).
 *
 * <p>Each tick asks {@link LeaderElection#isLeader()}, which answers locally and turns false as soon as
 * the member cannot see a majority, so a cut-off member stops at its next tick. A member that loses the
 * leadership during a pass finishes that pass: this is safe because recovery is idempotent and settles
 * a transaction only from its decision row (any driver may run it concurrently), and health checks
 * only read.
 *
 * <p>Meters: {@code synapse.coordinator.leader} (1 on the leader), {@code synapse.coordinator.jobs.runs}
 * (passes run here), and the recovery counters of the driver's {@code TxnMetrics}.
 */
public final class LeaderJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderJobs.class);

    private final LeaderElection election;
    private final NodeHealth health;
    private final TransactionRecovery recovery;
    private final Counter runs;
    private final AtomicLong runCount = new AtomicLong();
    private final AtomicReference<RecoveryResult> lastRecovery = new AtomicReference<>();
    private final AtomicReference<Instant> lastRun = new AtomicReference<>();
    private final ScheduledExecutorService timer;

    /**
     * Starts the timer. The first tick is at once, and every tick checks the leadership, so a member that
     * becomes leader later starts within one interval.
     *
     * @param recovery the recovery to run, or null for health checks only
     */
    public LeaderJobs(LeaderElection election, Duration interval, NodeHealth health, TransactionRecovery recovery,
            MeterRegistry registry) {
        this.election = Objects.requireNonNull(election, "election");
        this.health = Objects.requireNonNull(health, "health");
        this.recovery = recovery;
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("leader job interval must be positive, got " + interval);
        }
        this.runs = Counter.builder("synapse.coordinator.jobs.runs")
                .description("Passes of the leader jobs (health checks, 2PC recovery) run by this member")
                .register(registry);
        Gauge.builder("synapse.coordinator.leader", election, e -> e.isLeader() ? 1 : 0)
                .description("1 when this member leads the election '" + election.name() + "'")
                .tag("election", election.name()).register(registry);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "synapse-leader-jobs");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Passes run by this member (only while it was the leader). */
    public long runs() {
        return runCount.get();
    }

    /** What the last recovery pass here did, or null when none ran. */
    public RecoveryResult lastRecovery() {
        return lastRecovery.get();
    }

    /** When the last pass here finished, or null. */
    public Instant lastRun() {
        return lastRun.get();
    }

    private void tick() {
        if (!election.isLeader()) {
            return;
        }
        try {
            health.checkAll();
            if (recovery != null) {
                lastRecovery.set(recovery.runOnce());
            }
            runCount.incrementAndGet();
            runs.increment();
            lastRun.set(Instant.now());
        } catch (RuntimeException e) {
            // never let an exception cancel the schedule: the next tick tries again
            LOG.warn("leader jobs failed: {}", e.toString(), e);
        }
    }

    /** Stops the timer and waits briefly for a running pass. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
