package io.synapsedb.txn;

import io.synapsedb.config.RecoveryConfig;
import io.synapsedb.core.Failures;
import io.synapsedb.core.SqlStates;
import io.synapsedb.core.Warnings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a transaction that wrote several groups, atomically, with PostgreSQL's two-phase commit.
 * The first written group is the coordinator C; the others are the participants P.
 *
 * <ol>
 *   <li>In parallel: C inserts the decision row ({@code synapse.transactions}, outcome
 *       {@code commit}) inside its own open transaction; every P runs {@code PREPARE TRANSACTION}.
 *   <li>If anything failed, or this took more than half of {@code recoveryMinAgeMs}: C rolls back
 *       (with its row), every prepared P is rolled back, and the caller gets an error saying that
 *       a retry is safe.
 *   <li>C commits. That commit is the decision: the row exists exactly when the transaction
 *       committed. It costs no round trip of its own. When C's connection breaks during it, the
 *       outcome is asked of C on a fresh connection; while C cannot answer, every P stays prepared
 *       (never rolled back on a guess), the caller gets {@code 08007}, and recovery settles the
 *       transaction as soon as C answers.
 *   <li>In parallel: {@code COMMIT PREPARED} on every P, tried once more on a fresh connection when
 *       the first breaks. A failure here is not an error (the transaction is committed); it becomes
 *       a warning and recovery finishes the group as soon as it answers.
 * </ol>
 *
 * Why this is safe against any crash, and why recovery never settles a transaction still in
 * progress: docs/transactions.md. A transaction that wrote one group never comes here.
 */
public final class TwoPhaseCommit {

    private static final Logger LOG = LoggerFactory.getLogger(TwoPhaseCommit.class);

    private final List<String> groupNames;
    private final List<String> nodeNames;
    private final GroupOpener opener;
    private final long prepareDeadlineNanos;
    private final long resolveLockTimeoutMs;
    private final long settleNanos;
    private final TxnMetrics metrics;
    private final ExecutorService executor;
    private final Consumer<GlobalTransactionId> unsettled;
    /** Per group: 1 once {@code max_prepared_transactions > 0} was seen there. */
    private final AtomicIntegerArray prepareEnabled;

    /**
     * @param groupNames group names by group index
     * @param nodeNames the primary node of each group, for messages
     * @param opener fresh connections, to settle a commit whose connection broke
     * @param recovery its {@code minAgeMs}: the prepare phase must finish within half of it
     * @param settleMs how long to keep asking the coordinator group for the outcome of a commit whose
     *     connection broke, before reporting it unknown (the node timeout)
     * @param executor runs the other groups' steps of a phase in parallel
     * @param unsettled told about every transaction this class leaves for recovery to finish
     */
    public TwoPhaseCommit(List<String> groupNames, List<String> nodeNames, GroupOpener opener, RecoveryConfig recovery,
            long settleMs, TxnMetrics metrics, ExecutorService executor, Consumer<GlobalTransactionId> unsettled) {
        this.groupNames = List.copyOf(groupNames);
        this.nodeNames = List.copyOf(nodeNames);
        this.opener = opener;
        this.prepareDeadlineNanos = TimeUnit.MILLISECONDS.toNanos(recovery.minAgeMs() / 2);
        this.resolveLockTimeoutMs = TransactionRecovery.lockTimeout(recovery.minAgeMs());
        this.settleNanos = TimeUnit.MILLISECONDS.toNanos(settleMs);
        this.metrics = metrics;
        this.executor = executor;
        this.unsettled = unsettled;
        this.prepareEnabled = new AtomicIntegerArray(groupNames.size());
    }

