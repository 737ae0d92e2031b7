package io.synapsedb.coordinator.atomix;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atomix.core.Atomix;
import io.atomix.core.map.AsyncAtomicMap;
import io.atomix.core.map.AtomicMap;
import io.atomix.core.map.AtomicMapEvent;
import io.atomix.primitive.PrimitiveState;
import io.atomix.primitive.protocol.ProxyProtocol;
import io.atomix.utils.time.Versioned;
import io.synapsedb.coordinator.CatalogChange;
import io.synapsedb.coordinator.CatalogListener;
import io.synapsedb.coordinator.CatalogStore;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.VersionConflictException;
import io.synapsedb.coordinator.VersionedValue;

/**
 * {@link CatalogStore} on an Atomix {@code AtomicMap<String, byte[]>} (a Raft state machine; its versions
 * are Raft indexes). Only {@code String} keys and {@code byte[]} values cross into Atomix: its Kryo
 * serialiser cannot handle records or most application types.
 * <p>
 * The local view is fed by the map's events (delivered in log order by the Raft session) and re-read
 * whenever the session reconnects, since events published while it was away are lost.
 */
final class AtomixCatalogStore implements CatalogStore {

    static final String MAP_NAME = "synapse-catalog";

    private static final Logger LOG = LoggerFactory.getLogger(AtomixCatalogStore.class);

    private final AsyncAtomicMap<String, byte[]> map;
    private final Duration timeout;
    private final Notifier notifier;
    private final Map<String, VersionedValue> view = new ConcurrentHashMap<>();
    /** Version of the last removal seen per key, so a stale read cannot resurrect a removed key. */
    private final Map<String, Long> removedAt = new ConcurrentHashMap<>();
    private final List<CatalogListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean disconnected = new AtomicBoolean();
    private final Calls calls;
    private final Quorum quorum;

    private AtomixCatalogStore(AsyncAtomicMap<String, byte[]> map, Duration timeout, Notifier notifier, Calls calls,
                               Quorum quorum) {
        this.map = map;
        this.timeout = timeout;
        this.notifier = notifier;
        this.calls = calls;
        this.quorum = quorum;
    }

    /**
     * @param openTimeout      the bound on opening (what is left of the start timeout)
     * @param operationTimeout the bound on every later read and write
     */
    static AtomixCatalogStore open(Atomix atomix, ProxyProtocol protocol, Duration openTimeout,
                                   Duration operationTimeout, Notifier notifier, Calls calls, Quorum quorum)
            throws CoordinatorException {
        AtomicMap<String, byte[]> primitive = Await.read(atomix.<String, byte[]>atomicMapBuilder(MAP_NAME)
                .withProtocol(protocol).buildAsync(), openTimeout, "opening the catalog store");
        AtomixCatalogStore store = new AtomixCatalogStore(primitive.async(), operationTimeout, notifier, calls, quorum);
        // The listener first, then the load: nothing written in between can be missed.
        Await.read(store.map.addListener(store::onEvent, Runnable::run), openTimeout, "subscribing to catalog changes");
        store.map.addStateChangeListener(store::onStateChange);
        store.reload();
        return store;
    }

    @Override
    public Optional<VersionedValue> get(String key) throws CoordinatorException {
        Objects.requireNonNull(key, "key");
        Versioned<byte[]> v = Await.read(calls.issue(() -> map.get(key)), timeout, "reading catalog key '" + key + "'");
        return Optional.ofNullable(toValue(key, v));
    }

    @Override
    public Optional<VersionedValue> lastKnown(String key) {
        return Optional.ofNullable(view.get(key));
    }

    @Override
    public Map<String, VersionedValue> lastKnownAll() {
        return Map.copyOf(view);
    }

    @Override
    public VersionedValue put(String key, byte[] value) throws CoordinatorException {
        checkArgs(key, value);
        String what = "writing catalog key '" + key + "'";
        quorum.check(what);
        byte[] copy = value.clone();
        Versioned<byte[]> v = Await.write(calls.issue(() -> map.putAndGet(key, copy)), timeout, what);
        VersionedValue result = toValue(key, v);
        applyLocal(result);
        return result;
    }

