package io.synapsedb.config;

/**
 * Two-phase commit and the recovery of the transactions it leaves prepared. Immutable; an instance
 * is always valid. Every application of a cluster should use the same {@code minAgeMs}
 * (docs/transactions.md).
 *
 * @param intervalMs {@link SynapseProperty#RECOVERY_INTERVAL_MS recoveryIntervalMs}: milliseconds
 *     between runs of recovery; 0 for a run at start only (and on demand)
 * @param minAgeMs {@link SynapseProperty#RECOVERY_MIN_AGE_MS recoveryMinAgeMs}: a prepared
 *     transaction younger than this is never settled by recovery, and a committing client gives up
 *     when its prepare phase takes longer than half of it
 */
public record RecoveryConfig(long intervalMs, long minAgeMs) {

    /** @throws IllegalArgumentException naming the property and the value that is out of range */
    public RecoveryConfig {
        SynapseProperty.RECOVERY_INTERVAL_MS.require(intervalMs);
        SynapseProperty.RECOVERY_MIN_AGE_MS.require(minAgeMs);
    }
}
