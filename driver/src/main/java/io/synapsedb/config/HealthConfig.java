package io.synapsedb.config;

/**
 * The health checks that notice a node that stops answering. Immutable; an instance is always
 * valid.
 *
 * @param nodeTimeoutMs {@link SynapseProperty#NODE_TIMEOUT_MS nodeTimeoutMs}: milliseconds a node may
 *     leave health checks unanswered before calls to it fail; also the bound for connecting and
 *     logging in to it, and for each statement of two-phase commit and its recovery
 * @param intervalMs {@link SynapseProperty#HEALTH_CHECK_INTERVAL_MS healthCheckIntervalMs}:
 *     milliseconds between health checks of each node; 0 for none
 */
public record HealthConfig(long nodeTimeoutMs, long intervalMs) {

    /** @throws IllegalArgumentException naming the property and the value that is out of range */
    public HealthConfig {
        SynapseProperty.NODE_TIMEOUT_MS.require(nodeTimeoutMs);
        SynapseProperty.HEALTH_CHECK_INTERVAL_MS.require(intervalMs);
    }
}
