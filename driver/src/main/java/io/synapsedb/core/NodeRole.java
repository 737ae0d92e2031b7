package io.synapsedb.core;

/** What a statement needs of the node of its group that runs it. */
public enum NodeRole {
    /** The group's primary: every write, everything in a read-write transaction. */
    PRIMARY,
    /** Any healthy node of the group, a replica preferred (a read that may see a replica's snapshot). */
    ANY_REPLICA,
    /** A replica that has replayed at least a given WAL position (a causal read), else the primary. */
    REPLICA_AT
}
