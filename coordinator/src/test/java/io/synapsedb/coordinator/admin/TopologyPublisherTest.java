package io.synapsedb.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.Eventually;
import io.synapsedb.coordinator.MemberAddress;
import io.synapsedb.coordinator.TestMembers;
import io.synapsedb.spi.ClusterTopology;
import io.synapsedb.spi.CoordinationSession;

/**
 * Topology publishing on a 3-member cluster in this JVM: three members with the same configuration publish it
 * once; a changed configuration replaces it; without a quorum the publisher retries in the background, gives
 * up after its bound, and stops when closed (the last test takes members down, hence the order). That a retry
 * succeeds once a quorum is back is {@link TopologyPublisherQuorumReturnTest}'s job, with voters in child JVMs:
 * Atomix 3.1 members restarted in the same JVM, or voters started late, did not rejoin within 90 s in our tries.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopologyPublisherTest {

    @TempDir
    static Path dir;

    static List<MemberAddress> addresses;
    static List<Coordinator> members;

    static final PostgresGroups CONFIG = new PostgresGroups("shop", "app", "secret", List.of(
            new PostgresGroups.Group("g1", "10.0.0.1", 5432), new PostgresGroups.Group("g2", "10.0.0.2", 5433)), 5);

    @BeforeAll
    static void start() throws Exception {
        addresses = TestMembers.addresses(3);
        members = new ArrayList<>(TestMembers.startAll(addresses.stream()
                .map(a -> TestMembers.config(a, addresses, dir)).toList()));
    }

    @AfterAll
    static void stop() {
        if (members != null) {
            TestMembers.closeAll(members);
        }
    }

    @Test
    void theTopologyOfTheGroupsHasTheirPrimariesInOrderAndTheFirstAsHome() throws Exception {
        ClusterTopology t = TopologyPublisher.topologyOf(CONFIG);
        assertThat(t.database()).isEqualTo("shop");
        assertThat(t.homeGroup()).isEqualTo("g1");
        assertThat(t.groups()).containsExactly(new ClusterTopology.Group("g1", "10.0.0.1:5432", List.of()),
                new ClusterTopology.Group("g2", "10.0.0.2:5433", List.of()));
        assertThat(ClusterTopology.decode(t.encode())).isEqualTo(t);
        assertThat(t.encode()).doesNotContain("secret");
    }

    @Test
    void theChangesNameWhatTheOperatorChanged() {
        ClusterTopology before = TopologyPublisher.topologyOf(CONFIG);
        ClusterTopology after = new ClusterTopology("shop", "g2", List.of(
                new ClusterTopology.Group("g2", "10.0.0.2:5433", List.of()),
                new ClusterTopology.Group("g3", "10.0.0.3:5432", List.of("10.0.0.4:5432"))));
        assertThat(TopologyPublisher.changes(before, after)).isEqualTo("home group g1 -> g2; group g3 added"
                + " (primary 10.0.0.3:5432); group g1 removed (primary 10.0.0.1:5432)");
        ClusterTopology moved = new ClusterTopology("shop2", null, List.of(
                new ClusterTopology.Group("g2", "10.0.0.9:5433", List.of()),
                new ClusterTopology.Group("g1", "10.0.0.1:5432", List.of())));
        assertThat(TopologyPublisher.changes(before, moved)).isEqualTo("database shop -> shop2; home group g1 -> g2;"
                + " group g2 primary 10.0.0.2:5433 -> 10.0.0.9:5433; group order [g1, g2] -> [g2, g1]");
    }

    @Test
    @Order(1)
    void threeMembersWithTheSameConfigPublishItOnceThenAChangeReplacesIt() throws Exception {
        ClusterTopology topology = TopologyPublisher.topologyOf(CONFIG);
        List<TopologyPublisher> publishers = new ArrayList<>();
        members.forEach(m -> publishers.add(TopologyPublisher.start(m, topology)));
        List<TopologyPublisher.Outcome> outcomes = new ArrayList<>();
        for (TopologyPublisher p : publishers) {
            outcomes.add(p.outcome().get(60, TimeUnit.SECONDS));
            p.close(); // done: closing changes nothing
            assertThat(p.outcome()).isCompletedWithValue(outcomes.get(outcomes.size() - 1));
        }
        // Members racing from an absent key may all report CREATED (the store takes a compare-and-set that
        // finds its own value as a success): what counts is one stored version
        assertThat(outcomes).contains(TopologyPublisher.Outcome.CREATED)
                .allMatch(o -> o == TopologyPublisher.Outcome.CREATED || o == TopologyPublisher.Outcome.UNCHANGED);
        var stored = members.get(1).catalog().get(CoordinationSession.TOPOLOGY_KEY).orElseThrow();
        assertThat(ClusterTopology.decode(stored.valueAsString())).isEqualTo(topology);
        for (Coordinator m : members) {
            Eventually.await(Duration.ofSeconds(10), m.localMemberId() + " saw one version", () -> m.catalog()
                    .lastKnown(CoordinationSession.TOPOLOGY_KEY).map(v -> v.version() == stored.version()).orElse(false));
        }

        // published again (a restart): unchanged, same version
        assertThat(TopologyPublisher.publish(members.get(2), topology)).isEqualTo(TopologyPublisher.Outcome.UNCHANGED);
        assertThat(members.get(0).catalog().get(CoordinationSession.TOPOLOGY_KEY).orElseThrow().version())
                .isEqualTo(stored.version());

        // the operator moved g2's primary: replaced, with a higher version (the drivers' epoch)
        ClusterTopology changed = new ClusterTopology("shop", null, List.of(topology.groups().get(0),
                new ClusterTopology.Group("g2", "10.0.0.5:5432", List.of())));
        assertThat(TopologyPublisher.publish(members.get(0), changed)).isEqualTo(TopologyPublisher.Outcome.REPLACED);
        var replaced = members.get(2).catalog().get(CoordinationSession.TOPOLOGY_KEY).orElseThrow();
        assertThat(replaced.version()).isGreaterThan(stored.version());
        assertThat(ClusterTopology.decode(replaced.valueAsString())).isEqualTo(changed);
    }

    @Test
    @Order(2)
    void withoutQuorumItRetriesInTheBackgroundWithinItsBoundUntilClosed() throws Exception {
        Coordinator m1 = members.get(0);
        // m2 and m3 go: m1 alone has no quorum
        TestMembers.closeAll(List.of(members.get(1), members.get(2)));
        members.subList(1, 3).clear();
        Eventually.await(Duration.ofSeconds(30), "m1 sees no quorum", () -> !m1.hasQuorum());

        ClusterTopology next = new ClusterTopology("shop", null, List.of(
                new ClusterTopology.Group("g1", "10.0.0.1:5432", List.of()),
                new ClusterTopology.Group("g3", "10.0.0.3:5432", List.of())));
        TopologyPublisher bounded = TopologyPublisher.start(m1, next, Duration.ofSeconds(2));
        TopologyPublisher publisher = TopologyPublisher.start(m1, next);
        assertThatThrownBy(() -> bounded.outcome().get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("no quorum")
                .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("08006"));
        Eventually.await(Duration.ofSeconds(60), "the unbounded publisher retries", () -> publisher.attempts() >= 3);
        assertThat(publisher.outcome()).isNotDone();

        publisher.close(); // stops its retries
        assertThatThrownBy(() -> publisher.outcome().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("stopped");
        int attempts = publisher.attempts();
        // nothing runs after close: the executor is shut down (its one thread ends)
        Eventually.await(Duration.ofSeconds(30), "the publisher thread ended", () -> Thread.getAllStackTraces()
                .keySet().stream().noneMatch(t -> t.getName().equals("synapse-topology-publisher-m1") && t.isAlive()));
        assertThat(publisher.attempts()).isEqualTo(attempts);
        // m1's last known topology is still the replaced one: nothing was written without a quorum
        assertThat(m1.catalog().lastKnown(CoordinationSession.TOPOLOGY_KEY).map(v -> v.valueAsString()))
                .hasValueSatisfying(v -> assertThat(v).doesNotContain("g3"));
    }
}
