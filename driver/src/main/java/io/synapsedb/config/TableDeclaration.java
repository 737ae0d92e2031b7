package io.synapsedb.config;

import io.synapsedb.core.TableKind;
import java.util.Objects;

/**
 * A table declared in the config file: distributed by a shard key, or a reference table copied
 * to every group. Tables that are not declared live on the home group.
 *
 * @param name the table name as written (the catalog normalises it as it normalises SQL names)
 * @param kind distributed or reference
 * @param shardKey the shard-key column of a distributed table; {@code null} for a reference table
 * @param slots hash slots S of a distributed table, 1..4096, or 0 for
 *     {@link CatalogConfig#defaultSlots()}; always 0 for a reference table
 */
public record TableDeclaration(String name, TableKind kind, String shardKey, int slots) {

    /** The largest slot count a table may declare (also the bound of {@code defaultSlots}). */
    public static final int MAX_SLOTS = 4096;

    public TableDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) {
            throw new IllegalArgumentException("table name is empty");
        }
        if (kind == TableKind.DISTRIBUTED) {
            if (shardKey == null || shardKey.isBlank()) {
                throw new IllegalArgumentException("distributed table " + name + " needs a shardKey");
            }
            if (slots < 0 || slots > MAX_SLOTS) {
                throw new IllegalArgumentException("table " + name + ": slots must be from 1 to "
                        + MAX_SLOTS + " (or 0 for the default), not " + slots);
            }
        } else {
            if (shardKey != null) {
                throw new IllegalArgumentException("reference table " + name
                        + " cannot have a shardKey");
            }
            if (slots != 0) {
                throw new IllegalArgumentException("reference table " + name + " cannot have slots");
            }
        }
    }

    /** A distributed table with the default slot count. */
    public static TableDeclaration distributed(String name, String shardKey) {
        return new TableDeclaration(name, TableKind.DISTRIBUTED, shardKey, 0);
    }

    /** A reference table. */
    public static TableDeclaration reference(String name) {
        return new TableDeclaration(name, TableKind.REFERENCE, null, 0);
    }

    /** The slot count this table uses: its own, or {@code defaultSlots} when it declared none. */
    public int effectiveSlots(int defaultSlots) {
        return kind == TableKind.DISTRIBUTED && slots == 0 ? defaultSlots : slots;
    }
}
