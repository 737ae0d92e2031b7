package io.synapsedb.config;

/**
 * The node pools: how many physical connections each node's HikariCP pool keeps, and how long a
 * statement waits for one. Immutable; an instance is always valid (the constructor checks every
 * value as the URL reader does).
 *
 * @param size {@link SynapseProperty#POOL_SIZE poolSize}: maximum physical connections per node
 *     (HikariCP {@code maximumPoolSize})
 * @param minIdle {@link SynapseProperty#POOL_MIN_IDLE poolMinIdle}: idle physical connections kept
 *     per node (HikariCP {@code minimumIdle}), at most {@code size}
 * @param connectionTimeoutMs {@link SynapseProperty#CONNECTION_TIMEOUT_MS connectionTimeoutMs}:
 *     milliseconds to wait for a pooled connection
 */
public record PoolConfig(int size, int minIdle, long connectionTimeoutMs) {

    /** @throws IllegalArgumentException naming the property and the value that is out of range */
    public PoolConfig {
        SynapseProperty.POOL_SIZE.require(size);
        SynapseProperty.POOL_MIN_IDLE.require(minIdle);
        if (minIdle > size) {
            throw new IllegalArgumentException(SynapseProperty.POOL_MIN_IDLE.propertyName() + " (" + minIdle
                    + ") must not exceed " + SynapseProperty.POOL_SIZE.propertyName() + " (" + size + ")");
        }
        SynapseProperty.CONNECTION_TIMEOUT_MS.require(connectionTimeoutMs);
    }
}
