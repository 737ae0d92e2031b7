/**
 * Driver cluster mode: the driver's side of a coordinator.
 * <p>
 * With {@code jdbc:synapse:coordinator=h1:5679,h2:5679/db} the driver loads a
 * {@link io.synapsedb.spi.CoordinationProvider} (the {@code synapsedb-coordinator} jar), takes the
 * groups and their nodes from the coordinator's topology document, follows its changes, and routes
 * catalog changes through it: DDL and table declarations hold the coordinator's lock, and every new
 * catalog is announced to all drivers with its epoch. The data path never waits on the
 * coordinator: statements run on the last catalog this member saw, with or without a quorum.
 */
package io.synapsedb.cluster;
