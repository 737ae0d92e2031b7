package io.synapsedb.coordinator;

/**
 * A held distributed lock. {@link #close()} releases it; closing twice is harmless.
 */
public interface LockHandle extends AutoCloseable {

    String name();

    /**
     * A number that grows with every grant of this lock (the Raft index of the grant). A resource that
     * remembers the highest token it has seen can refuse a stale holder that still thinks it holds the lock.
     */
    long fencingToken();

    /** Whether this handle has not been closed yet (says nothing about session expiry). */
    boolean isHeld();

    /**
     * Releases the lock. If the cluster cannot be reached the release is retried by Atomix, and the lock is
     * released anyway when this member's session expires. Never throws.
     */
    @Override
    void close();
}
