/**
 * The coordinator: a narrow coordination interface ({@link io.synapsedb.coordinator.Coordinator}: a
 * versioned catalog store with compare-and-set and notifications, distributed locks, leader elections,
 * membership) over an Atomix cluster (Raft for state, SWIM for membership), embedded in an application or
 * run as the standalone {@code synapse-coordinator.jar}. Atomix stays behind this interface
 * ({@code io.synapsedb.coordinator.atomix}); see {@code coordinator/README.md}.
 */
package io.synapsedb.coordinator;
