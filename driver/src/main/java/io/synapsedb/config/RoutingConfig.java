package io.synapsedb.config;

/**
 * How statements are planned and sent. Immutable; an instance is always valid.
 *
 * @param planCacheSize {@link SynapseProperty#PLAN_CACHE_SIZE planCacheSize}: plans cached by SQL
 *     text; 0 disables the cache
 * @param keyBlockSize {@link SynapseProperty#KEY_BLOCK_SIZE keyBlockSize}: serial shard-key values
 *     fetched per round trip when the driver must know the key before routing an INSERT
 * @param failOnFullFanout {@link SynapseProperty#FAIL_ON_FULL_FANOUT failOnFullFanout}: fail a
 *     statement that would have to run on every group
 * @param directPartitions {@link SynapseProperty#DIRECT_PARTITIONS directPartitions}: send a
 *     statement bounded to one slot to that slot's partitions instead of the partitioned parents
 */
public record RoutingConfig(int planCacheSize, int keyBlockSize, boolean failOnFullFanout,
        boolean directPartitions) {

    /** @throws IllegalArgumentException naming the property and the value that is out of range */
    public RoutingConfig {
        SynapseProperty.PLAN_CACHE_SIZE.require(planCacheSize);
        SynapseProperty.KEY_BLOCK_SIZE.require(keyBlockSize);
    }
}
