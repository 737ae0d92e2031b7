/**
 * The coordinator: an Atomix cluster (Raft for the catalog, SWIM for membership), embedded in an
 * application or run as a standalone jar. Not built yet: until it lands the driver runs on a static
 * topology taken from its URL or a YAML file.
 */
package io.synapsedb.coordinator;