    @Override
    public VersionedValue compareAndSet(String key, long expectedVersion, byte[] value) throws CoordinatorException {
        checkArgs(key, value);
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expected version of catalog key '" + key + "' must be >= 0, got "
                    + expectedVersion);
        }
        byte[] copy = value.clone();
        String what = "compare-and-set of catalog key '" + key + "' at version " + expectedVersion;
        quorum.check(what);
        boolean applied;
        if (expectedVersion == ABSENT) {
            applied = Await.write(calls.issue(() -> map.putIfAbsent(key, copy)), timeout, what) == null;
        } else {
            applied = Await.write(calls.issue(() -> map.replace(key, expectedVersion, copy)), timeout, what);
        }
        // The write's own version is not returned by Atomix; a linearizable read after it sees it (or a later one).
        Optional<VersionedValue> current = get(key);
        if (current.isPresent() && current.get().hasValue(copy) && current.get().version() > expectedVersion) {
            // Applied now, or by an earlier attempt that timed out: either way the key holds our value.
            applyLocal(current.get());
            return current.get();
        }
        if (applied) {
            // Applied, then overwritten by another member before our read: report the state we saw.
            LOG.debug("catalog key '{}' was changed again right after our compare-and-set", key);
            return current.orElseThrow(() -> new VersionConflictException(key, expectedVersion, null));
        }
        throw new VersionConflictException(key, expectedVersion, current.orElse(null));
    }

    @Override
    public void remove(String key, long expectedVersion) throws CoordinatorException {
        Objects.requireNonNull(key, "key");
        String what = "removal of catalog key '" + key + "' at version " + expectedVersion;
        quorum.check(what);
        boolean removed = Await.write(calls.issue(() -> map.remove(key, expectedVersion)), timeout, what);
        if (removed) {
            return;
        }
        Optional<VersionedValue> current = get(key);
        if (current.isPresent()) {
            throw new VersionConflictException(key, expectedVersion, current.get());
        }
        // Already absent: an earlier attempt (or another member) removed it.
    }

    @Override
    public void addListener(CatalogListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(CatalogListener listener) {
        listeners.remove(listener);
    }

    private static void checkArgs(String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value of catalog key '" + key + "'");
    }

    private static VersionedValue toValue(String key, Versioned<byte[]> v) {
        return v == null ? null : new VersionedValue(key, v.value(), v.version());
    }

    /** Called on the Raft session's thread, in log order: cheap, then hands over to the notifier. */
    private void onEvent(AtomicMapEvent<String, byte[]> event) {
        String key = event.key();
        if (event.type() == AtomicMapEvent.Type.REMOVE) {
            long version = event.oldValue() == null ? 0 : event.oldValue().version();
            if (removeLocal(key, version)) {
                publish(new CatalogChange(key, version, null));
            }
        } else if (event.newValue() != null) {
            VersionedValue v = toValue(key, event.newValue());
            if (applyLocal(v)) {
                publish(new CatalogChange(key, v.version(), v.value()));
            }
        }
    }

    /** Takes {@code v} into the view unless the view already holds that version or a newer one. */
    private boolean applyLocal(VersionedValue v) {
        Long removed = removedAt.get(v.key());
        if (removed != null && removed >= v.version()) {
            return false;
        }
        boolean[] changed = {false};
        view.compute(v.key(), (k, old) -> {
            if (old == null || old.version() < v.version()) {
                changed[0] = true;
                return v;
            }
            return old;
        });
        return changed[0];
    }

    private boolean removeLocal(String key, long version) {
        removedAt.merge(key, version, Math::max);
        boolean[] changed = {false};
        view.computeIfPresent(key, (k, old) -> {
            if (old.version() <= version) {
                changed[0] = true;
                return null;
            }
            return old;
        });
        return changed[0];
    }

    private void publish(CatalogChange change) {
        if (listeners.isEmpty()) {
            return;
        }
        notifier.submit(change.toString(), () -> {
            for (CatalogListener l : listeners) {
                l.onChange(change);
            }
        });
    }

    private void onStateChange(PrimitiveState state) {
        if (state != PrimitiveState.CONNECTED) {
            disconnected.set(true);
        } else if (disconnected.compareAndSet(true, false)) {
            // Events of the time away are lost: read everything again, off the Atomix thread.
            notifier.submit("catalog reload", () -> {
                try {
                    reload();
                } catch (CoordinatorException e) {
                    LOG.warn("could not re-read the catalog after reconnecting; the local view may be stale until"
                            + " the next change: {}", e.getMessage());
                }
            });
        }
    }

    /** Reads every entry and brings the view up to date, publishing the differences. */
    private void reload() throws CoordinatorException {
        Map<String, Versioned<byte[]>> all = new HashMap<>();
        try {
            // The blocking view bounds each round trip of the distributed iterator by the timeout.
            for (Map.Entry<String, Versioned<byte[]>> e : map.sync(timeout).entrySet()) {
                all.put(e.getKey(), e.getValue());
            }
        } catch (RuntimeException e) {
            throw new CoordinatorException("reading the whole catalog failed: " + e, "08006", e);
        }
        long newestRead = 0;
        for (Map.Entry<String, Versioned<byte[]>> e : all.entrySet()) {
            VersionedValue v = toValue(e.getKey(), e.getValue());
            newestRead = Math.max(newestRead, v.version());
            if (applyLocal(v)) {
                publish(new CatalogChange(v.key(), v.version(), v.value()));
            }
        }
        for (VersionedValue old : view.values()) {
            // A key newer than anything read was written while reading (its event is in the view): keep it.
            if (!all.containsKey(old.key()) && old.version() <= newestRead && removeLocal(old.key(), old.version())) {
                publish(new CatalogChange(old.key(), old.version(), null));
            }
        }
    }
}
