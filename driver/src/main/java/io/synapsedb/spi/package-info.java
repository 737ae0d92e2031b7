/**
 * The service-provider interface through which the driver reaches a coordinator (driver cluster
 * mode) without depending on one.
 * <p>
 * The driver defines what it needs from a coordinator here: a versioned key/value store with
 * compare-and-set and change notifications, cluster-wide locks, and a view of the coordinator's
 * members. An implementation (the {@code synapsedb-coordinator} jar, backed by Atomix) registers a
 * {@link io.synapsedb.spi.CoordinationProvider} in
 * {@code META-INF/services/io.synapsedb.spi.CoordinationProvider}; the driver loads it with
 * {@link java.util.ServiceLoader} when a URL names a coordinator
 * ({@code jdbc:synapse:coordinator=h1:5679,h2:5679/db}). Keeping the dependency in this direction
 * lets the driver run without Atomix on the class path, and lets the coordinator use the driver.
 * <p>
 * The documents stored through the SPI are the driver's own: {@link io.synapsedb.spi.ClusterTopology}
 * under {@link io.synapsedb.spi.CoordinationSession#TOPOLOGY_KEY} (which a coordinator may publish
 * from its configuration) and the catalog, which only the driver reads and writes.
 */
package io.synapsedb.spi;
