package io.synapsedb.coordinator;

/**
 * A change of the cluster's membership (SWIM).
 *
 * @param type   what happened
 * @param member the member, as it is after the change
 */
public record MembershipEvent(Type type, MemberInfo member) {

    /** Kinds of membership change. */
    public enum Type {
        /** A member joined (or came back after being removed). */
        ADDED,
        /** SWIM probes stopped reaching the member; it is removed after the failure timeout unless it recovers. */
        UNREACHABLE,
        /** An unreachable member answers again. */
        REACHABLE,
        /** The member left or stayed unreachable for the failure timeout. */
        REMOVED
    }
}
