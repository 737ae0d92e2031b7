package io.synapsedb.pool;

import io.synapsedb.config.HealthConfig;
import io.synapsedb.config.PoolConfig;
import java.util.Properties;

/**
 * What every node pool of one cluster runtime shares.
 *
 * @param user database user
 * @param password database password, may be null; never logged
 * @param pgProperties pgJDBC properties passed through to physical connections
 * @param pool size, idle connections and the wait for a connection of each node's pool
 * @param health the node timeout (which also bounds connecting and logging in to a node) and how
 *     often each node is checked
 */
public record PoolSettings(String user, String password, Properties pgProperties, PoolConfig pool,
        HealthConfig health) {

    @Override
    public String toString() {
        return "PoolSettings[user=" + user + ", pool=" + pool + ", health=" + health + "]";
    }
}
