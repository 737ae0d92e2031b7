package io.synapsedb.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work on every group inside one local transaction per group, and commits only when every
 * group succeeded. Until two-phase commit lands this is not crash-atomic: a crash between two of
 * the final commits can leave the groups apart (see the README's limits). Every error before the
 * commits rolls every group back.
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
     * transactions, then commits them all. Connections already in a transaction are used as they are
     * and left open for their owner to commit.
     */
    public static void run(Connection[] conns, int[] groups, GroupWork work) throws SQLException {
        boolean[] began = new boolean[conns.length];
        try {
            for (int g : groups) {
                Connection c = conns[g];
                if (c.getAutoCommit()) {
                    c.setAutoCommit(false);
                    began[g] = true;
                }
                work.run(g, c);
            }
            for (int g : groups) {
                if (began[g]) {
                    conns[g].commit();
                }
            }
        } catch (SQLException | RuntimeException e) {
            for (int g : groups) {
                if (began[g]) {
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

    public static int[] all(int groupCount) {
        int[] all = new int[groupCount];
        for (int i = 0; i < groupCount; i++) {
            all[i] = i;
        }
        return all;
    }
}
