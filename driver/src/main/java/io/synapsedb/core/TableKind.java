package io.synapsedb.core;

/** How a declared table's rows are placed. Tables that are not declared live on the home group. */
public enum TableKind {
    /** Rows placed by hash(shard key) → slot → group. */
    DISTRIBUTED,
    /** A full copy in every group. */
    REFERENCE
}
