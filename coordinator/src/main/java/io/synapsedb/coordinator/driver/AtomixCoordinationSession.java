package io.synapsedb.coordinator.driver;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.synapsedb.coordinator.CatalogChange;
import io.synapsedb.coordinator.CatalogListener;
import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.LockHandle;
import io.synapsedb.coordinator.MemberInfo;
import io.synapsedb.coordinator.VersionedValue;
import io.synapsedb.spi.CoordinationEntry;
import io.synapsedb.spi.CoordinationLock;
import io.synapsedb.spi.CoordinationMember;
import io.synapsedb.spi.CoordinationSession;

/**
 * A driver session on a shared {@link Coordinator} member. It keeps its own watches and locks, so closing it
 * removes its listeners and releases its locks while other sessions go on using the member. Errors are the
 * coordinator's own {@code SQLException}s: 08006 (no quorum, nothing written), 08007 (outcome unknown),
 * 40001 (version conflict), 55P03 (lock held elsewhere).
 */
final class AtomixCoordinationSession implements CoordinationSession {

    /** Where each member was last seen, to show voters SWIM no longer lists. */
    private final java.util.Map<String, String> seenAddresses = new java.util.concurrent.ConcurrentHashMap<>();
    private final SharedMembers registry;
    private final SharedMembers.Member member;
    private final Coordinator coordinator;
    private final String members;
    private final List<CatalogListener> watches = new CopyOnWriteArrayList<>();
    private final Set<Lock> held = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    AtomixCoordinationSession(SharedMembers registry, SharedMembers.Member member, String members) {
        this.registry = registry;
        this.member = member;
        this.coordinator = member.coordinator();
        this.members = members;
    }

    @Override
    public String describe() {
        MemberInfo self = coordinator.membership().localMember();
        return "atomix coordinator " + members + ", member '" + self.id() + "' at " + self.host() + ":" + self.port()
                + (coordinator.config().isVoter() ? " (voting, embedded)" : " (not voting)");
    }

    @Override
    public Optional<CoordinationEntry> read(String key) throws SQLException {
        requireOpen();
        return coordinator.catalog().get(key).map(AtomixCoordinationSession::entry);
    }

    @Override
    public Optional<CoordinationEntry> lastKnown(String key) {
        return coordinator.catalog().lastKnown(key).map(AtomixCoordinationSession::entry);
    }

    @Override
    public CoordinationEntry compareAndSet(String key, long expectedVersion, String value) throws SQLException {
        requireOpen();
        Objects.requireNonNull(value, "value");
        return entry(coordinator.catalog().compareAndSet(key, expectedVersion, value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void watch(String key, Consumer<CoordinationEntry> listener) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(listener, "listener");
        if (closed.get()) {
            throw new IllegalStateException("coordinator session is closed: " + describe());
        }
        CatalogListener filtered = change -> {
            if (key.equals(change.key())) {
                listener.accept(entry(change));
            }
        };
        watches.add(filtered);
        coordinator.catalog().addListener(filtered);
    }

    @Override
    public CoordinationLock lock(String name, Duration timeout) throws SQLException {
        requireOpen();
        Lock lock = new Lock(coordinator.locks().tryLock(name, timeout));
        held.add(lock);
        if (closed.get()) { // closed while we waited: the session's locks must not outlive it
            lock.close();
            requireOpen();
        }
        return lock;
    }

    @Override
    public List<CoordinationMember> members() {
        Set<String> voters = Set.copyOf(coordinator.voters());
        Optional<String> leader = member.leaderElection().flatMap(e -> e.leadership().leader());
        List<CoordinationMember> out = new ArrayList<>();
        Set<String> listed = new java.util.HashSet<>();
        for (MemberInfo m : coordinator.membership().members()) {
            String address = m.host() + ":" + m.port();
            seenAddresses.put(m.id(), address);
            listed.add(m.id());
            out.add(new CoordinationMember(m.id(), address, voters.contains(m.id()), m.reachable(),
                    leader.map(m.id()::equals).orElse(false), m.local()));
        }
        // SWIM forgets a member some seconds after it died; a voter stays part of the quorum, so it is shown.
        for (String v : voters) {
            if (!listed.contains(v)) {
                out.add(new CoordinationMember(v, seenAddresses.getOrDefault(v, "unknown"), true, false, false, false));
            }
        }
        return out;
    }

    @Override
    public boolean hasQuorum() {
        return coordinator.hasQuorum();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (CatalogListener l : watches) {
            coordinator.catalog().removeListener(l);
        }
        watches.clear();
        for (Lock l : held) {
            l.close();
        }
        registry.release(member);
    }

    @Override
    public String toString() {
        return "AtomixCoordinationSession{" + members + ", member " + coordinator.localMemberId()
                + (closed.get() ? ", closed" : "") + "}";
    }

    private void requireOpen() throws SQLException {
        if (closed.get()) {
            throw new SQLNonTransientConnectionException("coordinator session is closed: atomix coordinator "
                    + members + ", member '" + coordinator.localMemberId() + "'", "08003");
        }
    }

    private static CoordinationEntry entry(VersionedValue v) {
        return new CoordinationEntry(v.key(), v.version(), v.valueAsString());
    }

    private static CoordinationEntry entry(CatalogChange c) {
        return c.removed() ? null : new CoordinationEntry(c.key(), c.version(), c.valueAsString().orElseThrow());
    }

    /** A held lock of this session; closing it (or the session) releases it. */
    private final class Lock implements CoordinationLock {
        private final LockHandle handle;

        Lock(LockHandle handle) {
            this.handle = handle;
        }

        @Override
        public long fencingToken() {
            return handle.fencingToken();
        }

        @Override
        public void close() {
            held.remove(this);
            handle.close();
        }

        @Override
        public String toString() {
            return "lock " + handle.name() + " (token " + handle.fencingToken() + ")";
        }
    }
}
