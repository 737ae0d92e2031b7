package io.synapsedb.txn;

import io.synapsedb.config.RecoveryConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles two-phase transactions left prepared: by a client that died, lost its connections, or
 * could not confirm its own commit. Any driver instance can run it at any time, as often as it
 * likes (it is idempotent). For each prepared {@code synapse:} transaction it reads the decision on
 * the coordinator group named in the gid, whatever the transaction's age:
 * <ul>
 *   <li>a committed {@code commit} row: {@code COMMIT PREPARED} now;</li>
 *   <li>an {@code aborted} row: {@code ROLLBACK PREPARED} now;</li>
 *   <li>no row, and either the transaction is at least {@code recoveryMinAgeMs} old or the
 *       coordinator's backend that ran it is gone: an {@code aborted} row is inserted (it waits for
 *       a coordinator transaction still holding the key, and succeeds only when none can commit any
 *       more), then {@code ROLLBACK PREPARED};</li>
 *   <li>no row otherwise: left alone, the client is most likely still committing.</li>
 * </ul>
 * Groups are asked in parallel and every statement is bounded, so one silent node delays nothing
 * but the transactions that need it. Old decision rows no group still holds prepared are deleted.
 * Why this is safe: docs/transactions.md.
 */
public final class TransactionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRecovery.class);

    private static final String LIST = "SELECT gid, (extract(epoch FROM now() - prepared) * 1000)::bigint"
            + " FROM pg_prepared_xacts WHERE gid LIKE 'synapse:%' AND database = current_database()";

    /** First retry of a transaction handed over by {@link #settleSoon}; doubles up to the cap. */
    private static final long SOON_FIRST_MS = 100;
    private static final long SOON_CAP_MS = 2000;

    private final List<String> groupNames;
    private final GroupOpener opener;
    private final long minAgeMs;
    private final long lockTimeoutMs;
    private final int statementTimeoutMs;
    private final long retentionMs;
    private final TxnMetrics metrics;
    private final ExecutorService executor;
    private final Object runLock = new Object();
    /** Gids a committing client could not settle itself, with the time they were handed over. */
    private final Map<String, Long> soon = new ConcurrentHashMap<>();
    private final AtomicBoolean soonScheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService scheduler;

    /**
     * @param settings its {@code minAgeMs}: an undecided transaction younger than this is left to its
     *     client unless the client's coordinator backend is gone (the interval is the caller's)
     * @param nodeTimeoutMs bound for each statement, beyond the lock waits of settling
     * @param executor asks the groups in parallel
     */
    public TransactionRecovery(List<String> groupNames, GroupOpener opener, RecoveryConfig settings, long nodeTimeoutMs,
            TxnMetrics metrics, ExecutorService executor) {
        this(groupNames, opener, settings.minAgeMs(), nodeTimeoutMs, metrics, executor);
    }

    /**
     * A recovery with its own threads (for the coordinator's leader jobs), statements bounded by 10 s.
     *
     * @param minAgeMs the coordinator's own {@code recoveryMinAge} (its admin configuration checks it)
     */
    public TransactionRecovery(List<String> groupNames, GroupOpener opener, long minAgeMs, TxnMetrics metrics) {
        this(groupNames, opener, minAgeMs, 10_000, metrics, Executors.newCachedThreadPool(daemon()));
    }

    private TransactionRecovery(List<String> groupNames, GroupOpener opener, long minAgeMs, long nodeTimeoutMs,
            TxnMetrics metrics, ExecutorService executor) {
        this.groupNames = List.copyOf(groupNames);
        this.opener = opener;
        this.minAgeMs = minAgeMs;
        this.lockTimeoutMs = lockTimeout(minAgeMs);
        this.statementTimeoutMs = (int) Math.min(Integer.MAX_VALUE, lockTimeoutMs + nodeTimeoutMs);
        // Decision rows outlive every prepare that could still need them by far: see docs/transactions.md.
        this.retentionMs = 10 * minAgeMs;
        this.metrics = metrics;
        this.executor = executor;
    }

    /** How long settling waits for a coordinator transaction that still holds a decision row. */
    static long lockTimeout(long minAgeMs) {
        return Math.max(200, Math.min(5000, minAgeMs / 4));
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "synapse-2pc-recovery-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Lets {@link #settleSoon} run passes on {@code scheduler} (one thread: passes never overlap with
     * the periodic ones scheduled there).
     */
    public void useScheduler(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * A client could not settle {@code gid} itself (its coordinator's commit could not be confirmed,
     * or a participant did not confirm {@code COMMIT PREPARED}): passes run soon and then with a
     * growing pause (up to 2 s) until no group holds it prepared, so its row locks are released as
     * soon as its groups answer, not at the next periodic run.
     */
    public void settleSoon(GlobalTransactionId gid) {
        soon.put(gid.gid(), System.nanoTime());
        scheduleSoon(SOON_FIRST_MS);
    }

    private void scheduleSoon(long delayMs) {
        ScheduledExecutorService s = scheduler;
        if (s == null || !soonScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            s.schedule(() -> soonPass(delayMs), delayMs, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) { // shut down
            soonScheduled.set(false);
        }
    }

    private void soonPass(long delayMs) {
        soonScheduled.set(false);
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("two-phase-commit recovery failed: {}", e.toString());
        }
        // Periodic runs take over from a transaction that stays unsettled for long.
        long giveUp = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(retentionMs);
        soon.values().removeIf(handedOver -> handedOver - giveUp < 0);
        if (!soon.isEmpty()) {
            scheduleSoon(Math.min(SOON_CAP_MS, delayMs * 2));
        }
    }

    /** One pass over every group; never throws (what it cannot do now, a later run does). */
    public RecoveryResult runOnce() {
        synchronized (runLock) {
            long start = System.nanoTime();
            Map<Integer, Map<String, Long>> preparedByGroup = new LinkedHashMap<>();
            List<Map<String, Long>> listed = parallel(allGroups(), this::listPrepared);
            int unreachable = 0;
            for (int g = 0; g < listed.size(); g++) {
                if (listed.get(g) == null) {
                    unreachable++;
                } else {
                    preparedByGroup.put(g, listed.get(g));
                }
            }
            Set<String> allPrepared = new LinkedHashSet<>();
            Map<String, Long> ageOf = new HashMap<>();
            for (Map<String, Long> p : preparedByGroup.values()) {
                allPrepared.addAll(p.keySet());
                p.forEach((gid, age) -> ageOf.merge(gid, age, Math::max));
            }
            Map<String, DecisionLog.Outcome> outcomes = decideAll(ageOf);

            AtomicInteger committed = new AtomicInteger();
            AtomicInteger rolledBack = new AtomicInteger();
            AtomicInteger inDoubt = new AtomicInteger();
            AtomicInteger skipped = new AtomicInteger();
            Set<String> left = ConcurrentHashMap.newKeySet(); // prepared somewhere after this pass
            for (String gid : allPrepared) {
                if (!outcomes.containsKey(gid)) {
                    left.add(gid);
                }
            }
            List<Integer> groups = new ArrayList<>(preparedByGroup.keySet());
            parallel(groups, g -> {
                for (String gidText : preparedByGroup.get(g).keySet()) {
                    if (!outcomes.containsKey(gidText)) {
                        continue; // not ours, or young and undecided: its client is at work
                    }
                    inDoubt.incrementAndGet();
                    metrics.inDoubt.increment();
                    DecisionLog.Outcome outcome = outcomes.get(gidText);
                    GlobalTransactionId gid = GlobalTransactionId.parse(gidText);
                    if (outcome == DecisionLog.Outcome.IN_PROGRESS || !finish(g, gid, outcome)) {
                        skipped.incrementAndGet();
                        left.add(gidText);
                    } else if (outcome == DecisionLog.Outcome.COMMITTED) {
                        committed.incrementAndGet();
                        metrics.recoveredCommit.increment();
                    } else {
                        rolledBack.incrementAndGet();
                        metrics.recoveredRollback.increment();
                    }
                }
                return Boolean.TRUE;
            });
            if (unreachable == 0) {
                soon.keySet().retainAll(left);
            }
            // The listing must be recent for garbage collection to be safe (docs/transactions.md).
            if (unreachable == 0 && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(minAgeMs)) {
                collectGarbage(allPrepared);
            }
            if (committed.get() + rolledBack.get() + skipped.get() > 0) {
                LOG.info("two-phase-commit recovery: {} committed, {} rolled back, {} left for later", committed,
                        rolledBack, skipped);
            }
            return new RecoveryResult(committed.get(), rolledBack.get(), inDoubt.get(), skipped.get(), unreachable);
        }
    }

    /**
     * The outcome of every gid that can be settled now, by coordinator group (each asked in
     * parallel, once for all its gids). Gids left out are not the driver's or not settled yet.
     */
    private Map<String, DecisionLog.Outcome> decideAll(Map<String, Long> ageOf) {
        Map<Integer, List<GlobalTransactionId>> byCoordinator = new LinkedHashMap<>();
        for (String text : ageOf.keySet()) {
            GlobalTransactionId gid = GlobalTransactionId.parse(text);
            if (gid == null) {
                continue;
            }
            int coordinator = groupNames.indexOf(gid.coordinatorGroup());
            if (coordinator < 0) {
                LOG.warn("prepared transaction {} names coordinator group {}, which this configuration does not"
                        + " have; leaving it", gid, gid.coordinatorGroup());
                continue;
            }
            byCoordinator.computeIfAbsent(coordinator, k -> new ArrayList<>()).add(gid);
        }
        Map<String, DecisionLog.Outcome> outcomes = new ConcurrentHashMap<>();
        List<Integer> coordinators = new ArrayList<>(byCoordinator.keySet());
        parallel(coordinators, c -> {
            decide(c, byCoordinator.get(c), ageOf, outcomes);
            return Boolean.TRUE;
        });
        return outcomes;
    }

    private void decide(int coordinator, List<GlobalTransactionId> gids, Map<String, Long> ageOf,
            Map<String, DecisionLog.Outcome> outcomes) {
        try (Connection c = open(coordinator)) {
            Map<String, DecisionLog.Outcome> known = DecisionLog.readAll(c, gids);
            for (GlobalTransactionId gid : gids) {
                DecisionLog.Outcome outcome = known.get(gid.gid());
                if (outcome == null) {
                    long age = ageOf.get(gid.gid());
                    if (age < minAgeMs && !DecisionLog.backendGone(c, gid, age)) {
                        continue; // its client is most likely still committing
                    }
                    outcome = DecisionLog.resolve(c, gid, "recovery", lockTimeoutMs);
                }
                outcomes.put(gid.gid(), outcome);
            }
        } catch (SQLException e) {
            LOG.debug("cannot settle transactions on their coordinator group {}: {}", groupNames.get(coordinator),
                    e.getMessage());
        }
    }

    /**
     * Every two-phase transaction some group holds prepared, with the state its decision row gives.
     * Groups that cannot be reached are left out.
     */
    public List<InDoubtTransaction> list() {
        Map<String, List<String>> groupsOf = new LinkedHashMap<>();
        Map<String, Long> ageOf = new HashMap<>();
        List<Map<String, Long>> listed = parallel(allGroups(), this::listPrepared);
        for (int g = 0; g < listed.size(); g++) {
            if (listed.get(g) == null) {
                continue;
            }
            for (Map.Entry<String, Long> p : listed.get(g).entrySet()) {
                groupsOf.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(groupNames.get(g));
                ageOf.merge(p.getKey(), p.getValue(), Math::max);
            }
        }
        List<InDoubtTransaction> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : groupsOf.entrySet()) {
            GlobalTransactionId gid = GlobalTransactionId.parse(e.getKey());
            long age = ageOf.get(e.getKey());
            String state = age < minAgeMs ? "preparing" : "in doubt";
            int coordinator = gid == null ? -1 : groupNames.indexOf(gid.coordinatorGroup());
            if (coordinator >= 0) {
                try (Connection c = open(coordinator)) {
                    DecisionLog.Outcome o = DecisionLog.read(c, gid);
                    if (o == DecisionLog.Outcome.COMMITTED) {
                        state = "committing";
                    } else if (o == DecisionLog.Outcome.ABORTED) {
                        state = "aborting";
                    }
                } catch (SQLException ex) {
                    LOG.debug("cannot read the decision of {}: {}", gid, ex.getMessage());
                }
            }
            out.add(new InDoubtTransaction(e.getKey(), List.copyOf(e.getValue()), state, age));
        }
        return out;
    }

    /** The group's prepared synapse transactions and their ages, or null when it cannot be asked. */
    private Map<String, Long> listPrepared(int g) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = open(g); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(LIST)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            LOG.debug("recovery cannot list prepared transactions of group {}: {}", groupNames.get(g),
                    e.getMessage());
            return null;
        }
    }

    /** A pooled connection whose every read is bounded, so a silent node cannot hold recovery. */
    private Connection open(int group) throws SQLException {
        Connection c = opener.open(group);
        try {
            c.setNetworkTimeout(Runnable::run, statementTimeoutMs);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** COMMIT or ROLLBACK PREPARED on group {@code g}; true when done (or already done by someone else). */
    private boolean finish(int g, GlobalTransactionId gid, DecisionLog.Outcome outcome) {
        try (Connection c = open(g)) {
            DecisionLog.finish(c, gid, outcome == DecisionLog.Outcome.COMMITTED);
            return true;
        } catch (SQLException e) {
            LOG.debug("settling {} on group {} failed: {}", gid, groupNames.get(g), e.getMessage());
            return false;
        }
    }

    private void collectGarbage(Set<String> stillPrepared) {
        parallel(allGroups(), g -> {
            try (Connection c = open(g)) {
                DecisionLog.collectGarbage(c, stillPrepared, retentionMs);
            } catch (SQLException e) {
                LOG.debug("cannot delete old decision rows on group {}: {}", groupNames.get(g), e.getMessage());
            }
            return Boolean.TRUE;
        });
    }

    private List<Integer> allGroups() {
        List<Integer> all = new ArrayList<>(groupNames.size());
        for (int g = 0; g < groupNames.size(); g++) {
            all.add(g);
        }
        return all;
    }

    @FunctionalInterface
    private interface GroupTask<T> {
        T run(int group);
    }

    /**
     * Runs {@code task} for each group in parallel (the first on the calling thread) and returns the
     * results in order; a task that threw gives null. Every task is bounded by its statements'
     * network timeout, so waiting for all is bounded too.
     */
    private <T> List<T> parallel(List<Integer> groups, GroupTask<T> task) {
        List<Future<T>> futures = new ArrayList<>(groups.size());
        for (int i = 1; i < groups.size(); i++) {
            int g = groups.get(i);
            try {
                futures.add(executor.submit(() -> task.run(g)));
            } catch (java.util.concurrent.RejectedExecutionException e) { // shutting down: run it here
                futures.add(java.util.concurrent.CompletableFuture.completedFuture(runQuietly(task, g)));
            }
        }
        List<T> out = new ArrayList<>(groups.size());
        if (!groups.isEmpty()) {
            out.add(runQuietly(task, groups.get(0)));
        }
        boolean interrupted = false;
        for (Future<T> f : futures) {
            while (true) {
                try {
                    out.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    LOG.debug("recovery step failed: {}", e.getCause().toString());
                    out.add(null);
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static <T> T runQuietly(GroupTask<T> task, int group) {
        try {
            return task.run(group);
        } catch (RuntimeException e) {
            LOG.debug("recovery step failed: {}", e.toString());
            return null;
        }
    }
}
