package io.synapsedb.config;

/**
 * Each node's circuit breaker (Resilience4j): when it opens on connection failures, and how long it
 * stays open. Immutable; an instance is always valid.
 *
 * @param failureRateThreshold {@link SynapseProperty#BREAKER_FAILURE_RATE_THRESHOLD
 *     breakerFailureRateThreshold}: the failure percentage, in (0, 100], that opens the breaker
 * @param minimumCalls {@link SynapseProperty#BREAKER_MINIMUM_CALLS breakerMinimumCalls}: calls the
 *     breaker must see before it judges the node
 * @param openMs {@link SynapseProperty#BREAKER_OPEN_MS breakerOpenMs}: milliseconds an open breaker
 *     rejects calls before it lets a trial call through (half-open)
 */
public record BreakerConfig(float failureRateThreshold, int minimumCalls, long openMs) {

    /** @throws IllegalArgumentException naming the property and the value that is out of range */
    public BreakerConfig {
        SynapseProperty.BREAKER_FAILURE_RATE_THRESHOLD.requirePercent(failureRateThreshold);
        SynapseProperty.BREAKER_MINIMUM_CALLS.require(minimumCalls);
        SynapseProperty.BREAKER_OPEN_MS.require(openMs);
    }
}
