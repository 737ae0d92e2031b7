package io.synapsedb.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decision path of two-phase commit on a real node: the decision row of the coordinator group
 * decides, an {@code aborted} row can be written only when no commit can come any more, and a
 * coordinator transaction still holding its row is never settled.
 */
@LocalPostgres(nodes = 1)
class DecisionLogTest {

    static LocalCluster cluster;

    @BeforeAll
    static void schema() throws SQLException {
        try (Connection c = cluster.node(0).connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS synapse");
            st.execute(DecisionLog.SCHEMA);
        }
    }

    @Test
    void aCommittedDecisionDecidesCommit() throws SQLException {
        GlobalTransactionId gid = GlobalTransactionId.create("g1", 0);
        try (Connection coordinator = cluster.node(0).connect(); Connection other = cluster.node(0).connect()) {
            coordinator.setAutoCommit(false);
            DecisionLog.recordCommit(coordinator, gid, "g1,g2");
            assertThat(DecisionLog.read(other, gid)).as("uncommitted: no decision yet").isNull();
            coordinator.commit();
            assertThat(DecisionLog.read(other, gid)).isEqualTo(DecisionLog.Outcome.COMMITTED);
            assertThat(DecisionLog.resolve(other, gid, "recovery", 500)).isEqualTo(DecisionLog.Outcome.COMMITTED);
            assertThat(DecisionLog.readAll(other, List.of(gid, GlobalTransactionId.create("g1", 0))))
                    .containsExactly(Map.entry(gid.gid(), DecisionLog.Outcome.COMMITTED));
        }
    }

    @Test
    void withoutADecisionResolvingAbortsForEver() throws SQLException {
        GlobalTransactionId gid = GlobalTransactionId.create("g1", 0);
        try (Connection recovery = cluster.node(0).connect(); Connection late = cluster.node(0).connect()) {
            assertThat(DecisionLog.resolve(recovery, gid, "recovery", 500)).isEqualTo(DecisionLog.Outcome.ABORTED);
            assertThat(recovery.getAutoCommit()).isTrue();
            // A coordinator that comes late can no longer decide commit: the key is taken.
            late.setAutoCommit(false);
            assertThatThrownBy(() -> DecisionLog.recordCommit(late, gid, "g1,g2")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
            late.rollback();
            assertThat(DecisionLog.read(recovery, gid)).isEqualTo(DecisionLog.Outcome.ABORTED);
        }
    }

    @Test
    void aCoordinatorStillHoldingItsRowIsInProgressAndItsCommitWins() throws SQLException {
        GlobalTransactionId gid = GlobalTransactionId.create("g1", 0);
        try (Connection coordinator = cluster.node(0).connect(); Connection recovery = cluster.node(0).connect()) {
            coordinator.setAutoCommit(false);
            DecisionLog.recordCommit(coordinator, gid, "g1,g2");
            assertThat(DecisionLog.resolve(recovery, gid, "recovery", 300)).isEqualTo(DecisionLog.Outcome.IN_PROGRESS);
            coordinator.commit();
            assertThat(DecisionLog.resolve(recovery, gid, "recovery", 300)).isEqualTo(DecisionLog.Outcome.COMMITTED);
        }
    }

    @Test
    void aCoordinatorBackendThatEndedIsSeenGone() throws Exception {
        try (Connection recovery = cluster.node(0).connect()) {
            int pid;
            try (Connection coordinator = cluster.node(0).connect()) {
                pid = coordinator.unwrap(org.postgresql.PGConnection.class).getBackendPID();
                GlobalTransactionId alive = GlobalTransactionId.create("g1", pid);
                assertThat(DecisionLog.backendGone(recovery, alive, 0)).as("its backend runs").isFalse();
                // A participant that prepared 5 s ago cannot belong to a backend that started just now.
                assertThat(DecisionLog.backendGone(recovery, alive, 5_000)).as("a later backend with that pid").isTrue();
            }
            GlobalTransactionId ended = GlobalTransactionId.create("g1", pid);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!DecisionLog.backendGone(recovery, ended, 0)) { // the backend exits just after the close
                assertThat(System.nanoTime()).as("backend %d still listed", pid).isLessThan(deadline);
                Thread.sleep(20); // polling a condition with a deadline
            }
            assertThat(DecisionLog.backendGone(recovery, GlobalTransactionId.create("g1", 0), 0))
                    .as("no pid in the gid: never taken for gone").isFalse();
        }
    }
}
