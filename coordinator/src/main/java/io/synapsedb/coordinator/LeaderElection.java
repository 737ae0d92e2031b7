package io.synapsedb.coordinator;

/**
 * A named election: of the members that {@linkplain #join() joined}, exactly one is the leader at a time.
 * The leader keeps leadership until it {@linkplain #leave() leaves}, stops, or dies (its Raft session
 * expires after the session timeout); then the next candidate takes over with a higher term.
 * <p>
 * {@link #isLeader()} answers from this member's view without a round trip. When this member loses contact
 * with the quorum it stops considering itself leader at once (it cannot know whether it still is), so leader
 * jobs stop on a partitioned member.
 */
public interface LeaderElection {

    String name();

    /** Becomes a candidate; returns the leadership after joining. Joining twice is harmless. */
    Leadership join() throws CoordinatorException;

    /** Stops being a candidate (and leader). Leaving when not joined is harmless. */
    void leave() throws CoordinatorException;

    boolean isLeader();

    /** The last leadership this member saw. */
    Leadership leadership();

    void addListener(LeadershipListener listener);

    void removeListener(LeadershipListener listener);
}
