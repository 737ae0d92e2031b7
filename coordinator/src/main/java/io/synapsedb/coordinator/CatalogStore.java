package io.synapsedb.coordinator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A replicated, versioned key → bytes store (the catalog) with compare-and-set and change notifications.
 * <p>
 * Writes and {@link #get} are linearizable and go through the Raft quorum: without a quorum they fail
 * within the configured operation timeout ({@link CoordinatorTimeoutException}), never hang. The
 * {@code lastKnown} reads answer from this member's local copy, which follows every change, so the data
 * path keeps working on the last known catalog while the coordinator has no quorum.
 * <p>
 * Every write is idempotent: a write that timed out may still be applied later, and repeating it gives the
 * same state. In particular a {@link #compareAndSet} whose value is already the current value (the earlier,
 * timed-out attempt was applied) succeeds instead of reporting a conflict.
 */
public interface CatalogStore {

    /** The expected version of a key that must not exist yet. */
    long ABSENT = 0L;

    /** Linearizable read through the Raft leader. */
    Optional<VersionedValue> get(String key) throws CoordinatorException;

    /** The value this member last saw for {@code key}; answers without the quorum. */
    Optional<VersionedValue> lastKnown(String key);

    /** Every entry this member last saw, by key; answers without the quorum. */
    Map<String, VersionedValue> lastKnownAll();

    /** Writes {@code value} whatever the current version; returns the new entry. */
    VersionedValue put(String key, byte[] value) throws CoordinatorException;

    /** {@link #put(String, byte[])} of a UTF-8 string. */
    default VersionedValue put(String key, String value) throws CoordinatorException {
        return put(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code value} if the key is at {@code expectedVersion} ({@link #ABSENT}: if it does not exist).
     *
     * @return the new entry
     * @throws VersionConflictException when the key is at another version and holds another value
     */
    VersionedValue compareAndSet(String key, long expectedVersion, byte[] value) throws CoordinatorException;

    /** {@link #compareAndSet(String, long, byte[])} of a UTF-8 string. */
    default VersionedValue compareAndSet(String key, long expectedVersion, String value) throws CoordinatorException {
        return compareAndSet(key, expectedVersion, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes the key if it is at {@code expectedVersion}. Removing a key that is already absent succeeds
     * (a repeated removal is harmless).
     *
     * @throws VersionConflictException when the key exists at another version
     */
    void remove(String key, long expectedVersion) throws CoordinatorException;

    /** Registers a listener for every later change made by any member. */
    void addListener(CatalogListener listener);

    void removeListener(CatalogListener listener);
}