    /**
     * Commits the open transactions of {@code written} (group indexes into {@code conns}, the
     * coordinator first; at least two) atomically. On return or on error no transaction is open on
     * those connections, and each is in autocommit-off mode.
     *
     * @return null, or a warning when the transaction committed but a group has not confirmed it
     *     yet (recovery finishes it)
     * @throws SQLException when the transaction was rolled back everywhere (the message says a retry
     *     is safe), or, SQLState {@code 08007}, when the coordinator's commit could not be confirmed
     *     (the participants stay prepared and recovery gives every group the coordinator's outcome)
     */
    public SQLWarning commit(Connection[] conns, int[] written) throws SQLException {
        int coordinator = written[0];
        int[] others = java.util.Arrays.copyOfRange(written, 1, written.length);
        GlobalTransactionId gid = GlobalTransactionId.create(groupNames.get(coordinator),
                backendPid(conns[coordinator]));
        String participants = names(written);
        boolean[] prepared = new boolean[conns.length];

        SQLException failure = null;
        try {
            for (int g : written) {
                requireUsable(conns[g], g);
            }
            for (int g : others) {
                requirePrepareEnabled(conns[g], g);
            }
        } catch (SQLException e) {
            failure = e;
        }
        long start = System.nanoTime();
        if (failure == null) {
            SQLException[] errors = parallel(written, g -> {
                if (g == coordinator) {
                    DecisionLog.recordCommit(conns[g], gid, participants);
                } else {
                    try (Statement st = conns[g].createStatement()) {
                        st.execute("PREPARE TRANSACTION " + gid.literal());
                    }
                    prepared[g] = true;
                    TestHooks.reached(TestHooks.AFTER_FIRST_PREPARE);
                }
            });
            failure = first(errors, written);
            long took = System.nanoTime() - start;
            if (failure == null && took > prepareDeadlineNanos) {
                failure = new SQLTransactionRollbackException("the prepare phase took "
                        + TimeUnit.NANOSECONDS.toMillis(took) + " ms, more than half of recoveryMinAgeMs, after which"
                        + " recovery may abort it", SqlStates.SERIALIZATION_FAILURE);
            }
        }
        if (failure != null) {
            rollbackAll(conns, coordinator, true, others, prepared, gid, participants);
            metrics.rolledBack.increment();
            throw rolledBack(gid, participants, failure);
        }

        TestHooks.reached(TestHooks.BEFORE_DECISION);
        try {
            conns[coordinator].commit();
        } catch (SQLException e) {
            // A commit that fails with an SQL error (a deferred constraint, a serialization failure)
            // rolled back; only a broken connection leaves the outcome open.
            DecisionLog.Outcome outcome = Failures.isConnectionFailure(e)
                    ? settleLostCommit(coordinator, gid, participants, e) : DecisionLog.Outcome.ABORTED;
            if (outcome == DecisionLog.Outcome.ABORTED) {
                rollbackAll(conns, coordinator, false, others, prepared, gid, participants);
                metrics.rolledBack.increment();
                throw rolledBack(gid, participants, e);
            }
            if (outcome == DecisionLog.Outcome.IN_PROGRESS) {
                // Whatever C did is final once its backend ends; the participants wait prepared for it.
                for (int g : others) {
                    restoreManualCommit(conns[g]);
                }
                metrics.unknown.increment();
                unsettled.accept(gid);
                throw new SQLException("the connection to group " + groupNames.get(coordinator) + " (node "
                        + nodeNames.get(coordinator) + ") broke while it committed transaction " + gid
                        + " over groups " + participants + ", and the group could not be asked since: whether it"
                        + " committed is unknown. The other groups keep it prepared and get the same outcome as "
                        + groupNames.get(coordinator) + " as soon as it answers (recovery). Do not retry blindly:"
                        + " check first", SqlStates.TRANSACTION_RESOLUTION_UNKNOWN, e);
            }
        }
        TestHooks.reached(TestHooks.AFTER_DECISION);
        metrics.committed.increment();

        SQLException[] errors = parallel(others, g -> commitPrepared(conns, g, gid));
        SQLWarning warning = null;
        for (int i = 0; i < others.length; i++) {
            int g = others[i];
            restoreManualCommit(conns[g]);
            if (errors[i] != null) {
                unsettled.accept(gid);
                LOG.warn("transaction {} committed; group {} (node {}) did not confirm COMMIT PREPARED ({});"
                        + " recovery commits it there", gid, groupNames.get(g), nodeNames.get(g), errors[i].getMessage());
                SQLWarning w = new SQLWarning("transaction " + gid + " is committed, but group " + groupNames.get(g)
                        + " (node " + nodeNames.get(g) + ") has not confirmed it yet (" + errors[i].getMessage()
                        + "); recovery finishes it there as soon as the group answers", SqlStates.WARNING, errors[i]);
                warning = Warnings.chain(warning, w);
            }
        }
        return warning;
    }

