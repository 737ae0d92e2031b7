package io.synapsedb.spi;

import java.sql.SQLException;

/**
 * Opens sessions with a coordinator cluster. Found by {@link java.util.ServiceLoader}; the first
 * provider on the class path is used.
 */
public interface CoordinationProvider {

    /** A short name for messages and logs, for example {@code atomix}. */
    String name();

    /**
     * Joins the coordinator cluster described by {@code settings}, or shares a session this JVM
     * already has with it. Each call returns a session the caller must close; the provider may
     * keep the underlying member until its last session closes.
     *
     * @throws SQLException 08001 when the cluster cannot be joined in the start timeout, 55000 when
     *                      the JVM lacks something the provider needs (the message says what)
     */
    CoordinationSession open(CoordinatorSettings settings) throws SQLException;
}
