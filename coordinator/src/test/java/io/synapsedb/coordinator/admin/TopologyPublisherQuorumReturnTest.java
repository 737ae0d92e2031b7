package io.synapsedb.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.Eventually;
import io.synapsedb.coordinator.MemberAddress;
import io.synapsedb.coordinator.MemberProcess;
import io.synapsedb.coordinator.TestMembers;
import io.synapsedb.coordinator.VersionedValue;
import io.synapsedb.spi.ClusterTopology;
import io.synapsedb.spi.CoordinationSession;

/**
 * A topology publication started while the coordinator has no quorum keeps retrying and succeeds once the
 * quorum is back. Voter m1 runs in this JVM; voters m2 and m3 run as child JVMs, because an Atomix member
 * closed and restarted in the same JVM (same id and port) does not rejoin, while a restarted JVM does. m2 and
 * m3 are killed (SIGKILL), the publisher starts on m1 alone, then m2 and m3 are relaunched on their data
 * directories and the pending publication completes: created once, readable through the quorum.
 */
@Timeout(300)
class TopologyPublisherQuorumReturnTest {

    @TempDir
    Path dir;

    private final List<MemberProcess> children = new ArrayList<>();
    private CompletableFuture<Coordinator> m1Start;
    private TopologyPublisher publisher;

    @AfterEach
    void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (m1Start != null) {
            m1Start.thenAccept(Coordinator::close); // now, or when a start still under way completes
        }
        for (MemberProcess c : children) {
            c.kill();
        }
    }

    @Test
    void aPublicationStartedWithoutQuorumSucceedsOnceTheQuorumReturns() throws Exception {
        List<MemberAddress> addresses = TestMembers.addresses(3);
        MemberAddress a1 = addresses.get(0);
        List<Path> yamls = List.of(yaml(addresses.get(1), addresses), yaml(addresses.get(2), addresses));

        // m1's start blocks until a majority is up: start it beside the two child JVMs
        MemberProcess m2 = launch("m2", yamls.get(0));
        MemberProcess m3 = launch("m3", yamls.get(1));
        m1Start = CompletableFuture.supplyAsync(() -> {
            try {
                return Coordinator.start(TestMembers.config(a1, addresses, dir));
            } catch (Exception e) {
                throw new IllegalStateException("m1 did not start: " + e.getMessage(), e);
            }
        });
        awaitChildren("m2 and m3 READY", () -> m2.printed("READY member") && m3.printed("READY member"));
        Coordinator m1 = m1Start.get(120, TimeUnit.SECONDS);
        Eventually.await(Duration.ofSeconds(30), "m1 sees a quorum", m1::hasQuorum);
        // a fresh cluster: nothing published yet (the children have no postgres: section to publish)
        assertThat(m1.catalog().get(CoordinationSession.TOPOLOGY_KEY)).isEmpty();

        // the two child voters crash: m1 alone is a minority
        m2.kill();
        m3.kill();
        Eventually.await(Duration.ofSeconds(60), "m1 sees no quorum", () -> !m1.hasQuorum());

        ClusterTopology topology = new ClusterTopology("shop", "g1", List.of(
                new ClusterTopology.Group("g1", "10.0.0.1:5432", List.of()),
                new ClusterTopology.Group("g2", "10.0.0.2:5432", List.of())));
        publisher = TopologyPublisher.start(m1, topology); // the default bound, 10 minutes
        Eventually.await(Duration.ofSeconds(60), "the publisher retries without quorum", () -> publisher.attempts() >= 2);
        assertThat(publisher.outcome()).isNotDone();
        int attemptsWithoutQuorum = publisher.attempts();

        // the same members come back on their data directories; the publication's end is timed where it happens
        CompletableFuture<Long> publishedAt = publisher.outcome().thenApply(o -> System.nanoTime());
        MemberProcess m2again = launch("m2", yamls.get(0));
        MemberProcess m3again = launch("m3", yamls.get(1));
        awaitChildren("m1 sees a quorum again", m1::hasQuorum);
        long quorumBack = System.nanoTime();
        awaitChildren("m2 and m3 READY again", () -> m2again.printed("READY member") && m3again.printed("READY member"));
        long bothReady = System.nanoTime();
        // CREATED as a rule. UNCHANGED only if an earlier attempt's compare-and-set timed out (08007, outcome
        // unknown) while the quorum was coming back and was applied after all: the key was absent before and m1's
        // publisher is the only writer, so that too is this publication's one write. Never REPLACED.
        long published = publishedAt.get(120, TimeUnit.SECONDS);
        TopologyPublisher.Outcome outcome = publisher.outcome().join();
        assertThat(outcome).isIn(TopologyPublisher.Outcome.CREATED, TopologyPublisher.Outcome.UNCHANGED);
        System.out.println("topology publication " + outcome + ", succeeded " + (published - quorumBack) / 1_000_000
                + " ms after the quorum returned (as m1 saw it; " + (published - bothReady) / 1_000_000
                + " ms after m2 and m3 were both READY again); attempts: " + attemptsWithoutQuorum
                + " without quorum, " + publisher.attempts() + " in all");

        // exactly this topology, read through the quorum; the children published nothing themselves
        assertThat(m2again.output()).noneMatch(l -> l.contains("topology"));
        assertThat(m3again.output()).noneMatch(l -> l.contains("topology"));
        VersionedValue stored = m1.catalog().get(CoordinationSession.TOPOLOGY_KEY).orElseThrow();
        assertThat(ClusterTopology.decode(stored.valueAsString())).isEqualTo(topology);
        assertThat(publisher.attempts()).isGreaterThan(attemptsWithoutQuorum);
        // published again: nothing more to write, the stored version stays
        assertThat(TopologyPublisher.publish(m1, topology)).isEqualTo(TopologyPublisher.Outcome.UNCHANGED);
        assertThat(m1.catalog().get(CoordinationSession.TOPOLOGY_KEY).orElseThrow().version())
                .isEqualTo(stored.version());
    }

    /** Waits up to 180 s (child JVMs on a busy machine); a failure shows what the children printed. */
    private void awaitChildren(String what, BooleanSupplier condition) {
        try {
            Eventually.await(Duration.ofSeconds(180), what, condition);
        } catch (AssertionError e) {
            StringBuilder out = new StringBuilder(e.getMessage());
            for (MemberProcess c : children) {
                out.append("\n--- ").append(c.id()).append(" (pid ").append(c.process().pid()).append("):\n")
                        .append(String.join("\n", c.output()));
            }
            throw new AssertionError(out.toString(), e);
        }
    }

    /** A standalone member's YAML without a postgres: section (it must not publish itself), m1's timeouts. */
    private Path yaml(MemberAddress self, List<MemberAddress> addresses) throws Exception {
        Path yaml = dir.resolve(self.id() + ".yaml");
        Files.writeString(yaml, "memberId: " + self.id() + "\nhost: 127.0.0.1\nport: " + self.port() + "\nmembers: "
                + addresses.stream().map(MemberAddress::toString).toList() + "\ndataDir: data-" + self.id()
                + "\ntimeouts: { operationMs: 3000, startMs: 90000, sessionMs: 5000, failureMs: 4000 }\n");
        return yaml;
    }

    private MemberProcess launch(String id, Path yaml) throws Exception {
        MemberProcess p = MemberProcess.launch(id, dir, true, "--config", yaml.toString());
        children.add(p);
        return p;
    }
}
