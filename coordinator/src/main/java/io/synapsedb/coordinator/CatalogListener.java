package io.synapsedb.coordinator;

/**
 * Receives catalog changes, in the order of the Raft log, on one thread per store (never an Atomix
 * thread: a slow listener delays later notifications, not the coordinator).
 */
@FunctionalInterface
public interface CatalogListener {

    void onChange(CatalogChange change);
}
