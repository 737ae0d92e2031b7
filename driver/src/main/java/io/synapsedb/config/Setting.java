package io.synapsedb.config;

/**
 * One textual setting and where it came from ("the URL", "connection properties",
 * "pool.size in /etc/synapse.yaml"), so that an error can point at the place to fix.
 */
record Setting(String value, String origin) {
}
