package io.synapsedb.coordinator.admin;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.synapsedb.coordinator.CatalogStore;
import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.VersionConflictException;
import io.synapsedb.coordinator.VersionedValue;
import io.synapsedb.spi.ClusterTopology;
import io.synapsedb.spi.CoordinationSession;

/**
 * Publishes a member's configured PostgreSQL groups as the {@link ClusterTopology} that drivers in cluster
 * mode read from {@link CoordinationSession#TOPOLOGY_KEY}, with compare-and-set:
 * <ul>
 * <li>absent: created;</li>
 * <li>present with the same content: left alone (so every member of the cluster may publish the same
 * configuration; the first one wins and the others find it there);</li>
 * <li>present and different: replaced, with a WARN that says what changed (the operator changed the
 * configuration; every member should carry the same {@code postgres:} section, or the last one started
 * wins).</li>
 * </ul>
 * The standalone member runs it after READY when its YAML has a {@code postgres:} section; an application
 * that embeds a member can run it too:
 *
 * <pre>
 * try (TopologyPublisher p = TopologyPublisher.start(coordinator, TopologyPublisher.topologyOf(groups))) {
 *     p.outcome().get(); // CREATED, UNCHANGED or REPLACED
 * }
 * </pre>
 *
 * In the background it retries while the coordinator has no quorum, with a growing pause, until it succeeds,
 * the bound passes or it is closed.
 */
public final class TopologyPublisher implements AutoCloseable {

    /** What a publication did. */
    public enum Outcome {
        /**
         * The key was absent and now holds this topology. Members that race with the same topology may all
         * report it: the store takes a compare-and-set that finds its own value as a success.
         */
        CREATED,
        /** The same topology was already there: nothing was written. */
        UNCHANGED,
        /** Another topology was there: it was replaced. */
        REPLACED
    }

    /** Default bound on the background retries. */
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(TopologyPublisher.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);
    /** Compare-and-set rounds lost to concurrent writers before an attempt counts as failed. */
    private static final int CAS_ROUNDS = 10;

    private final Coordinator coordinator;
    private final ClusterTopology topology;
    private final long deadline;
    private final ScheduledExecutorService executor;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile Duration pause = FIRST_PAUSE;
    private final AtomicInteger attempts = new AtomicInteger();

