package io.synapsedb.coordinator;

/**
 * A member of the coordinator cluster as this member sees it.
 *
 * @param id        member id
 * @param host      host of its messaging endpoint
 * @param port      port of its messaging endpoint
 * @param reachable whether SWIM probes reach it
 * @param local     whether it is this member
 */
public record MemberInfo(String id, String host, int port, boolean reachable, boolean local) {
}