    /**
     * The second phase on group {@code g}: on its own connection, and once more on a fresh one when
     * that connection broke (a node restarted meanwhile still holds the transaction prepared).
     */
    private void commitPrepared(Connection[] conns, int g, GlobalTransactionId gid) throws SQLException {
        Connection c = conns[g];
        try {
            c.setAutoCommit(true);
            DecisionLog.finish(c, gid, true);
            TestHooks.reached(TestHooks.DURING_SECOND_PHASE);
            return;
        } catch (SQLException e) {
            if (!Failures.isConnectionFailure(e)) {
                throw e;
            }
            try (Connection fresh = opener.open(g)) {
                DecisionLog.finish(fresh, gid, true);
            } catch (SQLException again) {
                e.addSuppressed(again);
                throw e;
            }
        }
    }

    /** The coordinator backend's pid (pgJDBC knows it from the start-up), or 0. */
    private static int backendPid(Connection c) {
        try {
            return c.unwrap(PGConnection.class).getBackendPID();
        } catch (SQLException e) {
            return 0;
        }
    }

    /** A group whose transaction already failed would turn PREPARE into a silent rollback. */
    private void requireUsable(Connection c, int g) throws SQLException {
        if (c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED) {
            throw new SQLTransactionRollbackException("the transaction on group " + groupNames.get(g)
                    + " is aborted: a statement failed there earlier", SqlStates.IN_FAILED_SQL_TRANSACTION);
        }
    }