    private TopologyPublisher(Coordinator coordinator, ClusterTopology topology, Duration giveUpAfter) {
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.deadline = System.nanoTime() + giveUpAfter.toNanos();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "synapse-topology-publisher-" + coordinator.localMemberId());
            t.setDaemon(true);
            return t;
        });
    }

    /** The topology of {@code groups}: their primaries in order, the first group as the home group. */
    public static ClusterTopology topologyOf(PostgresGroups groups) {
        List<ClusterTopology.Group> list = new ArrayList<>();
        for (PostgresGroups.Group g : groups.groups()) {
            list.add(new ClusterTopology.Group(g.name(), g.address(), List.of()));
        }
        return new ClusterTopology(groups.database(), list.get(0).name(), list);
    }

    /** Publishes in the background with {@link #DEFAULT_GIVE_UP_AFTER}. */
    public static TopologyPublisher start(Coordinator coordinator, ClusterTopology topology) {
        return start(coordinator, topology, DEFAULT_GIVE_UP_AFTER);
    }

    /** Publishes in the background, retrying without quorum until it succeeds or {@code giveUpAfter} passes. */
    public static TopologyPublisher start(Coordinator coordinator, ClusterTopology topology, Duration giveUpAfter) {
        TopologyPublisher p = new TopologyPublisher(coordinator, topology, giveUpAfter);
        p.outcome.whenComplete((o, e) -> p.executor.shutdown()); // done either way: the thread ends
        p.executor.execute(p::attempt);
        return p;
    }

    /** Completes with the outcome, or exceptionally with the last error when the bound passed. */
    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    /** How many attempts the background publication made so far (diagnostics). */
    public int attempts() {
        return attempts.get();
    }

    /** Stops retrying (an attempt under way finishes); the outcome completes exceptionally if it had not. */
    @Override
    public void close() {
        executor.shutdownNow();
        outcome.completeExceptionally(new CoordinatorException("topology publishing stopped before it succeeded",
                "57014"));
    }

    private void attempt() {
        if (outcome.isDone()) {
            return;
        }
        attempts.incrementAndGet();
        try {
            outcome.complete(publish(coordinator, topology));
        } catch (CoordinatorException e) {
            if (System.nanoTime() - deadline > 0) {
                LOG.warn("member '{}' gave up publishing the cluster topology under {}: {}",
                        coordinator.localMemberId(), CoordinationSession.TOPOLOGY_KEY, e.getMessage());
                outcome.completeExceptionally(e);
                return;
            }
            Duration wait = pause;
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            LOG.info("member '{}' will retry publishing the cluster topology in {} ms: [{}] {}",
                    coordinator.localMemberId(), wait.toMillis(), e.getSQLState(), e.getMessage());
            try {
                executor.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // closed meanwhile
            }
        } catch (RuntimeException e) {
            LOG.error("member '{}' failed publishing the cluster topology", coordinator.localMemberId(), e);
            outcome.completeExceptionally(e);
        }
    }

    /**
     * One publication on the caller's thread: reads the current topology through the quorum and creates,
     * keeps or replaces it.
     *
     * @throws CoordinatorException 08006 without a quorum, 08007 when a write's outcome is unknown (publishing
     *                              again is safe), 40001 when other writers kept changing the key
     */
    public static Outcome publish(Coordinator coordinator, ClusterTopology topology) throws CoordinatorException {
        CatalogStore catalog = coordinator.catalog();
        String key = CoordinationSession.TOPOLOGY_KEY;
        String text = topology.encode();
        VersionConflictException lost = null;
        for (int round = 0; round < CAS_ROUNDS; round++) {
            Optional<VersionedValue> current = catalog.get(key);
            try {
                if (current.isEmpty()) {
                    VersionedValue v = catalog.compareAndSet(key, CatalogStore.ABSENT, text);
                    LOG.info("member '{}' published the cluster topology under {} (version {}): database {}, groups {}",
                            coordinator.localMemberId(), key, v.version(), topology.database(), topology.groupNames());
                    return Outcome.CREATED;
                }
                String stored = current.get().valueAsString();
                Optional<ClusterTopology> old = decode(stored);
                if (stored.equals(text) || old.map(topology::equals).orElse(false)) {
                    LOG.info("member '{}' found its cluster topology already published under {} (version {})",
                            coordinator.localMemberId(), key, current.get().version());
                    return Outcome.UNCHANGED;
                }
                VersionedValue v = catalog.compareAndSet(key, current.get().version(), text);
                LOG.warn("member '{}' replaced the cluster topology under {} (version {} -> {}), its configuration"
                        + " differs: {}", coordinator.localMemberId(), key, current.get().version(), v.version(),
                        old.map(o -> changes(o, topology)).orElse("the stored document was not a topology"));
                return Outcome.REPLACED;
            } catch (VersionConflictException e) {
                lost = e; // another member wrote meanwhile: look again (it may have written the same)
            }
        }
        throw lost;
    }

    private static Optional<ClusterTopology> decode(String stored) {
        try {
            return Optional.of(ClusterTopology.decode(stored));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** What differs from {@code old} to {@code now}, one clause per change, for the log. */
    static String changes(ClusterTopology old, ClusterTopology now) {
        List<String> out = new ArrayList<>();
        if (!old.database().equals(now.database())) {
            out.add("database " + old.database() + " -> " + now.database());
        }
        if (!old.homeGroup().equals(now.homeGroup())) {
            out.add("home group " + old.homeGroup() + " -> " + now.homeGroup());
        }
        Map<String, ClusterTopology.Group> before = byName(old);
        Map<String, ClusterTopology.Group> after = byName(now);
        for (ClusterTopology.Group g : now.groups()) {
            ClusterTopology.Group b = before.get(g.name());
            if (b == null) {
                out.add("group " + g.name() + " added (primary " + g.primary() + ")");
            } else {
                if (!b.primary().equals(g.primary())) {
                    out.add("group " + g.name() + " primary " + b.primary() + " -> " + g.primary());
                }
                if (!b.replicas().equals(g.replicas())) {
                    out.add("group " + g.name() + " replicas " + b.replicas() + " -> " + g.replicas());
                }
            }
        }
        for (ClusterTopology.Group g : old.groups()) {
            if (!after.containsKey(g.name())) {
                out.add("group " + g.name() + " removed (primary " + g.primary() + ")");
            }
        }
        List<String> commonBefore = old.groupNames().stream().filter(after::containsKey).toList();
        List<String> commonAfter = now.groupNames().stream().filter(before::containsKey).toList();
        if (!commonBefore.equals(commonAfter)) {
            out.add("group order " + old.groupNames() + " -> " + now.groupNames());
        }
        return out.isEmpty() ? "the documents differ only in form" : String.join("; ", out);
    }

    private static Map<String, ClusterTopology.Group> byName(ClusterTopology t) {
        Map<String, ClusterTopology.Group> m = new LinkedHashMap<>();
        t.groups().forEach(g -> m.put(g.name(), g));
        return m;
    }

    @Override
    public String toString() {
        return "TopologyPublisher{member=" + coordinator.localMemberId() + ", database " + topology.database()
                + ", groups " + topology.groupNames() + "}";
    }
}
