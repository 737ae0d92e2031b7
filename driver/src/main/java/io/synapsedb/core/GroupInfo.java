package io.synapsedb.core;

import java.util.List;
import java.util.Objects;

/**
 * A group: one primary node plus zero or more streaming replicas. Every write for the group goes
 * to its primary.
 *
 * @param name stable group name; placement hashes it, so renaming a group moves its slots
 * @param primary the node that takes writes
 * @param replicas streaming replicas of the primary, possibly empty
 */
public record GroupInfo(String name, NodeAddress primary, List<NodeAddress> replicas) {

    public GroupInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primary, "primary");
        replicas = List.copyOf(replicas);
    }

    public static GroupInfo of(String name, NodeAddress primary) {
        return new GroupInfo(name, primary, List.of());
    }
}
