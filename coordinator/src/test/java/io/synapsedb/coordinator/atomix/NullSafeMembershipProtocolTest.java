package io.synapsedb.coordinator.atomix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.atomix.cluster.MemberId;
import io.atomix.cluster.protocol.GroupMembershipProtocol;
import io.atomix.cluster.protocol.SwimMembershipProtocol;

class NullSafeMembershipProtocolTest {

    @Test
    void anUnknownMemberIsNullNotAnException() {
        GroupMembershipProtocol swim = SwimMembershipProtocol.builder().build();
        // the Atomix defect the wrapper exists for: if this stops throwing, the wrapper can go
        assertThatThrownBy(() -> swim.getMember(MemberId.from("not-yet-probed")))
                .isInstanceOf(NullPointerException.class);

        NullSafeMembershipProtocol safe = new NullSafeMembershipProtocol(swim);
        assertThat(safe.getMember(MemberId.from("not-yet-probed"))).isNull();
        assertThat(safe.getMembers()).isEmpty();
        assertThat(safe.config()).isSameAs(swim.config());
    }

    /**
     * Atomix builds the cluster's protocol from the configuration of the one it is given
     * ({@code AtomixCluster.buildMembershipProtocol}: {@code config.getType().newProtocol(config)}), so
     * that configuration's type must build the wrapper: a wrapped protocol alone was silently replaced by
     * plain SWIM, and the NullPointerException came back in CI.
     */
    @Test
    void theProtocolAtomixBuildsFromTheConfigurationIsTheWrapper() {
        GroupMembershipProtocol given = NullSafeMembershipProtocol.swim(java.time.Duration.ofSeconds(7));
        assertThat(given).isInstanceOf(NullSafeMembershipProtocol.class);
        io.atomix.cluster.protocol.GroupMembershipProtocolConfig config =
                (io.atomix.cluster.protocol.GroupMembershipProtocolConfig) given.config();
        @SuppressWarnings("unchecked")
        GroupMembershipProtocol.Type<io.atomix.cluster.protocol.GroupMembershipProtocolConfig> type =
                (GroupMembershipProtocol.Type<io.atomix.cluster.protocol.GroupMembershipProtocolConfig>) config.getType();
        GroupMembershipProtocol built = type.newProtocol(config);
        assertThat(built).isInstanceOf(NullSafeMembershipProtocol.class);
        assertThat(built.getMember(MemberId.from("not-yet-probed"))).isNull();
        assertThat(((io.atomix.cluster.protocol.SwimMembershipProtocolConfig) built.config()).getFailureTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(7));
    }

    /** The same, read off a real (unstarted) Atomix instance: what it will run is the wrapper. */
    @Test
    void anAtomixBuiltWithItRunsTheWrapper() throws Exception {
        io.atomix.core.Atomix atomix = io.atomix.core.Atomix.builder()
                .withMemberId("probe")
                .withAddress(io.atomix.utils.net.Address.from("127.0.0.1", 1))
                .withMembershipProtocol(NullSafeMembershipProtocol.swim(java.time.Duration.ofSeconds(7)))
                .build();
        java.lang.reflect.Field f = io.atomix.cluster.AtomixCluster.class.getDeclaredField("membershipProtocol");
        f.setAccessible(true);
        assertThat(f.get(atomix)).isInstanceOf(NullSafeMembershipProtocol.class);
    }
}
