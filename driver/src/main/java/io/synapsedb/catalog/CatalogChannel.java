package io.synapsedb.catalog;

import java.sql.SQLException;

/**
 * How catalog changes of one application reach the others, and what serialises them.
 * <p>
 * Without a coordinator ({@link #LOCAL}) changes are serialised by an advisory lock on the home
 * group (taken by the change itself) and the other applications notice them by polling the home
 * group's catalog version. In cluster mode the coordinator's lock serialises them cluster-wide and
 * the coordinator pushes each new catalog to every driver with its epoch.
 * <p>
 * In both modes the nodes keep the durable copy: every change is written to the {@code synapse}
 * schema of every group in the same atomic commit as the DDL it goes with, so no crash can leave
 * a catalog that disagrees with the tables.
 */
public interface CatalogChannel {

    /** A held permission to change the catalog or run DDL; {@link #close()} gives it back. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for the permission to change the catalog or run DDL ({@code change} names it for
     * messages).
     *
     * @throws SQLException when it cannot be had, before anything is changed
     */
    Hold hold(String change) throws SQLException;

    /**
     * Called after a change committed on every group: tells the other applications. Never throws:
     * the change is durable on the nodes already, and an application that misses the news finds
     * the new catalog on the nodes (by polling or when a statement meets a moved slot).
     */
    void announce(Catalog catalog, long schemaVersion, String change);

    /**
     * {@code {catalogVersion, schemaVersion}} last announced through the channel by any
     * application, or {@code null} when it keeps none.
     */
    long[] announcedVersions();

    /** No coordinator: the advisory lock and polling do the work. */
    CatalogChannel LOCAL = new CatalogChannel() {
        private final Hold none = () -> { };

        @Override
        public Hold hold(String change) {
            return none;
        }

        @Override
        public void announce(Catalog catalog, long schemaVersion, String change) {
        }

        @Override
        public long[] announcedVersions() {
            return null;
        }
    };
}
