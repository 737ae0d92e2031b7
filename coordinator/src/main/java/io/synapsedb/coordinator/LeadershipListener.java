package io.synapsedb.coordinator;

/** Told about every change of leader of an election, on one thread per coordinator, in order. */
@FunctionalInterface
public interface LeadershipListener {

    void onLeadershipChange(Leadership leadership);
}
