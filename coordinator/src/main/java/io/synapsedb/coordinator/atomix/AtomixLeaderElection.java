package io.synapsedb.coordinator.atomix;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atomix.core.Atomix;
import io.atomix.core.election.AsyncLeaderElection;
import io.atomix.core.election.LeaderElection;
import io.atomix.core.election.LeadershipEvent;
import io.atomix.primitive.PrimitiveState;
import io.atomix.primitive.protocol.ProxyProtocol;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.Leadership;
import io.synapsedb.coordinator.LeadershipListener;

/**
 * {@link io.synapsedb.coordinator.LeaderElection} on an Atomix {@code LeaderElection<String>} of member ids.
 */
final class AtomixLeaderElection implements io.synapsedb.coordinator.LeaderElection {

    static final String PREFIX = "synapse-election-";

    private static final Logger LOG = LoggerFactory.getLogger(AtomixLeaderElection.class);

    private final String name;
    private final String localId;
    private final AsyncLeaderElection<String> election;
    private final Duration timeout;
    private final Notifier notifier;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    /** The leader and term last reported by the cluster. */
    private Optional<String> leader = Optional.empty();
    private long term;
    private boolean connected = true;
    private boolean joined;
    private Leadership published;
    private final Quorum quorum;

    private AtomixLeaderElection(String name, String localId, AsyncLeaderElection<String> election, Duration timeout,
                                 Notifier notifier, Quorum quorum) {
        this.quorum = quorum;
        this.name = name;
        this.localId = localId;
        this.election = election;
        this.timeout = timeout;
        this.notifier = notifier;
        this.published = new Leadership(name, Optional.empty(), 0, false);
    }

    static AtomixLeaderElection open(Atomix atomix, String name, ProxyProtocol protocol, Duration timeout,
                                     Notifier notifier, Quorum quorum) throws CoordinatorException {
        LeaderElection<String> primitive = Await.read(atomix.<String>leaderElectionBuilder(PREFIX + name)
                .withProtocol(protocol).buildAsync(), timeout, "opening election '" + name + "'");
        String localId = atomix.getMembershipService().getLocalMember().id().id();
        AtomixLeaderElection e = new AtomixLeaderElection(name, localId, primitive.async(), timeout, notifier, quorum);
        Await.read(e.election.addListener(e::onEvent), timeout, "subscribing to election '" + name + "'");
        e.election.addStateChangeListener(e::onStateChange);
        e.update(Await.read(e.election.getLeadership(), timeout, "reading election '" + name + "'"));
        return e;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Leadership join() throws CoordinatorException {
        io.atomix.core.election.Leadership<String> l =
                Await.write(election.run(localId), timeout, "joining election '" + name + "'");
        synchronized (lock) {
            joined = true;
        }
        update(l);
        return leadership();
    }

    @Override
    public void leave() throws CoordinatorException {
        synchronized (lock) {
            joined = false;
        }
        recompute();
        Await.write(election.withdraw(localId), timeout, "leaving election '" + name + "'");
    }

    @Override
    public boolean isLeader() {
        return leadership().local();
    }

    @Override
    public Leadership leadership() {
        synchronized (lock) {
            return published;
        }
    }

    @Override
    public void addListener(LeadershipListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(LeadershipListener listener) {
        listeners.remove(listener);
    }

    private void onEvent(LeadershipEvent<String> event) {
        update(event.newLeadership());
    }

    private void onStateChange(PrimitiveState state) {
        boolean nowConnected = state == PrimitiveState.CONNECTED;
        synchronized (lock) {
            connected = nowConnected;
        }
        recompute();
        if (nowConnected) {
            // Leadership may have moved while we were away: ask again, off the Atomix thread.
            election.getLeadership().thenAccept(this::update);
        }
    }

    private void update(io.atomix.core.election.Leadership<String> l) {
        if (l == null) {
            return;
        }
        synchronized (lock) {
            long newTerm = l.leader() == null ? term : l.leader().term();
            if (newTerm < term) {
                return; // an older answer overtaken by a newer event
            }
            term = newTerm;
            leader = l.leader() == null ? Optional.empty() : Optional.of(l.leader().id());
        }
        recompute();
    }

    /** Publishes the leadership as seen now, if it changed (also called on membership changes). */
    void recompute() {
        Leadership next;
        synchronized (lock) {
            // Without contact to the quorum this member cannot know it still leads: it steps down locally.
            // SWIM notices a lost majority within about a second, much sooner than the Raft session does.
            boolean local = connected && joined && leader.map(localId::equals).orElse(false) && quorum.visible();
            next = new Leadership(name, leader, term, local);
            if (next.equals(published)) {
                return;
            }
            published = next;
        }
        Leadership change = next;
        if (!next.local() && joined && leader.map(localId::equals).orElse(false)) {
            LOG.warn("member '{}' steps down locally as leader of '{}': the coordinator quorum is out of reach",
                    localId, name);
        }
        notifier.submit("leadership of " + name, () -> {
            for (LeadershipListener l : listeners) {
                l.onLeadershipChange(change);
            }
        });
    }
}
