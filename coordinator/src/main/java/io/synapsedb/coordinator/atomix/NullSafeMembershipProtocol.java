package io.synapsedb.coordinator.atomix;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.atomix.cluster.BootstrapService;
import io.atomix.cluster.Member;
import io.atomix.cluster.MemberId;
import io.atomix.cluster.discovery.NodeDiscoveryService;
import io.atomix.cluster.protocol.GroupMembershipEventListener;
import io.atomix.cluster.protocol.GroupMembershipProtocol;
import io.atomix.cluster.protocol.GroupMembershipProtocolConfig;
import io.atomix.cluster.protocol.SwimMembershipProtocol;
import io.atomix.cluster.protocol.SwimMembershipProtocolConfig;
import java.time.Duration;

/**
 * SWIM membership whose {@link #getMember} answers {@code null} for a member it has not heard of yet.
 *
 * <p>Atomix 3.1.12's {@code SwimMembershipProtocol.getMember} dereferences its map entry without a null
 * check, although its contract (and every caller) expects {@code null} for an unknown id. While the members
 * start together, the partition-group bootstrap answer from one member can name a third member this one's
 * SWIM has not probed yet; the resulting {@code NullPointerException} fails {@code Atomix.start()} ("failed
 * to start: ... SwimMember.getState() because member is null", seen in CI on a busy machine). Everything
 * else is SWIM's own behaviour, delegated unchanged.
 *
 * <p>Atomix does not use a protocol object it is given: {@code AtomixClusterBuilder.withMembershipProtocol}
 * keeps only the protocol's configuration, and the cluster builds its protocol from that configuration's
 * type. So {@link #swim} returns a protocol whose configuration's type builds this wrapper again.
 */
final class NullSafeMembershipProtocol implements GroupMembershipProtocol {

    private static final SafeType TYPE = new SafeType();

    private final GroupMembershipProtocol swim;

    /** SWIM with {@code failureTimeout}, wrapped, for {@code AtomixBuilder.withMembershipProtocol}. */
    static GroupMembershipProtocol swim(Duration failureTimeout) {
        SafeConfig config = new SafeConfig();
        config.setFailureTimeout(failureTimeout);
        return TYPE.newProtocol(config);
    }

    /** SWIM's configuration, whose type builds the wrapped protocol. */
    static final class SafeConfig extends SwimMembershipProtocolConfig {
        @Override
        public GroupMembershipProtocol.Type getType() {
            return TYPE;
        }
    }

    /** SWIM's type, building SWIM wrapped in {@link NullSafeMembershipProtocol}. */
    static final class SafeType extends SwimMembershipProtocol.Type {
        @Override
        public GroupMembershipProtocol newProtocol(SwimMembershipProtocolConfig config) {
            return new NullSafeMembershipProtocol(super.newProtocol(config));
        }
    }

    NullSafeMembershipProtocol(GroupMembershipProtocol swim) {
        this.swim = swim;
    }

    @Override
    public Member getMember(MemberId memberId) {
        // SWIM's getMember is a map lookup followed by a state check; the only null it can dereference is
        // the missing entry. Catching that keeps the per-message lookup a map lookup (copying getMembers()
        // on every message would not be).
        try {
            return swim.getMember(memberId);
        } catch (NullPointerException unknownMember) {
            return null;
        }
    }

    @Override
    public Set<Member> getMembers() {
        return swim.getMembers();
    }

    @Override
    public CompletableFuture<Void> join(BootstrapService bootstrap, NodeDiscoveryService discovery, Member localMember) {
        return swim.join(bootstrap, discovery, localMember);
    }

    @Override
    public CompletableFuture<Void> leave(Member localMember) {
        return swim.leave(localMember);
    }

    @Override
    public GroupMembershipProtocolConfig config() {
        return swim.config();
    }

    @Override
    public void addListener(GroupMembershipEventListener listener) {
        swim.addListener(listener);
    }

    @Override
    public void removeListener(GroupMembershipEventListener listener) {
        swim.removeListener(listener);
    }
}
