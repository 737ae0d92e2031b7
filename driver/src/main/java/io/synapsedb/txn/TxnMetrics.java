package io.synapsedb.txn;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of two-phase commit and its recovery, resolved once:
 * <ul>
 *   <li>{@code synapse.txn.two_phase{outcome=committed|rolled_back|unknown}}: two-phase commits this
 *       runtime ran, by outcome;</li>
 *   <li>{@code synapse.txn.recovered{outcome=committed|rolled_back}}: prepared transactions that
 *       recovery settled;</li>
 *   <li>{@code synapse.txn.in_doubt}: prepared transactions recovery found older than
 *       {@code recoveryMinAgeMs} (each sighting counts).</li>
 * </ul>
 */
public final class TxnMetrics {

    final Counter committed;
    final Counter rolledBack;
    final Counter unknown;
    final Counter recoveredCommit;
    final Counter recoveredRollback;
    final Counter inDoubt;

    public TxnMetrics(MeterRegistry registry) {
        committed = twoPhase(registry, "committed");
        rolledBack = twoPhase(registry, "rolled_back");
        unknown = twoPhase(registry, "unknown");
        recoveredCommit = recovered(registry, "committed");
        recoveredRollback = recovered(registry, "rolled_back");
        inDoubt = Counter.builder("synapse.txn.in_doubt")
                .description("Prepared transactions found by recovery older than the minimum age")
                .register(registry);
    }

    private static Counter twoPhase(MeterRegistry registry, String outcome) {
        return Counter.builder("synapse.txn.two_phase").description("Two-phase commits, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private static Counter recovered(MeterRegistry registry, String outcome) {
        return Counter.builder("synapse.txn.recovered")
                .description("Orphaned prepared transactions settled by recovery, by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
