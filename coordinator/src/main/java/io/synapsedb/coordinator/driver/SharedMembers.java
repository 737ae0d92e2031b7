package io.synapsedb.coordinator.driver;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.LeaderElection;
import io.synapsedb.coordinator.server.CoordinatorMain;

/**
 * The coordinator members of this JVM, one per distinct {@link MemberSettings.Key}, counted by their sessions:
 * every pool and connection of an application that uses the same cluster shares one member (one SWIM
 * identity, one Raft session), and the member leaves the cluster when its last session closes.
 */
final class SharedMembers {

    private static final Logger LOG = LoggerFactory.getLogger(SharedMembers.class);

    /** Starts a member; called at most once per successful {@link Member}. */
    @FunctionalInterface
    interface Starter {
        Coordinator start() throws SQLException;
    }

    private final Map<MemberSettings.Key, Member> members = new HashMap<>(); // guarded by this

    /** One started (or starting) member and how many sessions use it. */
    final class Member {
        private final MemberSettings.Key key;
        private int sessions; // guarded by SharedMembers.this
        private Coordinator coordinator; // guarded by this (the member)
        private LeaderElection leader; // guarded by this

        private Member(MemberSettings.Key key) {
            this.key = key;
        }

        /** Starts the member unless it runs; concurrent openers of one key wait here for one start. */
        private synchronized void ensureStarted(Starter starter) throws SQLException {
            if (coordinator != null) {
                return;
            }
            Coordinator c = starter.start();
            try {
                // The standalone members are the candidates of this election: its leader runs the cluster's jobs.
                leader = c.election(CoordinatorMain.LEADER_ELECTION);
            } catch (CoordinatorException e) {
                LOG.warn("coordinator member '{}' cannot follow the '{}' election, so no member will show as leader:"
                        + " {}", c.localMemberId(), CoordinatorMain.LEADER_ELECTION, e.getMessage());
            }
            coordinator = c;
        }

        synchronized Coordinator coordinator() {
            return coordinator;
        }

        synchronized Optional<LeaderElection> leaderElection() {
            return Optional.ofNullable(leader);
        }

        private synchronized void close() {
            if (coordinator != null) {
                coordinator.close();
                coordinator = null;
            }
        }
    }

    /**
     * A member for {@code key}, started with {@code starter} unless one runs; the caller releases it with
     * {@link #release(Member)} exactly once.
     */
    Member acquire(MemberSettings.Key key, Starter starter) throws SQLException {
        Member m;
        synchronized (this) {
            m = members.computeIfAbsent(key, Member::new);
            m.sessions++;
        }
        try {
            m.ensureStarted(starter);
            return m;
        } catch (SQLException | RuntimeException e) {
            release(m);
            throw e;
        }
    }

    /** Ends one session of {@code m}; the last one closes the member. */
    void release(Member m) {
        boolean last;
        synchronized (this) {
            last = --m.sessions == 0;
            if (last) {
                members.remove(m.key, m);
            }
        }
        if (last) {
            m.close();
        }
    }

    /** How many members this JVM runs (for tests and diagnostics). */
    synchronized int size() {
        return members.size();
    }
}
