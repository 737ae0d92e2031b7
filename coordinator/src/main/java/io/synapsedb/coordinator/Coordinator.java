package io.synapsedb.coordinator;

import java.util.List;

import io.synapsedb.coordinator.atomix.AtomixCoordinator;

/**
 * One member of the coordinator cluster: the catalog store, locks, elections and membership.
 * <p>
 * This narrow interface is all the rest of SynapseDB sees of the coordinator; the implementation is Atomix
 * 3.1 (Raft for state, SWIM for membership), which is unmaintained and kept behind it on purpose.
 *
 * <pre>{@code
 * try (Coordinator c = Coordinator.start(config)) {
 *     VersionedValue v = c.catalog().put("schema/version", "7");
 *     try (LockHandle ddl = c.locks().tryLock("ddl", Duration.ofSeconds(10))) { ... }
 *     LeaderElection jobs = c.election("leader-jobs");
 *     jobs.join();
 * }
 * }</pre>
 */
public interface Coordinator extends AutoCloseable {

    /**
     * Starts a member and joins its cluster, waiting at most the configured start timeout. A voting member
     * needs a majority of the voting members to be up to finish starting.
     *
     * @throws CoordinatorException when the JVM lacks the flags Atomix needs (SQLState 55000, the message
     *                              names them), or the cluster cannot be joined in time (08006)
     */
    static Coordinator start(CoordinatorConfig config) throws CoordinatorException {
        return AtomixCoordinator.start(config);
    }

    String localMemberId();

    CoordinatorConfig config();

    CatalogStore catalog();

    LockService locks();

    /** The election {@code name}; the same object for the same name. Does not join it. */
    LeaderElection election(String name) throws CoordinatorException;

    Membership membership();

    /**
     * The ids of the voting members, sorted, as the cluster's Raft group names them. Equal to the configured
     * {@link CoordinatorConfig#members()}, except for a non-voter configured with contact points only, which
     * learns them when it joins.
     */
    List<String> voters();

    /** Whether this member's SWIM view reaches a majority of the {@link #voters()}; local and quick. */
    boolean hasQuorum();

    /** Leaves the cluster: this member's elections and locks are released. Closing twice is harmless. */
    @Override
    void close();
}
