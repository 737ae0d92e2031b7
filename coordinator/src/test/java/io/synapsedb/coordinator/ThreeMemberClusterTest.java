package io.synapsedb.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A 3-member cluster in this JVM: formation, catalog, locks, membership. */
@Timeout(300)
class ThreeMemberClusterTest {

    @TempDir
    static Path dir;

    static List<Coordinator> members;
    static long startMillis;

    @BeforeAll
    static void start() throws Exception {
        List<MemberAddress> addresses = TestMembers.addresses(3);
        long t0 = System.nanoTime();
        members = TestMembers.startAll(addresses.stream().map(a -> TestMembers.config(a, addresses, dir)).toList());
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("3-member coordinator cluster started in " + startMillis + " ms");
    }

    @AfterAll
    static void stop() {
        if (members != null) {
            TestMembers.closeAll(members);
        }
    }

    @Test
    void everyMemberSeesAllThree() {
        for (Coordinator c : members) {
            Eventually.await(java.time.Duration.ofSeconds(30), c.localMemberId() + " sees 3 reachable members",
                    () -> c.membership().members().stream().filter(MemberInfo::reachable).count() == 3);
            assertThat(c.membership().localMember().id()).isEqualTo(c.localMemberId());
            assertThat(c.membership().localMember().local()).isTrue();
        }
    }

    @Test
    void putGetAndNotificationsReachOtherMembers() throws Exception {
        List<CatalogChange> seenByM3 = new CopyOnWriteArrayList<>();
        members.get(2).catalog().addListener(seenByM3::add);

        VersionedValue v1 = members.get(0).catalog().put("test/put", "one");
        assertThat(v1.version()).isPositive();
        assertThat(members.get(1).catalog().get("test/put")).contains(v1);
        Eventually.await(Duration.ofSeconds(10), "m3 notified of test/put",
                () -> seenByM3.stream().anyMatch(c -> c.key().equals("test/put") && c.version() == v1.version()));
        CatalogChange change = seenByM3.stream().filter(c -> c.key().equals("test/put")).findFirst().orElseThrow();
        assertThat(change.valueAsString()).contains("one");
        Eventually.await(Duration.ofSeconds(10), "m2's local view has test/put",
                () -> members.get(1).catalog().lastKnown("test/put").map(v -> v.version() == v1.version()).orElse(false));

        VersionedValue v2 = members.get(1).catalog().put("test/put", new byte[] {1, 2, 3});
        assertThat(v2.version()).isGreaterThan(v1.version());
        assertThat(members.get(0).catalog().get("test/put").orElseThrow().value()).containsExactly(1, 2, 3);

        members.get(0).catalog().remove("test/put", v2.version());
        assertThat(members.get(2).catalog().get("test/put")).isEmpty();
        Eventually.await(Duration.ofSeconds(10), "m3 notified of the removal",
                () -> seenByM3.stream().anyMatch(c -> c.key().equals("test/put") && c.removed()));
        Eventually.await(Duration.ofSeconds(10), "m3's local view lost test/put",
                () -> members.get(2).catalog().lastKnown("test/put").isEmpty());
        // a repeated removal is harmless
        members.get(1).catalog().remove("test/put", v2.version());
    }

