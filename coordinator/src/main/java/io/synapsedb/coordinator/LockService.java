package io.synapsedb.coordinator;

import java.time.Duration;

/**
 * Cluster-wide named locks (a Raft state machine): at most one holder per name in the whole cluster.
 * A holder that dies releases its locks when its Raft session expires (the configured session timeout).
 */
public interface LockService {

    /**
     * Waits up to {@code timeout} for the lock {@code name}.
     * <p>
     * A grant that arrives after this call gave up is released at once, so a timed-out attempt never
     * leaves a lock held. Within one member, holders of the same name take turns (the lock is not
     * reentrant).
     *
     * @return the held lock; close it to release it
     * @throws LockTimeoutException          when another holder kept it for the whole wait
     * @throws CoordinatorTimeoutException   when the cluster did not answer in time (no quorum)
     */
    LockHandle tryLock(String name, Duration timeout) throws CoordinatorException;
}
