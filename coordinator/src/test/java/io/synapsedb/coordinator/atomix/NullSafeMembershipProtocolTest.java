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
}
