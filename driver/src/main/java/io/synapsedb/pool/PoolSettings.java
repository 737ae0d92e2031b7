package io.synapsedb.pool;

import java.util.Properties;

/**
 * What every node pool of one cluster runtime shares.
 *
 * @param user database user
 * @param password database password, may be null; never logged
 * @param pgProperties pgJDBC properties passed through to physical connections
 * @param maxSize maximum connections per node
 * @param minIdle idle connections kept per node
 * @param connectionTimeoutMs how long to wait for a pooled connection
 * @param nodeTimeoutMs how long a node may leave health checks unanswered before it is treated as
 *     down; also bounds connecting and logging in to it
 * @param healthCheckIntervalMs how often each node is checked; 0 for never
 */
public record PoolSettings(String user, String password, Properties pgProperties, int maxSize, int minIdle,
        long connectionTimeoutMs, long nodeTimeoutMs, long healthCheckIntervalMs) {

    @Override
    public String toString() {
        return "PoolSettings[user=" + user + ", maxSize=" + maxSize + ", minIdle=" + minIdle
                + ", connectionTimeoutMs=" + connectionTimeoutMs + ", nodeTimeoutMs=" + nodeTimeoutMs
                + ", healthCheckIntervalMs=" + healthCheckIntervalMs + "]";
    }
}
