package io.synapsedb.catalog;

import io.synapsedb.txn.GroupOpener;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.SqlStates;
import io.synapsedb.placement.Placement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog snapshots of one runtime: loads them from the nodes (at start, on demand, when the
 * home group holds a newer version), takes those another application announced, and publishes each
 * as an immutable {@link Catalog}. A snapshot never goes back to an older version.
 */
final class CatalogSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogSnapshots.class);

    /** Replaced only when a group's nodes move (same names, same order). */
    private volatile List<GroupInfo> groups;
    private final int homeGroup;
    private final GroupOpener connections;
    /**
     * Held by every publish, and by a catalog change for its whole run ({@link SchemaChanges}), so
     * that a refresh cannot publish in the middle of a change.
     */
    private final Object changeLock = new Object();
    private volatile Catalog current;
    /** The schema version this runtime last saw (nodes or coordinator). */
    private volatile long schemaVersion;

    CatalogSnapshots(List<GroupInfo> groups, int homeGroup, GroupOpener connections) {
        this.groups = List.copyOf(groups);
        this.homeGroup = homeGroup;
        this.connections = connections;
        this.current = new Catalog(0, groups, homeGroup, Map.of(), Map.of());
    }

    /** The current snapshot; never null. */
    Catalog current() {
        return current;
    }

    List<GroupInfo> groups() {
        return groups;
    }

    int homeGroup() {
        return homeGroup;
    }

    GroupOpener connections() {
        return connections;
    }

    /** The monitor a catalog change holds for its whole run. */
    Object changeLock() {
        return changeLock;
    }

    /** The schema version this runtime last saw on the nodes or from the coordinator. */
    long schemaVersion() {
        return schemaVersion;
    }

    /** Remembers that {@code version} was seen; the schema version only grows. */
    void sawSchemaVersion(long version) {
        schemaVersion = Math.max(schemaVersion, version);
    }

    /**
     * Creates the {@code synapse} schema where missing, checks each node's group identity and loads
     * the newest catalog. A group that cannot be reached is skipped with a warning; its statements
     * fail when they reach it.
     *
     * @throws SQLException a node that belongs to another group; or, when no group answers, why
     */
    void bootstrap() throws SQLException {
        SQLException identityError = null;
        // A group that did not answer here is not asked again by the reload below: a silent node
        // costs the start one connection timeout, not two.
        Set<Integer> unreachable = new HashSet<>();
        SQLException firstFailure = null;
        for (int g = 0; g < groups.size(); g++) {
            try (Connection c = connections.open(g)) {
                CatalogStore.ensureSchema(c, groups.get(g).name(), groups.get(g).primary());
            } catch (SQLException e) {
                if (e instanceof WrongGroupException) {
                    identityError = e;
                } else {
                    unreachable.add(g);
                    firstFailure = firstFailure == null ? e : firstFailure;
                    LOG.warn("group {} ({}) unreachable at start: {}", groups.get(g).name(), groups.get(g).primary(),
                            e.getMessage());
                }
            }
        }
        if (identityError != null) {
            throw identityError;
        }
        reload(unreachable, firstFailure);
    }

    /** Reloads the catalog from the group with the highest catalog version. */
    void reload() throws SQLException {
        reload(Set.of(), null);
    }

    /**
     * @param skip groups not to ask
     * @param skipped why the skipped groups failed: the error when no group answers, since it
     *     names the node and the reason (a refused connection, a certificate, a password)
     */
    private void reload(Set<Integer> skip, SQLException skipped) throws SQLException {
        CatalogStore.Snapshot best = null;
        SQLException last = null;
        for (int g = 0; g < groups.size(); g++) {
            if (skip.contains(g)) {
                continue;
            }
            try (Connection c = connections.open(g)) {
                best = newer(best, CatalogStore.load(c));
                sawSchemaVersion(CatalogStore.readSchemaVersion(c));
            } catch (SQLException e) {
                last = e;
            }
        }
        if (best == null) {
            throw last != null ? last : skipped != null ? skipped
                    : new SQLException("no group to load the catalog from", SqlStates.UNABLE_TO_CONNECT);
        }
        publish(best.version(), best.tables(), best.placements());
    }

    /**
     * Loads the newest catalog of {@code conns} (one connection to every group, under the catalog
     * lock), so that a change starts from what the nodes hold.
     */
    void reloadFrom(Connection[] conns) throws SQLException {
        CatalogStore.Snapshot best = null;
        for (Connection c : conns) {
            best = newer(best, CatalogStore.load(c));
        }
        publish(best.version(), best.tables(), best.placements());
    }

    private static CatalogStore.Snapshot newer(CatalogStore.Snapshot best, CatalogStore.Snapshot s) {
        return best == null || s.version() > best.version() ? s : best;
    }

    /** Reloads when the home group holds a newer catalog version than the current snapshot. */
    boolean refreshIfChanged() throws SQLException {
        long stored;
        try (Connection c = connections.open(homeGroup)) {
            stored = CatalogStore.readVersion(c);
        }
        if (stored > current.version()) {
            reload();
            return true;
        }
        return false;
    }

    /**
     * Adopts a catalog another application announced through the coordinator, when it is newer
     * than the current one.
     *
     * @return whether the current catalog changed
     */
    boolean adopt(CatalogDocument doc) {
        long before = current.version();
        publish(doc.version(), doc.tables(), doc.placements());
        sawSchemaVersion(doc.schemaVersion());
        return current.version() != before;
    }

    /**
     * A topology change moved some groups' nodes (names and order unchanged): later snapshots
     * carry the new addresses.
     */
    void readdress(List<GroupInfo> moved) {
        synchronized (changeLock) {
            groups = List.copyOf(moved);
            Catalog c = current;
            current = new Catalog(c.version(), groups, homeGroup, c.tables(), c.placements());
        }
    }

    /** Publishes {@code version} with {@code table} declared, and {@code placement} when it is new. */
    void publishWith(long version, TableInfo table, Placement placement) {
        Map<String, TableInfo> tables = new HashMap<>(current.tables());
        tables.put(table.name(), table);
        Map<Integer, Placement> placements = new HashMap<>(current.placements());
        if (placement != null) {
            placements.putIfAbsent(table.slots(), placement);
        }
        publish(version, tables, placements);
    }

    /** Publishes {@code version} without the declarations of {@code names}. */
    void publishWithout(long version, Collection<String> names) {
        Map<String, TableInfo> tables = new HashMap<>(current.tables());
        names.forEach(tables::remove);
        publish(version, tables, current.placements());
    }

    /** Makes the given catalog current unless the current one is newer. */
    void publish(long version, Map<String, TableInfo> tables, Map<Integer, Placement> placements) {
        synchronized (changeLock) {
            if (current.version() <= version) {
                current = new Catalog(version, groups, homeGroup, tables, placements);
            }
        }
    }
}
