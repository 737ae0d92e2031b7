package io.synapsedb.coordinator;

/** Told about membership changes, on one thread per coordinator, in order. */
@FunctionalInterface
public interface MembershipListener {

    void onMembershipEvent(MembershipEvent event);
}
