package io.synapsedb.txn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobalTransactionIdTest {

    @Test
    void carriesTheCoordinatorGroupAndBackend() {
        GlobalTransactionId gid = GlobalTransactionId.create("g:1", 4711);
        assertThat(gid.gid()).matches("synapse:g:1:[0-9a-f]{32}\\.4711");
        assertThat(GlobalTransactionId.parse(gid.gid())).isEqualTo(gid);
        assertThat(gid.coordinatorGroup()).isEqualTo("g:1");
        assertThat(gid.coordinatorPid()).isEqualTo(4711);
    }

    @Test
    void idsWithoutABackendAreStillRead() {
        GlobalTransactionId old = GlobalTransactionId.parse("synapse:g2:" + "ab".repeat(16));
        assertThat(old.coordinatorGroup()).isEqualTo("g2");
        assertThat(old.coordinatorPid()).isZero();
        assertThat(GlobalTransactionId.create("g2", 0).gid()).doesNotContain(".");
        assertThat(GlobalTransactionId.parse("synapse:g2:abc.notapid").coordinatorPid()).isZero();
    }

    @Test
    void otherGidsAreNotOurs() {
        assertThat(GlobalTransactionId.parse("other:g1:ab")).isNull();
        assertThat(GlobalTransactionId.parse("synapse:nogroup")).isNull();
        assertThat(GlobalTransactionId.parse(null)).isNull();
    }

    @Test
    void fitsPostgresGidLimit() {
        assertThat(GlobalTransactionId.create("g".repeat(63), Integer.MAX_VALUE).gid().length()).isLessThan(200);
    }
}
