package io.synapsedb.spi;

/** A held cluster-wide lock. Closing releases it; closing twice is harmless. */
public interface CoordinationLock extends AutoCloseable {

    /** Grows with every grant of the lock: a later holder has a higher token. */
    long fencingToken();

    @Override
    void close();
}
