package io.synapsedb.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.spi.CoordinationEntry;
import io.synapsedb.spi.CoordinationLock;
import io.synapsedb.spi.CoordinationMember;
import io.synapsedb.spi.CoordinationSession;
import io.synapsedb.txn.InDoubtTransaction;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The rows the views build from what the cluster reported. */
class ViewRowsTest {

    private static final NodeAddress N1 = new NodeAddress("10.0.0.1", 5432, "app");

    /** A coordinator session with fixed members: the SPI is plain values. */
    private record FixedSession(List<CoordinationMember> members, boolean hasQuorum) implements CoordinationSession {

        @Override
        public String describe() {
            return "cluster test, member d1";
        }

        @Override
        public Optional<CoordinationEntry> read(String key) {
            return Optional.empty();
        }

        @Override
        public Optional<CoordinationEntry> lastKnown(String key) {
            return Optional.empty();
        }

        @Override
        public CoordinationEntry compareAndSet(String key, long expectedVersion, String value) throws SQLException {
            throw new SQLException("read-only test session", "25006");
        }

        @Override
        public void watch(String key, Consumer<CoordinationEntry> listener) {
        }

        @Override
        public CoordinationLock lock(String name, Duration timeout) throws SQLException {
            throw new SQLException("read-only test session", "25006");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void distributedTransactionsJoinGroupsAndGiveAgeAsAnInterval() {
        List<String[]> rows = DistributedTransactionsView.rows(List.of(
                new InDoubtTransaction("synapse:g1:abc", List.of("g2", "g3"), "in doubt", 1500)));
        assertThat(rows).singleElement().isEqualTo(new String[] {"synapse:g1:abc", "g2,g3", "in doubt",
            "1500 milliseconds"});
    }

    @Test
    void aNodeThatAnsweredIsUpWithWhatItSaid() {
        String[] row = ClusterNodesView.nodeRow("g1", N1, "primary",
                NodeReads.Outcome.of("server_version 17.11, in recovery: no"), "secret");
        assertThat(row).containsExactly("postgres", "g1", "10.0.0.1:5432/app", "primary", "up",
                "server_version 17.11, in recovery: no");
    }

    @Test
    void aNodeThatFailedIsDownWithTheSqlStateAndAShortMessageWithoutThePassword() {
        SQLException e = new SQLNonTransientConnectionException("cannot connect to node 10.0.0.1:5432/app:"
                + " password authentication failed (tried s3cr3t)\n  at a very long server hint", "08001");
        String[] row = ClusterNodesView.nodeRow("g2", N1, "replica", NodeReads.Outcome.failed(e), "s3cr3t");
        assertThat(row[3]).isEqualTo("replica");
        assertThat(row[4]).isEqualTo("down");
        assertThat(row[5]).isEqualTo("08001: cannot connect to node 10.0.0.1:5432/app: password authentication"
                + " failed (tried ***)");
    }

    @Test
    void aLongMessageIsCut() {
        String d = NodeReads.describe(new SQLException("x".repeat(500), "57P01"), null);
        assertThat(d).startsWith("57P01: xxx").endsWith("...").hasSize("57P01: ".length() + 200);
    }

    @Test
    void staticModeHasNoCoordinatorRows() {
        assertThat(ClusterNodesView.coordinatorRows(null)).isEmpty();
    }

    @Test
    void coordinatorMembersShowRoleReachabilityLeaderThisJvmAndQuorum() {
        FixedSession s = new FixedSession(List.of(
                new CoordinationMember("c1", "10.0.0.5:5679", true, true, true, false),
                new CoordinationMember("c2", "10.0.0.6:5679", true, false, false, false),
                new CoordinationMember("d1", "10.0.0.9:5679", false, true, false, true)), true);
        List<String[]> rows = ClusterNodesView.coordinatorRows(s);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly("coordinator", "c1", "10.0.0.5:5679", "voter", "reachable",
                "leader, session has quorum");
        assertThat(rows.get(1)).containsExactly("coordinator", "c2", "10.0.0.6:5679", "voter", "unreachable",
                "session has quorum");
        assertThat(rows.get(2)).containsExactly("coordinator", "d1", "10.0.0.9:5679", "member", "reachable",
                "this JVM, session has quorum");
        assertThat(ClusterNodesView.coordinatorRows(new FixedSession(s.members(), false)).get(2)[5])
                .isEqualTo("this JVM, session has no quorum");
    }

    @Test
    void schemaVersionRowsOfAReadNodeAndOfAnUnreachableOne() {
        GroupInfo g = GroupInfo.of("g1", N1);
        assertThat(SchemaVersionsView.nodeRow(g, NodeReads.Outcome.of(new io.synapsedb.catalog.SchemaRecord(3, 7,
                "CREATE TABLE orders", "2025-01-02 03:04:05.123456+00"))))
                .containsExactly("g1", "10.0.0.1:5432/app", "3", "7", "CREATE TABLE orders",
                        "2025-01-02 03:04:05.123456+00", "ok");
        assertThat(SchemaVersionsView.nodeRow(g, NodeReads.Outcome.of(new io.synapsedb.catalog.SchemaRecord(0, 0,
                null, null)))).containsExactly("g1", "10.0.0.1:5432/app", "0", "0", null, null, "ok");
        assertThat(SchemaVersionsView.nodeRow(g, NodeReads.Outcome.failed(new SQLException("gone", "08006"))))
                .containsExactly("g1", "10.0.0.1:5432/app", null, null, null, null, "unreachable");
    }

    @Test
    void theCoordinatorRowCarriesTheAnnouncedVersionsOrNulls() {
        FixedSession s = new FixedSession(List.of(), true);
        assertThat(SchemaVersionsView.coordinatorRow(s, new long[] {12, 4}))
                .containsExactly("coordinator", "cluster test, member d1", "4", "12", null, null, "ok");
        assertThat(SchemaVersionsView.coordinatorRow(new FixedSession(List.of(), false), null))
                .containsExactly("coordinator", "cluster test, member d1", null, null, null, null, "no quorum");
    }
}
