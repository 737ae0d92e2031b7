package io.synapsedb.txn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles orphaned two-phase transactions: prepared transactions whose client died or lost its
 * connections. Any driver instance can run it at any time, as often as it likes (it is idempotent):
 * for each prepared {@code synapse:} transaction at least {@code recoveryMinAgeMs} old, it asks the
 * coordinator group named in the gid; a committed decision row means {@code COMMIT PREPARED}; no row
 * means inserting an {@code aborted} row, which waits for a coordinator transaction still holding
 * the key and succeeds only when none can commit any more, and then {@code ROLLBACK PREPARED}. Old
 * decision rows no group still holds prepared are deleted.
 */
public final class TransactionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRecovery.class);

    private static final String LIST = "SELECT gid, (extract(epoch FROM now() - prepared) * 1000)::bigint"
            + " FROM pg_prepared_xacts WHERE gid LIKE 'synapse:%' AND database = current_database()";

    private final List<String> groupNames;
    private final GroupOpener opener;
    private final long minAgeMs;
    private final long lockTimeoutMs;
    private final long retentionMs;
    private final TxnMetrics metrics;
    private final Object runLock = new Object();

    public TransactionRecovery(List<String> groupNames, GroupOpener opener, long minAgeMs, TxnMetrics metrics) {
        this.groupNames = List.copyOf(groupNames);
        this.opener = opener;
        this.minAgeMs = minAgeMs;
        this.lockTimeoutMs = Math.max(200, Math.min(5000, minAgeMs / 4));
        // Decision rows outlive every prepare that could still need them by far: see docs/transactions.md.
        this.retentionMs = 10 * minAgeMs;
        this.metrics = metrics;
    }

    /** One pass over every group; never throws (what it cannot do now, a later run does). */
    public RecoveryResult runOnce() {
        synchronized (runLock) {
            long start = System.nanoTime();
            Map<Integer, Map<String, Long>> preparedByGroup = new LinkedHashMap<>();
            int unreachable = 0;
            for (int g = 0; g < groupNames.size(); g++) {
                try {
                    preparedByGroup.put(g, listPrepared(g));
                } catch (SQLException e) {
                    unreachable++;
                    LOG.debug("recovery cannot list prepared transactions of group {}: {}", groupNames.get(g),
                            e.getMessage());
                }
            }
            int committed = 0;
            int rolledBack = 0;
            int inDoubt = 0;
            int skipped = 0;
            Map<String, DecisionLog.Outcome> outcomes = new HashMap<>();
            List<String> allPrepared = new ArrayList<>();
            for (Map.Entry<Integer, Map<String, Long>> e : preparedByGroup.entrySet()) {
                int g = e.getKey();
                for (Map.Entry<String, Long> p : e.getValue().entrySet()) {
                    allPrepared.add(p.getKey());
                    GlobalTransactionId gid = GlobalTransactionId.parse(p.getKey());
                    if (gid == null || p.getValue() < minAgeMs) {
                        continue;
                    }
                    inDoubt++;
                    metrics.inDoubt.increment();
                    DecisionLog.Outcome outcome = outcomes.computeIfAbsent(gid.gid(), k -> decide(gid));
                    if (outcome == DecisionLog.Outcome.IN_PROGRESS || !finish(g, gid, outcome)) {
                        skipped++;
                    } else if (outcome == DecisionLog.Outcome.COMMITTED) {
                        committed++;
                        metrics.recoveredCommit.increment();
                    } else {
                        rolledBack++;
                        metrics.recoveredRollback.increment();
                    }
                }
            }
            // The listing must be recent for garbage collection to be safe (docs/transactions.md).
            if (unreachable == 0 && System.nanoTime() - start < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(minAgeMs)) {
                collectGarbage(allPrepared);
            }
            if (committed + rolledBack + skipped > 0) {
                LOG.info("two-phase-commit recovery: {} committed, {} rolled back, {} left for later", committed,
                        rolledBack, skipped);
            }
            return new RecoveryResult(committed, rolledBack, inDoubt, skipped, unreachable);
        }
    }

    /**
     * Every two-phase transaction some group holds prepared, with the state its decision row gives.
     * Groups that cannot be reached are left out.
     */
    public List<InDoubtTransaction> list() {
        Map<String, List<String>> groupsOf = new LinkedHashMap<>();
        Map<String, Long> ageOf = new HashMap<>();
        for (int g = 0; g < groupNames.size(); g++) {
            try {
                for (Map.Entry<String, Long> p : listPrepared(g).entrySet()) {
                    groupsOf.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(groupNames.get(g));
                    ageOf.merge(p.getKey(), p.getValue(), Math::max);
                }
            } catch (SQLException e) {
                LOG.debug("cannot list prepared transactions of group {}: {}", groupNames.get(g), e.getMessage());
            }
        }
        List<InDoubtTransaction> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : groupsOf.entrySet()) {
            GlobalTransactionId gid = GlobalTransactionId.parse(e.getKey());
            long age = ageOf.get(e.getKey());
            String state = age < minAgeMs ? "preparing" : "in doubt";
            int coordinator = gid == null ? -1 : groupNames.indexOf(gid.coordinatorGroup());
            if (coordinator >= 0) {
                try (Connection c = opener.open(coordinator)) {
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

    private Map<String, Long> listPrepared(int g) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = opener.open(g); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(LIST)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private DecisionLog.Outcome decide(GlobalTransactionId gid) {
        int coordinator = groupNames.indexOf(gid.coordinatorGroup());
        if (coordinator < 0) {
            LOG.warn("prepared transaction {} names coordinator group {}, which this configuration does not have;"
                    + " leaving it", gid, gid.coordinatorGroup());
            return DecisionLog.Outcome.IN_PROGRESS;
        }
        try (Connection c = opener.open(coordinator)) {
            return DecisionLog.resolve(c, gid, "recovery", lockTimeoutMs);
        } catch (SQLException e) {
            LOG.debug("cannot settle {} on its coordinator group {}: {}", gid, gid.coordinatorGroup(), e.getMessage());
            return DecisionLog.Outcome.IN_PROGRESS;
        }
    }

    /** COMMIT or ROLLBACK PREPARED on group {@code g}; true when done (or already done by someone else). */
    private boolean finish(int g, GlobalTransactionId gid, DecisionLog.Outcome outcome) {
        String command = (outcome == DecisionLog.Outcome.COMMITTED ? "COMMIT PREPARED " : "ROLLBACK PREPARED ")
                + gid.literal();
        try (Connection c = opener.open(g); Statement st = c.createStatement()) {
            st.execute(command);
            return true;
        } catch (SQLException e) {
            if ("42704".equals(e.getSQLState())) { // undefined_object: settled meanwhile by its client or a peer
                return true;
            }
            LOG.debug("{} on group {} failed: {}", command, groupNames.get(g), e.getMessage());
            return false;
        }
    }

    private void collectGarbage(List<String> stillPrepared) {
        for (int g = 0; g < groupNames.size(); g++) {
            try (Connection c = opener.open(g)) {
                DecisionLog.collectGarbage(c, stillPrepared, retentionMs);
            } catch (SQLException e) {
                LOG.debug("cannot delete old decision rows on group {}: {}", groupNames.get(g), e.getMessage());
            }
        }
    }
}
