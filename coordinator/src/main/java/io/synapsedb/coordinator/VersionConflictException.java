package io.synapsedb.coordinator;

import java.util.Optional;

/**
 * A compare-and-set found another version than the expected one. Carries the current entry (empty when
 * the key is absent) so the caller can merge and retry. SQLState {@code 40001}: a retry on fresh data is
 * safe.
 */
public class VersionConflictException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    private final transient VersionedValue current;

    public VersionConflictException(String key, long expectedVersion, VersionedValue current) {
        super("catalog key '" + key + "' is at version " + (current == null ? "none (absent)" : current.version())
                + ", not the expected " + (expectedVersion == CatalogStore.ABSENT ? "none (absent)" : expectedVersion)
                + ": another member changed it; re-read and retry", "40001");
        this.current = current;
    }

    /** The entry found instead of the expected version; empty when the key is absent. */
    public Optional<VersionedValue> current() {
        return Optional.ofNullable(current);
    }
}
