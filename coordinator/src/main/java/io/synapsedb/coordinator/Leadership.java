package io.synapsedb.coordinator;

import java.util.Optional;

/**
 * The state of one election as seen by this member.
 *
 * @param election the election name
 * @param leader   the leader's member id, empty while there is none
 * @param term     grows with every change of leader; use it as a fencing token for leader-only work
 * @param local    whether the leader is this member
 */
public record Leadership(String election, Optional<String> leader, long term, boolean local) {
}
