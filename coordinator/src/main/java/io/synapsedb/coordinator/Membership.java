package io.synapsedb.coordinator;

import java.util.List;

/** The members of the coordinator cluster, as this member's SWIM view sees them (no quorum needed). */
public interface Membership {

    MemberInfo localMember();

    /** Every member currently known, the local one included, sorted by id. */
    List<MemberInfo> members();

    void addListener(MembershipListener listener);

    void removeListener(MembershipListener listener);
}