    @Test
    void compareAndSetDetectsConflictsAndIsIdempotent() throws Exception {
        CatalogStore a = members.get(0).catalog();
        CatalogStore b = members.get(1).catalog();
        VersionedValue created = a.compareAndSet("test/cas", CatalogStore.ABSENT, "v1");
        assertThatThrownBy(() -> b.compareAndSet("test/cas", CatalogStore.ABSENT, "other"))
                .isInstanceOf(VersionConflictException.class)
                .hasMessageContaining("test/cas")
                .satisfies(e -> assertThat(((VersionConflictException) e).current()).contains(created))
                .satisfies(e -> assertThat(((VersionConflictException) e).getSQLState()).isEqualTo("40001"));

        VersionedValue second = b.compareAndSet("test/cas", created.version(), "v2");
        assertThat(second.valueAsString()).isEqualTo("v2");
        assertThat(second.version()).isGreaterThan(created.version());

        // a stale writer with another value loses ...
        assertThatThrownBy(() -> a.compareAndSet("test/cas", created.version(), "v2-from-a"))
                .isInstanceOf(VersionConflictException.class);
        // ... while repeating the applied write (as after a timeout whose write was applied) succeeds
        VersionedValue repeated = b.compareAndSet("test/cas", created.version(), "v2");
        assertThat(repeated).isEqualTo(second);
        assertThat(a.get("test/cas")).contains(second);
    }

    @Test
    void locksExcludeAcrossMembersAndTimeOut() throws Exception {
        LockService onM1 = members.get(0).locks();
        LockService onM2 = members.get(1).locks();
        try (LockHandle held = onM1.tryLock("test-ddl", Duration.ofSeconds(5))) {
            assertThat(held.isHeld()).isTrue();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> onM2.tryLock("test-ddl", Duration.ofMillis(700)))
                    .isInstanceOf(LockTimeoutException.class)
                    .hasMessageContaining("test-ddl")
                    .satisfies(e -> assertThat(((LockTimeoutException) e).getSQLState()).isEqualTo("55P03"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            // another thread of the same member is excluded too (locks are not reentrant)
            assertThatThrownBy(() -> onM1.tryLock("test-ddl", Duration.ofMillis(300)))
                    .isInstanceOf(LockTimeoutException.class);

            // a waiter on m3 gets the lock as soon as m1 releases it
            CountDownLatch waiting = new CountDownLatch(1);
            java.util.concurrent.CompletableFuture<Long> waiter = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                waiting.countDown();
                try (LockHandle h = members.get(2).locks().tryLock("test-ddl", Duration.ofSeconds(20))) {
                    return h.fencingToken();
                } catch (CoordinatorException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            long heldToken = held.fencingToken();
            held.close();
            held.close(); // idempotent
            assertThat(held.isHeld()).isFalse();
            assertThat(waiter.get(30, TimeUnit.SECONDS)).isGreaterThan(heldToken);
        }
        try (LockHandle again = onM2.tryLock("test-ddl", Duration.ofSeconds(5))) {
            assertThat(again.name()).isEqualTo("test-ddl");
        }
    }

    @Test
    void electionPicksExactlyOneLeader() throws Exception {
        List<LeaderElection> elections = new java.util.ArrayList<>();
        for (Coordinator c : members) {
            LeaderElection e = c.election("test-jobs");
            e.join();
            e.join(); // harmless
            elections.add(e);
        }
        Eventually.await(Duration.ofSeconds(20), "all members agree on one leader", () -> {
            long leaders = elections.stream().filter(LeaderElection::isLeader).count();
            long agreeing = elections.stream().map(e -> e.leadership().leader()).distinct().count();
            return leaders == 1 && agreeing == 1 && elections.get(0).leadership().leader().isPresent();
        });
        LeaderElection leader = elections.stream().filter(LeaderElection::isLeader).findFirst().orElseThrow();
        long term = leader.leadership().term();
        List<Leadership> changes = new CopyOnWriteArrayList<>();
        elections.forEach(e -> e.addListener(changes::add));
        leader.leave();
        Eventually.await(Duration.ofSeconds(20), "another member leads after the leader left", () ->
                elections.stream().filter(LeaderElection::isLeader).count() == 1 && !leader.isLeader()
                        && elections.stream().allMatch(e -> e.leadership().term() > term));
        Eventually.await(Duration.ofSeconds(10), "listeners told", () -> changes.stream().anyMatch(Leadership::local));
        leader.join(); // back as a candidate, not the leader
        assertThat(leader.isLeader()).isFalse();
    }
}
