package io.synapsedb.coordinator;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One change of the catalog store, as delivered to {@link CatalogListener}s on every member.
 *
 * @param key     the key that changed
 * @param version the new version; for a removal, the version of the entry that was removed
 * @param value   the new value bytes; {@code null} for a removal
 */
public record CatalogChange(String key, long version, byte[] value) {

    /** Whether the key was removed. */
    public boolean removed() {
        return value == null;
    }

    /** The new value as UTF-8, empty for a removal. */
    public Optional<String> valueAsString() {
        return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "CatalogChange{key=" + key + ", version=" + version + (removed() ? ", removed" : ", bytes=" + value.length) + "}";
    }
}
