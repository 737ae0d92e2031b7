package io.synapsedb.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Orders schema changes across applications and versions them: the DDL of the driver's statements
 * (a hold on the channel, a schema version recorded on every node, the declarations a drop
 * removes) and the catalog changes of {@link Declarations}, which {@link #run} carries out under
 * the same order.
 */
final class SchemaChanges {

    /**
     * A catalog change, given a connection to every group's primary and the schema version to
     * record on each of them.
     */
    @FunctionalInterface
    interface CatalogChange {
        String apply(Connection[] conns, long schemaVersion) throws SQLException;
    }

    private final CatalogSnapshots snapshots;
    private final CatalogChannel channel;
    private final long ddlLockTimeoutMs;

    SchemaChanges(CatalogSnapshots snapshots, CatalogChannel channel, long ddlLockTimeoutMs) {
        this.snapshots = snapshots;
        this.channel = channel;
        this.ddlLockTimeoutMs = ddlLockTimeoutMs;
    }

    /**
     * Waits for the permission to run DDL: the coordinator's cluster-wide lock in cluster mode
     * (the advisory lock on the home group, taken inside the DDL's transaction, orders it in both
     * modes).
     */
    CatalogChannel.Hold holdForDdl(String change) throws SQLException {
        return channel.hold(change);
    }

    /**
     * The schema version the next change gets: one more than the highest recorded on the given
     * connections ({@code null} entries are skipped). Call it while holding the DDL order (the
     * home group's advisory lock).
     */
    long nextSchemaVersion(Connection[] conns) throws SQLException {
        long max = snapshots.schemaVersion();
        for (Connection c : conns) {
            if (c != null) {
                max = Math.max(max, CatalogStore.readSchemaVersion(c));
            }
        }
        return max + 1;
    }

    /** Records {@code version} on one node, inside the transaction that applies the change there. */
    void recordSchemaChange(Connection c, long version, String change) throws SQLException {
        CatalogStore.recordSchemaChange(c, version, change);
    }

    /** After DDL committed on every group: remembers and announces the new schema version. */
    void ddlCommitted(long version, String change) {
        snapshots.sawSchemaVersion(version);
        channel.announce(snapshots.current(), version, change);
    }

    /**
     * The catalog version a drop of {@code tables} will publish, or -1 when none of them is
     * declared (the catalog does not change).
     */
    long versionAfterDrop(List<String> tables) {
        Catalog current = snapshots.current();
        for (String t : tables) {
            if (current.find(t) != null) {
                return current.version() + 1;
            }
        }
        return -1;
    }

    /**
     * Inside the transaction that drops tables on one group: removes their declarations there, so
     * the catalog changes together with the tables.
     */
    void deleteDeclarations(Connection c, List<String> tables, long version) throws SQLException {
        Catalog current = snapshots.current();
        for (String t : tables) {
            if (current.find(t) != null) {
                CatalogStore.deleteTable(c, t, version);
            }
        }
    }

    /** After a drop committed: publishes the catalog without the dropped declarations. */
    void afterDrop(long version, List<String> tables) {
        if (version >= 0) {
            snapshots.publishWithout(version, tables);
        }
    }

    /**
     * Runs a catalog change with a connection to every group, holding the channel's permission
     * and the advisory lock that serialise catalog changes of every application, on the newest
     * catalog; then announces the result.
     */
    String run(String what, CatalogChange change) throws SQLException {
        try (CatalogChannel.Hold hold = channel.hold(what)) {
            synchronized (snapshots.changeLock()) {
                Connection[] conns = openAll();
                try {
                    lockCatalog(conns[snapshots.homeGroup()], what);
                    snapshots.reloadFrom(conns);
                    long version = nextSchemaVersion(conns);
                    long catalogBefore = snapshots.current().version();
                    String answer = change.apply(conns, version);
                    if (snapshots.current().version() != catalogBefore) {
                        snapshots.sawSchemaVersion(version);
                        channel.announce(snapshots.current(), version, what);
                    }
                    return answer;
                } finally {
                    closeAll(conns);
                }
            }
        }
    }

    private Connection[] openAll() throws SQLException {
        Connection[] conns = new Connection[snapshots.groups().size()];
        try {
            for (int g = 0; g < conns.length; g++) {
                conns[g] = snapshots.connections().open(g);
            }
            return conns;
        } catch (SQLException e) {
            closeAll(conns);
            throw e;
        }
    }

    private static void closeAll(Connection[] conns) {
        for (Connection c : conns) {
            if (c != null) {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_unlock_all()");
                } catch (SQLException ignored) {
                    // a broken session holds no lock any more
                }
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // returning a broken connection to the pool: the pool evicts it
                }
            }
        }
    }

    /**
     * Session-level advisory lock on the home group that serialises catalog changes of every
     * application. {@link #closeAll} releases it before the connection returns to the pool.
     */
    private void lockCatalog(Connection home, String what) throws SQLException {
        DdlLock.forSession(home, ddlLockTimeoutMs, what, snapshots.groups().get(snapshots.homeGroup()));
    }
}
