package io.synapsedb.catalog;

import io.synapsedb.txn.TwoPhaseCommit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * Runs work on several groups inside one local transaction per group, and commits them atomically:
 * with two-phase commit when the work began transactions on two or more groups (the first of them
 * coordinates), with a plain commit for one. Every error before the commit rolls every group back.
 */
public final class AllGroups {

    /** Work for one group, on a connection inside the group's transaction. */
    @FunctionalInterface
    public interface GroupWork {
        void run(int group, Connection c) throws SQLException;
    }

    private AllGroups() {
    }

    /**
     * Runs {@code work} for each group index in {@code groups} (connections indexed by group), all in
     * transactions, then commits them atomically through {@code twoPhase}. Connections already in a
     * transaction are used as they are and left open for their owner to commit.
     *
     * @return null, or a warning when the work committed but a group has not confirmed it yet
     */
    public static SQLWarning run(TwoPhaseCommit twoPhase, Connection[] conns, int[] groups, GroupWork work)
            throws SQLException {
        return run(twoPhase, conns, groups, work, true);
    }

    /**
     * As {@link #run(TwoPhaseCommit, Connection[], int[], GroupWork)}; with {@code atomic} false the
     * groups are committed one after another instead (for work PostgreSQL cannot prepare, such as
     * temporary tables, which belong to one session anyway).
     */
    public static SQLWarning run(TwoPhaseCommit twoPhase, Connection[] conns, int[] groups, GroupWork work,
            boolean atomic) throws SQLException {
        boolean[] began = new boolean[conns.length];
        boolean committing = false;
        try {
            int beganCount = 0;
            for (int g : groups) {
                Connection c = conns[g];
                if (c.getAutoCommit()) {
                    c.setAutoCommit(false);
                    began[g] = true;
                    beganCount++;
                }
                work.run(g, c);
            }
            if (beganCount >= 2 && atomic) {
                int[] written = new int[beganCount];
                int i = 0;
                for (int g : groups) {
                    if (began[g]) {
                        written[i++] = g;
                    }
                }
                committing = true; // two-phase commit cleans up after itself, whatever happens
                return twoPhase.commit(conns, written);
            }
            for (int g : groups) {
                if (began[g]) {
                    conns[g].commit();
                }
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            for (int g : groups) {
                if (began[g] && !committing) {
                    try {
                        conns[g].rollback();
                    } catch (SQLException rollbackError) {
                        e.addSuppressed(rollbackError);
                    }
                }
            }
            throw e;
        } finally {
            for (int g : groups) {
                if (began[g]) {
                    try {
                        conns[g].setAutoCommit(true);
                    } catch (SQLException ignored) {
                        // a broken connection is discarded by its owner
                    }
                }
            }
        }
    }

    /** Every group index, the home group first: the group that takes the catalog lock. */
    public static int[] homeFirst(int groupCount, int home) {
        int[] order = new int[groupCount];
        order[0] = home;
        int i = 1;
        for (int g = 0; g < groupCount; g++) {
            if (g != home) {
                order[i++] = g;
            }
        }
        return order;
    }
}
