package io.synapsedb.txn;

import io.synapsedb.health.ConnectionFailures;
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
 *       committed. It costs no round trip of its own.
 *   <li>In parallel: {@code COMMIT PREPARED} on every P. A failure here is not an error (the
 *       transaction is committed); it becomes a warning and recovery finishes the group.
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
    private final TxnMetrics metrics;
    private final ExecutorService executor;
    /** Per group: 1 once {@code max_prepared_transactions > 0} was seen there. */
    private final AtomicIntegerArray prepareEnabled;

    /**
     * @param groupNames group names by group index
     * @param nodeNames the primary node of each group, for messages
     * @param opener fresh connections, to settle a commit whose connection broke
     * @param recoveryMinAgeMs recovery's minimum age; the prepare phase must finish within half of it
     * @param executor runs the other groups' steps of a phase in parallel
     */
    public TwoPhaseCommit(List<String> groupNames, List<String> nodeNames, GroupOpener opener, long recoveryMinAgeMs,
            TxnMetrics metrics, ExecutorService executor) {
        this.groupNames = List.copyOf(groupNames);
        this.nodeNames = List.copyOf(nodeNames);
        this.opener = opener;
        this.prepareDeadlineNanos = TimeUnit.MILLISECONDS.toNanos(recoveryMinAgeMs / 2);
        this.resolveLockTimeoutMs = Math.max(1000, recoveryMinAgeMs / 2);
        this.metrics = metrics;
        this.executor = executor;
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
     */
    public SQLWarning commit(Connection[] conns, int[] written) throws SQLException {
        int coordinator = written[0];
        int[] others = java.util.Arrays.copyOfRange(written, 1, written.length);
        GlobalTransactionId gid = GlobalTransactionId.create(groupNames.get(coordinator));
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
                        + " recovery may abort it", "40001");
            }
        }
        if (failure != null) {
            rollbackAll(conns, coordinator, others, prepared, gid);
            metrics.rolledBack.increment();
            throw rolledBack(gid, participants, failure);
        }

        try {
            conns[coordinator].commit();
        } catch (SQLException e) {
            DecisionLog.Outcome outcome = ConnectionFailures.isConnectionFailure(e)
                    ? settleLostCommit(coordinator, gid, participants, e) : DecisionLog.Outcome.ABORTED;
            if (outcome != DecisionLog.Outcome.COMMITTED) {
                rollbackAll(conns, -1, others, prepared, gid);
                if (outcome == DecisionLog.Outcome.ABORTED) {
                    metrics.rolledBack.increment();
                    throw rolledBack(gid, participants, e);
                }
                metrics.unknown.increment();
                throw new SQLException("the connection to group " + groupNames.get(coordinator) + " (node "
                        + nodeNames.get(coordinator) + ") broke while it committed transaction " + gid
                        + " over groups " + participants + "; whether it committed is unknown until recovery"
                        + " settles it (all groups get the same outcome). Do not retry blindly: check first",
                        "08007", e);
            }
        }
        TestHooks.reached(TestHooks.AFTER_DECISION);
        metrics.committed.increment();

        SQLException[] errors = parallel(others, g -> {
            Connection c = conns[g];
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("COMMIT PREPARED " + gid.literal());
            }
            TestHooks.reached(TestHooks.DURING_SECOND_PHASE);
        });
        SQLWarning warning = null;
        for (int i = 0; i < others.length; i++) {
            int g = others[i];
            restoreManualCommit(conns[g]);
            if (errors[i] != null) {
                LOG.warn("transaction {} committed; group {} (node {}) did not confirm COMMIT PREPARED ({});"
                        + " recovery commits it there", gid, groupNames.get(g), nodeNames.get(g), errors[i].getMessage());
                SQLWarning w = new SQLWarning("transaction " + gid + " is committed, but group " + groupNames.get(g)
                        + " (node " + nodeNames.get(g) + ") has not confirmed it yet (" + errors[i].getMessage()
                        + "); recovery finishes it there", "01000", errors[i]);
                if (warning == null) {
                    warning = w;
                } else {
                    warning.setNextWarning(w);
                }
            }
        }
        return warning;
    }

    /** A group whose transaction already failed would turn PREPARE into a silent rollback. */
    private void requireUsable(Connection c, int g) throws SQLException {
        if (c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED) {
            throw new SQLTransactionRollbackException("the transaction on group " + groupNames.get(g)
                    + " is aborted: a statement failed there earlier", "25P02");
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
                    + " max_connections) in its postgresql.conf and restart it", "55000");
        }
        prepareEnabled.set(g, 1);
    }

    /**
     * The coordinator's connection broke during COMMIT: ask the coordinator group, on a fresh
     * connection, what became of the decision row (waiting while its transaction still runs).
     */
    private DecisionLog.Outcome settleLostCommit(int coordinator, GlobalTransactionId gid, String participants,
            SQLException cause) {
        try (Connection c = opener.open(coordinator)) {
            return DecisionLog.resolve(c, gid, participants, resolveLockTimeoutMs);
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return DecisionLog.Outcome.IN_PROGRESS;
        }
    }

    /**
     * Rolls back the coordinator (unless {@code coordinator < 0}) and every participant: ROLLBACK
     * PREPARED where prepared. What cannot be rolled back now is rolled back by recovery, because
     * no decision row was committed.
     */
    private void rollbackAll(Connection[] conns, int coordinator, int[] others, boolean[] prepared,
            GlobalTransactionId gid) {
        if (coordinator >= 0) {
            quietly(() -> conns[coordinator].rollback(), coordinator, gid);
        }
        for (int g : others) {
            Connection c = conns[g];
            if (prepared[g]) {
                quietly(() -> {
                    c.setAutoCommit(true);
                    try (Statement st = c.createStatement()) {
                        st.execute("ROLLBACK PREPARED " + gid.literal());
                    }
                }, g, gid);
                restoreManualCommit(c);
            } else {
                quietly(c::rollback, g, gid);
            }
        }
    }

    private void quietly(Step step, int g, GlobalTransactionId gid) {
        try {
            step.run();
        } catch (SQLException e) {
            LOG.warn("rolling back transaction {} on group {} failed ({}); recovery rolls it back", gid,
                    groupNames.get(g), e.getMessage());
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
        boolean keepState = state != null && !ConnectionFailures.isConnectionFailure(cause)
                && (state.startsWith("23") || state.startsWith("40") || state.startsWith("55")
                        || state.startsWith("25") || state.startsWith("0A"));
        String message = "transaction over groups " + participants + " was rolled back (" + cause.getMessage()
                + "); nothing was committed on any group, so a retry is safe";
        if (!keepState || state.startsWith("40")) {
            return new SQLTransactionRollbackException(message, keepState ? state : "40001", cause);
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
                    errors[i] = new SQLException(String.valueOf(e.getCause()), "XX000", e.getCause());
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
            return new SQLException(e.toString(), "XX000", e);
        }
    }
}
