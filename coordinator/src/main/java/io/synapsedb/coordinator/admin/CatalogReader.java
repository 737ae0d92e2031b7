package io.synapsedb.coordinator.admin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the driver's catalog from the {@code synapse} schema of the group primaries ({@code synapse.meta},
 * {@code synapse.tables}, {@code synapse.placements}) over pgJDBC. This is the catalog's source of truth
 * today: every catalog change writes all groups and bumps {@code synapse.meta.catalog_version}, and, as the
 * driver does, the reader trusts the node with the highest version. Reading the tables directly needs no
 * driver runtime (no pools, no schema creation on the nodes); the queries follow the layout the driver's
 * {@code io.synapsedb.catalog.CatalogStore} documents.
 */
public final class CatalogReader {

    private static final String META = "SELECT (SELECT value FROM synapse.meta WHERE key = 'catalog_version'),"
            + " (SELECT value FROM synapse.meta WHERE key = 'schema_version'),"
            + " (SELECT value FROM synapse.meta WHERE key = 'group_name')";

    private final PostgresGroups groups;

    public CatalogReader(PostgresGroups groups) {
        this.groups = groups;
    }

    /**
     * The versions each group's primary records.
     *
     * @param group the configured group name
     * @param recordedGroup the group name the node recorded (null without a synapse schema)
     * @param catalogVersion the catalog version, or -1 when unknown (node unreachable or no schema)
     * @param schemaVersion the version of the synapse schema's layout, or null
     * @param error why the node could not be read, or null
     */
    public record NodeVersions(String group, String address, String recordedGroup, long catalogVersion,
            String schemaVersion, String error) {
    }

    /** One declared table, as the catalog of the newest node has it. */
    public record TableEntry(String name, String kind, String shardKey, String keyType, int slots) {
    }

    /**
     * The catalog read from the node with the highest version: its tables, and for each slot count how
     * many slots every group owns.
     */
    public record CatalogView(String source, long catalogVersion, List<TableEntry> tables,
            Map<Integer, Map<String, Integer>> slotsByGroup) {
    }

    /** Reads {@code synapse.meta} on every group; never throws (a failure is the entry's error). */
    public List<NodeVersions> versions() {
        List<NodeVersions> out = new ArrayList<>();
        for (int i = 0; i < groups.groups().size(); i++) {
            PostgresGroups.Group g = groups.groups().get(i);
            try (Connection c = groups.open(i); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(META)) {
                rs.next();
                String version = rs.getString(1);
                out.add(new NodeVersions(g.name(), g.address(), rs.getString(3),
                        version == null ? -1 : Long.parseLong(version), rs.getString(2), null));
            } catch (SQLException e) {
                if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                    out.add(new NodeVersions(g.name(), g.address(), null, -1, null, null)); // no driver used it yet
                } else {
                    out.add(new NodeVersions(g.name(), g.address(), null, -1, null,
                            "[" + e.getSQLState() + "] " + e.getMessage()));
                }
            }
        }
        return out;
    }

    /**
     * The catalog of the group with the highest catalog version.
     *
     * @throws SQLException 08001 when no group could be read
     */
    public CatalogView catalog() throws SQLException {
        List<NodeVersions> versions = versions();
        int best = -1;
        for (int i = 0; i < versions.size(); i++) {
            NodeVersions v = versions.get(i);
            if (v.error() == null && (best < 0 || v.catalogVersion() > versions.get(best).catalogVersion())) {
                best = i;
            }
        }
        if (best < 0) {
            throw new SQLNonTransientConnectionException("no group could be read for the catalog: " + versions, "08001");
        }
        NodeVersions source = versions.get(best);
        if (source.catalogVersion() < 0) {
            return new CatalogView(source.group(), 0, List.of(), Map.of()); // no catalog written yet
        }
        List<TableEntry> tables = new ArrayList<>();
        Map<Integer, Map<String, Integer>> slots = new LinkedHashMap<>();
        try (Connection c = groups.open(best); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT name, kind, shard_key, key_type, slots FROM synapse.tables ORDER BY name")) {
                while (rs.next()) {
                    tables.add(new TableEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT slots, group_name, count(*)::int FROM synapse.placements"
                    + " GROUP BY slots, group_name ORDER BY slots, group_name")) {
                while (rs.next()) {
                    slots.computeIfAbsent(rs.getInt(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
        }
        return new CatalogView(source.group(), source.catalogVersion(), List.copyOf(tables), slots);
    }
}
