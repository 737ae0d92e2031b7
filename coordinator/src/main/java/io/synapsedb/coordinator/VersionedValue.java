package io.synapsedb.coordinator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A catalog entry: key, value bytes and version. Versions are positive, grow with every write of the
 * whole store (they are Raft log indexes), and a key's version changes on every write of that key.
 */
public final class VersionedValue {

    private final String key;
    private final byte[] value;
    private final long version;

    public VersionedValue(String key, byte[] value, long version) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = value.clone();
        this.version = version;
    }

    public String key() {
        return key;
    }

    /** A copy of the value bytes. */
    public byte[] value() {
        return value.clone();
    }

    /** The value decoded as UTF-8. */
    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    public long version() {
        return version;
    }

    /** Whether the value bytes equal {@code other}. */
    public boolean hasValue(byte[] other) {
        return Arrays.equals(value, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionedValue v && v.key.equals(key) && v.version == version && Arrays.equals(v.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, version) * 31 + Arrays.hashCode(value);
    }

    /** Key, version and size: values may hold anything and are never printed. */
    @Override
    public String toString() {
        return "VersionedValue{key=" + key + ", version=" + version + ", bytes=" + value.length + "}";
    }
}
