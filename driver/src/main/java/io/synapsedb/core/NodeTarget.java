package io.synapsedb.core;

/**
 * What one part of a statement's execution needs: a group, the one slot its rows lie in (or -1),
 * and what it needs of the node that runs it. The node selector turns a target into a connection.
 *
 * @param group group index
 * @param slot the slot every row of this part belongs to, or -1
 * @param role the node it needs
 * @param walPosition for {@link NodeRole#REPLICA_AT}, the WAL position (an LSN as a number) the
 *     node must have replayed; otherwise 0
 */
public record NodeTarget(int group, int slot, NodeRole role, long walPosition) {

    /** The primary of {@code group}, not bounded to a slot. */
    public static NodeTarget primary(int group) {
        return new NodeTarget(group, -1, NodeRole.PRIMARY, 0);
    }
}
