package io.synapsedb.spi;

import java.util.Objects;

/**
 * A value stored in the coordinator with its version. Versions only grow: a later write of a key
 * has a higher version, so a version is the epoch of the document it carries.
 *
 * @param key the key
 * @param version the version of this value, greater than {@link CoordinationSession#ABSENT}
 * @param value the value, a UTF-8 document
 */
public record CoordinationEntry(String key, long version, String value) {

    public CoordinationEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
