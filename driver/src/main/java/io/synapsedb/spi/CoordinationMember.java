package io.synapsedb.spi;

import java.util.Objects;

/**
 * One member of the coordinator cluster as this session sees it.
 *
 * @param id the member id
 * @param address host:port of its messaging endpoint
 * @param voter whether it votes in the coordinator's quorum (a driver that only uses the
 *              coordinator is a member that does not vote)
 * @param reachable whether failure detection currently sees it
 * @param leader whether it leads the cluster's jobs
 * @param local whether it is this JVM's member
 */
public record CoordinationMember(String id, String address, boolean voter, boolean reachable, boolean leader,
        boolean local) {

    public CoordinationMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
    }
}
