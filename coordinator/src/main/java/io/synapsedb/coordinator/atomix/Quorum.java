package io.synapsedb.coordinator.atomix;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.atomix.cluster.ClusterMembershipService;
import io.atomix.cluster.Member;
import io.synapsedb.coordinator.CoordinatorUnavailableException;

/**
 * Whether this member's SWIM view reaches a majority of the voting members. Cheap and local: used to refuse
 * a write at once (it certainly is not applied) instead of waiting for its timeout, and to stop considering
 * this member a leader as soon as it is cut off.
 */
final class Quorum {

    private final ClusterMembershipService membership;
    private final List<String> voters;
    private final String localId;

    Quorum(ClusterMembershipService membership, List<String> voters, String localId) {
        this.membership = membership;
        this.voters = List.copyOf(voters);
        this.localId = localId;
    }

    List<String> voters() {
        return voters;
    }

    Set<String> reachableVoters() {
        Set<String> reachable = membership.getMembers().stream()
                .filter(m -> m.id().id().equals(localId) || m.isReachable())
                .map(Member::id).map(id -> id.id())
                .collect(Collectors.toSet());
        return voters.stream().filter(reachable::contains).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    boolean visible() {
        return reachableVoters().size() > voters.size() / 2;
    }

    /** @throws CoordinatorUnavailableException naming the reachable members when no majority is reachable */
    void check(String what) throws CoordinatorUnavailableException {
        Set<String> reachable = reachableVoters();
        if (reachable.size() <= voters.size() / 2) {
            throw new CoordinatorUnavailableException(what + " refused: no quorum of coordinator members is reachable"
                    + " (reachable voting members " + reachable + " of " + voters + ", " + (voters.size() / 2 + 1)
                    + " needed); nothing was written", null);
        }
    }
}
