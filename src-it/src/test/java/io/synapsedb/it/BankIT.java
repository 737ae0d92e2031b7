package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import org.junit.jupiter.api.Test;

/**
 * The bank test ({@link BankScenario}): 30 accounts over three groups, 8 writers in two client
 * JVMs on the driver's defaults, and in turn a node killed and restarted at once, a node stopped
 * (SIGSTOP) for 8 s, a client killed with SIGKILL, a node killed and kept down for 3 s. Money is
 * neither created nor lost, every account agrees with the recorded transfers, every acknowledged
 * transfer is there, nothing is left prepared, and no stall (no transfer acknowledged) lasts longer
 * than 5 s beyond the time a node was actually down.
 */
@LocalPostgres(nodes = 3, settings = FaultSupport.SYNCHRONOUS_COMMIT)
class BankIT {

    private static LocalCluster cluster;

    @Test
    void transfersSurviveNodeStopsKillsAndClientKillsWithoutLongStalls() throws Exception {
        BankScenario.Result r = new BankScenario(cluster,
                new BankScenario.Settings(30, 4, 100, 6000, 3000, 42, "", BankScenario.Kind.STANDARD), FaultSupport.OPTIONS).run();
        System.out.println("bank: " + r.summary());
        assertThat(r.problems()).isEmpty();
        assertThat(r.acknowledged()).isGreaterThanOrEqualTo(300);
        assertThat(r.faults()).hasSize(BankScenario.Kind.STANDARD.size());
        assertThat(r.longestBeyondDown().beyondDownMs()).as(r.summary()).isLessThanOrEqualTo(5000);
    }
}
