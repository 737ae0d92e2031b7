package io.synapsedb.coordinator.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.Eventually;
import io.synapsedb.coordinator.MemberAddress;
import io.synapsedb.coordinator.TestMembers;
import io.synapsedb.spi.CoordinationEntry;
import io.synapsedb.spi.CoordinationLock;
import io.synapsedb.spi.CoordinationMember;
import io.synapsedb.spi.CoordinationProvider;
import io.synapsedb.spi.CoordinationSession;
import io.synapsedb.spi.CoordinatorSettings;

/**
 * The driver's provider against a real 3-voter cluster in this JVM: m1 and m2 are plain members, m3 is a
 * voter embedded through the provider; applications join as non-voting members through the provider.
 */
@Timeout(300)
class AtomixCoordinationProviderTest {

    @TempDir
    static Path dir;

    static List<MemberAddress> voters;
    static List<Coordinator> plain;
    static CoordinationSession embedded;
    static final AtomixCoordinationProvider PROVIDER = new AtomixCoordinationProvider();

    @BeforeAll
    static void start() throws Exception {
        voters = TestMembers.addresses(3);
        // m3 starts through the provider (embedded voter) while m1 and m2 start as plain members
        CompletableFuture<CoordinationSession> m3 = CompletableFuture.supplyAsync(() -> {
            try {
                return PROVIDER.open(settings(idForm(), "m3", 0, dir.resolve("m3").toString()));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        plain = TestMembers.startAll(voters.subList(0, 2).stream().map(a -> TestMembers.config(a, voters, dir)).toList());
        embedded = m3.join();
    }

    @AfterAll
    static void stop() {
        if (embedded != null) {
            embedded.close();
        }
        if (plain != null) {
            TestMembers.closeAll(plain);
        }
    }

    static List<String> idForm() {
        return voters.stream().map(MemberAddress::toString).toList();
    }

    static List<String> addressForm() {
        return voters.stream().map(a -> a.host() + ":" + a.port()).toList();
    }

    static CoordinatorSettings settings(List<String> members, String memberId, int port, String dataDir) {
        return new CoordinatorSettings(members, memberId, "127.0.0.1", port, dataDir, 3000, 90_000, null, null, null,
                null);
    }

    static CoordinationSession openTimed(CoordinatorSettings s) throws SQLException {
        long t0 = System.nanoTime();
        CoordinationSession session = PROVIDER.open(s);
        System.out.println("non-voting member " + (s.memberId() == null ? "(generated id)" : s.memberId()) + " (" + (s.members().get(0).contains("@")
                ? "id@host:port" : "host:port") + " form) joined the running 3-member cluster in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return session;
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(CoordinationProvider.class).forEach(p -> names.add(p.name()));
        assertThat(names).contains("atomix");
    }

    @Test
    void aMemberIdAmongTheMembersMakesThisJvmThatVoter() {
        assertThat(embedded.describe()).contains("'m3'", "voting, embedded");
        Eventually.await(Duration.ofSeconds(30), "the embedded voter sees all three voters reachable", () ->
                embedded.members().stream().filter(m -> m.voter() && m.reachable()).count() == 3);
        CoordinationMember self = embedded.members().stream().filter(CoordinationMember::local).findFirst().orElseThrow();
        assertThat(self.id()).isEqualTo("m3");
        assertThat(self.voter()).isTrue();
        assertThat(self.address()).isEqualTo(voters.get(2).host() + ":" + voters.get(2).port());
        assertThat(embedded.hasQuorum()).isTrue();
    }

    @Test
    void twoApplicationsSeeEachOthersWritesLocksAndTheLeader() throws Exception {
        // app-a knows the voters by address only (as in jdbc:synapse:coordinator=h1:p1,...), app-b by id
        try (CoordinationSession a = openTimed(settings(addressForm(), "app-a", 0, null));
             CoordinationSession b = openTimed(settings(idForm(), "app-b", 0, null))) {
            assertThat(a.describe()).contains("'app-a'", "not voting");
            List<CoordinationEntry> seenByB = new CopyOnWriteArrayList<>();
            List<CoordinationEntry> seenByA = new CopyOnWriteArrayList<>();
            b.watch("test/doc", seenByB::add);
            a.watch("test/doc", seenByA::add);
            a.watch("test/other", e -> seenByA.add(new CoordinationEntry("unexpected", 1, "x")));

            CoordinationEntry first = a.compareAndSet("test/doc", CoordinationSession.ABSENT, "{v: 1}");
            assertThat(first.version()).isPositive();
            assertThat(b.read("test/doc")).contains(first);
            Eventually.await(Duration.ofSeconds(10), "b's watch saw a's write", () -> seenByB.contains(first));
            Eventually.await(Duration.ofSeconds(10), "b's last known value is a's write",
                    () -> b.lastKnown("test/doc").equals(java.util.Optional.of(first)));

            assertThatThrownBy(() -> b.compareAndSet("test/doc", CoordinationSession.ABSENT, "{v: other}"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("test/doc")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"));
            // a repeat of an applied write succeeds (the SPI's idempotence)
            assertThat(a.compareAndSet("test/doc", CoordinationSession.ABSENT, "{v: 1}")).isEqualTo(first);

            CoordinationEntry second = b.compareAndSet("test/doc", first.version(), "{v: 2, note: 'ünïcode'}");
            assertThat(second.version()).isGreaterThan(first.version());
            Eventually.await(Duration.ofSeconds(10), "a's watch saw b's write", () -> seenByA.contains(second));
            assertThat(a.read("test/doc").orElseThrow().value()).isEqualTo("{v: 2, note: 'ünïcode'}");

            plain.get(0).catalog().remove("test/doc", second.version());
            Eventually.await(Duration.ofSeconds(10), "a removal reaches the watch as null", () -> seenByA.contains(null));
            assertThat(seenByA).doesNotContain(new CoordinationEntry("unexpected", 1, "x"));
            assertThat(b.read("test/doc")).isEmpty();

            // locks exclude across the two applications
            long token;
            try (CoordinationLock held = a.lock("test/ddl", Duration.ofSeconds(10))) {
                token = held.fencingToken();
                assertThatThrownBy(() -> b.lock("test/ddl", Duration.ofMillis(700)))
                        .isInstanceOf(SQLException.class).hasMessageContaining("test/ddl")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
            }
            try (CoordinationLock next = b.lock("test/ddl", Duration.ofSeconds(10))) {
                assertThat(next.fencingToken()).isGreaterThan(token);
            }

            // the members: three voters, the two applications without a vote, m1 leading 'leader'
            plain.get(0).election("leader").join();
            // SWIM may drop and re-admit a member of this busy JVM for a moment: wait for a view with all five
            // (an earlier test's closed application may still be listed until SWIM forgets it)
            AtomicReference<List<CoordinationMember>> view = new AtomicReference<>();
            Eventually.await(Duration.ofSeconds(60), "a sees m1..m3, app-a, app-b and m1 as the leader", () -> {
                List<CoordinationMember> seen = a.members();
                view.set(seen);
                List<String> ids = seen.stream().map(CoordinationMember::id).toList();
                return ids.containsAll(List.of("m1", "m2", "m3", "app-a", "app-b"))
                        && seen.stream().filter(CoordinationMember::leader).map(CoordinationMember::id).toList().equals(List.of("m1"));
            });
            List<CoordinationMember> ms = view.get();
            assertThat(ms.stream().filter(CoordinationMember::voter).map(CoordinationMember::id)).containsExactly("m1",
                    "m2", "m3");
            assertThat(ms).filteredOn(m -> m.id().equals("app-a")).singleElement()
                    .satisfies(m -> assertThat(m.local() && !m.voter() && m.reachable()).isTrue());
            assertThat(ms).filteredOn(m -> m.id().equals("app-b")).singleElement()
                    .satisfies(m -> assertThat(!m.local() && !m.voter()).isTrue());
            assertThat(a.hasQuorum()).isTrue();
            assertThat(b.hasQuorum()).isTrue();
        } finally {
            plain.get(0).election("leader").leave();
        }
    }

    @Test
    void sessionsWithTheSameSettingsShareOneMember() throws Exception {
        CoordinatorSettings s = settings(addressForm(), null, 0, null);
        int before = AtomixCoordinationProvider.runningMembers();
        CoordinationSession first = openTimed(s);
        CoordinationSession second;
        try {
            second = PROVIDER.open(s);
        } catch (SQLException | RuntimeException e) {
            first.close();
            throw e;
        }
        try {
            assertThat(AtomixCoordinationProvider.runningMembers()).isEqualTo(before + 1);
            String id = local(first).id();
            assertThat(id).startsWith("app-");
            assertThat(local(second).id()).isEqualTo(id);
            assertThat(second).isNotSameAs(first);

            List<CoordinationEntry> seen = new CopyOnWriteArrayList<>();
            first.watch("test/shared", seen::add);
            first.close();
            first.close(); // harmless
            assertThatThrownBy(() -> first.read("test/shared")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));

            // the member stays for the other session, and the closed session's watch is gone
            CoordinationEntry e = second.compareAndSet("test/shared", CoordinationSession.ABSENT, "still here");
            assertThat(second.read("test/shared")).contains(e);
            assertThat(local(second).id()).isEqualTo(id);
            Eventually.await(Duration.ofSeconds(10), "the member's own view has the write",
                    () -> second.lastKnown("test/shared").isPresent());
            assertThat(seen).isEmpty();
        } finally {
            second.close();
        }
        assertThat(AtomixCoordinationProvider.runningMembers()).isEqualTo(before);
    }

    private static CoordinationMember local(CoordinationSession s) {
        return s.members().stream().filter(CoordinationMember::local).findFirst().orElseThrow();
    }

    @Test
    void inconsistentSettingsFailWith22023NamingTheProperty() {
        assertThatThrownBy(() -> PROVIDER.open(settings(idForm(), "m2", 0, null)))
                .isInstanceOf(SQLException.class).hasMessageContaining("coordinatorDataDir")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        List<String> mixed = List.of(idForm().get(0), addressForm().get(1), idForm().get(2));
        assertThatThrownBy(() -> PROVIDER.open(settings(mixed, "m1", 0, dir.resolve("x").toString())))
                .isInstanceOf(SQLException.class).hasMessageContaining("id@host:port")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        assertThatThrownBy(() -> PROVIDER.open(settings(List.of("nohost"), null, 0, null)))
                .isInstanceOf(SQLException.class).hasMessageContaining("'nohost'").hasMessageContaining("host:port")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        assertThatThrownBy(() -> PROVIDER.open(new CoordinatorSettings(addressForm(), null, "127.0.0.1", 0, null,
                3000, 3000, "/nowhere/key.p12", "s3cret-pw", null, null)))
                .isInstanceOf(SQLException.class).hasMessageContaining("coordinatorTrustStore")
                .hasMessageNotContaining("s3cret-pw")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    }

    @Test
    void aClusterThatCannotBeJoinedFailsWith08001() {
        int nobody = TestMembers.freePort();
        CoordinatorSettings s = new CoordinatorSettings(List.of("127.0.0.1:" + nobody), "app-alone", "127.0.0.1", 0,
                null, 1000, 3000, null, null, null, null);
        int before = AtomixCoordinationProvider.runningMembers();
        assertThatThrownBy(() -> PROVIDER.open(s)).isInstanceOf(SQLException.class)
                .hasMessageStartingWith("cannot join coordinator cluster 127.0.0.1:" + nobody + ": ")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
        assertThat(AtomixCoordinationProvider.runningMembers()).isEqualTo(before);
    }
}