    private void requirePrepareEnabled(Connection c, int g) throws SQLException {
        if (prepareEnabled.get(g) == 1) {
            return;
        }
        String value;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW max_prepared_transactions")) {
            rs.next();
            value = rs.getString(1);
        }
        if ("0".equals(value.trim())) {
            throw new SQLException("node " + nodeNames.get(g) + " (group " + groupNames.get(g)
                    + ") has max_prepared_transactions = 0, so it cannot take part in a transaction that writes"
                    + " several groups (two-phase commit); set max_prepared_transactions (for example to"
                    + " max_connections) in its postgresql.conf and restart it", SqlStates.OBJECT_NOT_IN_PREREQUISITE_STATE);
        }
        prepareEnabled.set(g, 1);
    }

    /**
     * The coordinator's connection broke during COMMIT: ask the coordinator group, on fresh
     * connections, what became of the decision row (waiting while its transaction still runs), for
     * up to {@code settleMs}.
     *
     * @return the outcome, or IN_PROGRESS when the group could not tell
     */
    private DecisionLog.Outcome settleLostCommit(int coordinator, GlobalTransactionId gid, String participants,
            SQLException cause) {
        long deadline = System.nanoTime() + settleNanos;
        long pauseMs = 50;
        while (true) {
            try (Connection c = opener.open(coordinator)) {
                DecisionLog.Outcome outcome = DecisionLog.resolve(c, gid, participants, resolveLockTimeoutMs);
                if (outcome != DecisionLog.Outcome.IN_PROGRESS) {
                    return outcome;
                }
            } catch (SQLException e) {
                if (cause.getSuppressed().length < 3) {
                    cause.addSuppressed(e);
                }
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMs) - deadline > 0) {
                return DecisionLog.Outcome.IN_PROGRESS;
            }
            try {
                Thread.sleep(pauseMs); // a pause between attempts to reach a group that is restarting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DecisionLog.Outcome.IN_PROGRESS;
            }
            pauseMs = Math.min(pauseMs * 2, 500);
        }
    }

    /**
     * Rolls back the coordinator's transaction (when {@code rollBackCoordinator}; it is over
     * otherwise) and every participant's: ROLLBACK PREPARED where prepared. When a participant
     * cannot confirm (its connection broke, perhaps after it prepared), an {@code aborted} decision
     * is recorded on the coordinator group, so that recovery rolls that participant back as soon as
     * it answers instead of waiting for {@code recoveryMinAgeMs}: this client's coordinator
     * backend lives on in the pool, so recovery could not tell that the transaction is over.
     */
    private void rollbackAll(Connection[] conns, int coordinator, boolean rollBackCoordinator, int[] others,
            boolean[] prepared, GlobalTransactionId gid, String participants) {
        if (rollBackCoordinator) {
            quietly(() -> conns[coordinator].rollback(), coordinator, gid);
        }
        boolean confirmed = true;
        for (int g : others) {
            Connection c = conns[g];
            if (prepared[g]) {
                confirmed &= quietly(() -> {
                    c.setAutoCommit(true);
                    DecisionLog.finish(c, gid, false);
                }, g, gid);
                restoreManualCommit(c);
            } else {
                confirmed &= quietly(c::rollback, g, gid);
            }
        }
        if (!confirmed) {
            try (Connection c = opener.open(coordinator)) {
                DecisionLog.resolve(c, gid, participants, resolveLockTimeoutMs);
            } catch (SQLException e) {
                LOG.debug("cannot record the abort of {} on group {}: {}", gid, groupNames.get(coordinator),
                        e.getMessage());
            }
            unsettled.accept(gid);
        }
    }

    /** Runs a rollback step; false (and a warning) when it failed. */
    private boolean quietly(Step step, int g, GlobalTransactionId gid) {
        try {
            step.run();
            return true;
        } catch (SQLException e) {
            LOG.warn("rolling back transaction {} on group {} failed ({}); recovery rolls it back", gid,
                    groupNames.get(g), e.getMessage());
            return false;
        }
    }

    private static void restoreManualCommit(Connection c) {
        try {
            if (!c.isClosed()) {
                c.setAutoCommit(false);
            }
        } catch (SQLException ignored) {
            // a broken connection is dropped by its owner
        }
    }

    private SQLException rolledBack(GlobalTransactionId gid, String participants, SQLException cause) {
        String state = cause.getSQLState();
        // The cause's own state when it says what to do (a constraint, a missing prerequisite, a
        // refusal); otherwise 40001: rolled back, retry.
        boolean keepState = state != null && !Failures.isConnectionFailure(cause)
                && (SqlStates.inClass(state, SqlStates.INTEGRITY_CONSTRAINT_VIOLATION_CLASS)
                        || SqlStates.inClass(state, SqlStates.TRANSACTION_ROLLBACK_CLASS)
                        || SqlStates.inClass(state, SqlStates.PREREQUISITE_STATE_CLASS)
                        || SqlStates.inClass(state, SqlStates.INVALID_TRANSACTION_STATE_CLASS)
                        || SqlStates.inClass(state, SqlStates.FEATURE_NOT_SUPPORTED_CLASS));
        String message = "transaction over groups " + participants + " was rolled back (" + cause.getMessage()
                + "); nothing was committed on any group, so a retry is safe";
        if (!keepState || state.startsWith(SqlStates.TRANSACTION_ROLLBACK_CLASS)) {
            return new SQLTransactionRollbackException(message, keepState ? state : SqlStates.SERIALIZATION_FAILURE, cause);
        }
        return new SQLException(message, state, cause);
    }

    private String names(int[] groups) {
        StringBuilder sb = new StringBuilder();
        for (int g : groups) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(groupNames.get(g));
        }
        return sb.toString();
    }

    private static SQLException first(SQLException[] errors, int[] groups) {
        SQLException first = null;
        for (SQLException e : errors) {
            if (e == null) {
                continue;
            }
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
        return first;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface GroupStep {
        void run(int group) throws SQLException;
    }

    /**
     * Runs {@code step} for every group, the first on the calling thread and the others on the
     * executor, and waits for all. Each connection is used by one thread at a time.
     */
    private SQLException[] parallel(int[] groups, GroupStep step) {
        SQLException[] errors = new SQLException[groups.length];
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[groups.length];
        for (int i = 1; i < groups.length; i++) {
            int idx = i;
            futures[i] = executor.submit(() -> errors[idx] = runStep(step, groups[idx]));
        }
        errors[0] = runStep(step, groups[0]);
        boolean interrupted = false;
        for (int i = 1; i < groups.length; i++) {
            while (true) {
                try {
                    futures[i].get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the protocol must finish: a half-run phase is worse
                } catch (ExecutionException e) {
                    errors[i] = new SQLException(String.valueOf(e.getCause()), SqlStates.INTERNAL_ERROR, e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return errors;
    }

    private static SQLException runStep(GroupStep step, int group) {
        try {
            step.run(group);
            return null;
        } catch (SQLException e) {
            return e;
        } catch (RuntimeException e) {
            return new SQLException(e.toString(), SqlStates.INTERNAL_ERROR, e);
        }
    }
}
