package io.synapsedb.catalog;

import io.synapsedb.core.KeyType;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.SqlStates;
import io.synapsedb.core.TableKind;
import io.synapsedb.placement.Placement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the catalog in the {@code synapse} schema that every group's primary holds, so
 * that a restarted application finds the same layout. Every change writes all groups and bumps
 * {@code synapse.meta.catalog_version}; a reader trusts the highest version it finds.
 *
 * <pre>
 * synapse.meta(key, value)            -- group_name (this node's group), catalog_version
 * synapse.tables(name, kind, shard_key, key_type, slots, key_ordinal, key_sequence, key_identity_always)
 * synapse.placements(slots, slot, group_name, epoch)
 * synapse.transactions(gid, participants, outcome, created)  -- two-phase commit decisions (io.synapsedb.txn)
 * synapse.schema_history(version, change, applied_at)        -- one row per DDL or declaration, same on every node
 * </pre>
 * {@code synapse.meta} also holds {@code ddl_version}: the schema version, bumped by every DDL statement and
 * table declaration in the same transaction that applies it on the node, so that all nodes show the
 * same version exactly when they have the same schema.
 */
final class CatalogStore {

    /** Advisory lock key that serialises catalog changes (and schema creation) across applications. */
    static final long CATALOG_LOCK = 0x53594E4150534531L; // "SYNAPSE1"

    private static final String[] SCHEMA = {
        "CREATE SCHEMA IF NOT EXISTS synapse",
        "CREATE TABLE IF NOT EXISTS synapse.meta (key text PRIMARY KEY, value text NOT NULL)",
        "CREATE TABLE IF NOT EXISTS synapse.tables (name text PRIMARY KEY, kind text NOT NULL,"
            + " shard_key text, key_type text, slots int NOT NULL DEFAULT 0, key_ordinal int NOT NULL DEFAULT -1,"
            + " key_sequence text, key_identity_always boolean NOT NULL DEFAULT false,"
            + " declared_at timestamptz NOT NULL DEFAULT now())",
        "CREATE TABLE IF NOT EXISTS synapse.placements (slots int NOT NULL, slot int NOT NULL,"
            + " group_name text NOT NULL, epoch bigint NOT NULL, PRIMARY KEY (slots, slot))",
        io.synapsedb.txn.DecisionLog.SCHEMA,
        "CREATE TABLE IF NOT EXISTS synapse.schema_history (version bigint PRIMARY KEY, change text NOT NULL,"
            + " applied_at timestamptz NOT NULL DEFAULT now())",
    };

    private CatalogStore() {
    }

    /**
     * Creates the schema if missing and checks that the node belongs to {@code groupName}: a node
     * first seen records its group; a node that recorded another group is refused, because routing
     * to it would read and write the wrong rows.
     */
    /** Bumped whenever {@link #SCHEMA} changes, so that nodes with an older schema get the new DDL. */
    static final String SCHEMA_VERSION = "3";

    static void ensureSchema(Connection c, String groupName, NodeAddress node) throws SQLException {
        // Fast path for every start but the first: one query, no DDL, no lock.
        String[] identity = readIdentity(c);
        if (identity != null && SCHEMA_VERSION.equals(identity[1])) {
            checkGroup(identity[0], groupName, node);
            return;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + CATALOG_LOCK + ")");
            for (String ddl : SCHEMA) {
                st.execute(ddl);
            }
            String recorded = null;
            try (ResultSet rs = st.executeQuery("SELECT value FROM synapse.meta WHERE key = 'group_name'")) {
                if (rs.next()) {
                    recorded = rs.getString(1);
                }
            }
            if (recorded == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO synapse.meta(key, value) VALUES ('group_name', ?), ('catalog_version', '0')"
                                + " ON CONFLICT (key) DO NOTHING")) {
                    ps.setString(1, groupName);
                    ps.executeUpdate();
                }
            } else {
                checkGroup(recorded, groupName, node);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO synapse.meta(key, value) VALUES"
                    + " ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")) {
                ps.setString(1, SCHEMA_VERSION);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** {group_name, schema_version} recorded on the node, or null when the schema is missing. */
    private static String[] readIdentity(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT value FROM synapse.meta WHERE key = 'group_name'),"
                        + " (SELECT value FROM synapse.meta WHERE key = 'schema_version')")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        } catch (SQLException e) {
            if (isMissingSchema(e)) {
                return null; // no synapse schema yet
            }
            throw e;
        }
    }

    /** A node without the {@code synapse} schema, or made by an older driver without this table. */
    private static boolean isMissingSchema(SQLException e) {
        return SqlStates.UNDEFINED_TABLE.equals(e.getSQLState()) || SqlStates.INVALID_SCHEMA_NAME.equals(e.getSQLState());
    }

    /**
     * What the node records about its own schema; zeros and nulls for what a node made by an older
     * driver (or none) lacks.
     */
    static SchemaRecord readSchemaRecord(Connection c) throws SQLException {
        long schema = 0;
        long catalog = 0;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT key, value FROM synapse.meta"
                    + " WHERE key IN ('ddl_version', 'catalog_version')")) {
                while (rs.next()) {
                    long v = parseNumber(rs.getString(1), rs.getString(2));
                    if ("ddl_version".equals(rs.getString(1))) {
                        schema = v;
                    } else {
                        catalog = v;
                    }
                }
            } catch (SQLException e) {
                if (!isMissingSchema(e)) {
                    throw e;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT change, applied_at::text FROM synapse.schema_history"
                    + " ORDER BY version DESC LIMIT 1")) {
                if (rs.next()) {
                    return new SchemaRecord(schema, catalog, rs.getString(1), rs.getString(2));
                }
            } catch (SQLException e) {
                if (!isMissingSchema(e)) {
                    throw e;
                }
            }
        }
        return new SchemaRecord(schema, catalog, null, null);
    }

    private static long parseNumber(String key, String value) throws SQLException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new SQLException("synapse.meta " + key + " is not a number: " + value, SqlStates.INVALID_TEXT_REPRESENTATION, e);
        }
    }

    private static void checkGroup(String recorded, String groupName, NodeAddress node) throws SQLException {
        if (recorded != null && !recorded.equals(groupName)) {
            throw new WrongGroupException("node " + node + " belongs to group " + recorded
                    + " but the configuration names it group " + groupName
                    + "; group names follow the order of hosts in the URL");
        }
    }

    /** The schema version recorded on the node: 0 before its first DDL through the driver. */
    static long readSchemaVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT value FROM synapse.meta WHERE key = 'ddl_version'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0L;
        }
    }

    /**
     * Records schema version {@code version} and what changed, inside the caller's transaction that
     * applies the change on this node.
     *
     * @param change a summary such as {@code CREATE TABLE orders}, never the statement's text
     *               (which may hold literals or passwords)
     */
    static void recordSchemaChange(Connection c, long version, String change) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO synapse.meta(key, value) VALUES"
                + " ('ddl_version', ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")) {
            ps.setString(1, Long.toString(version));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO synapse.schema_history(version, change)"
                + " VALUES (?, ?) ON CONFLICT (version) DO UPDATE SET change = EXCLUDED.change,"
                + " applied_at = now()")) {
            ps.setLong(1, version);
            ps.setString(2, change);
            ps.executeUpdate();
        }
    }

    static long readVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT value FROM synapse.meta WHERE key = 'catalog_version'")) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0L;
        }
    }

    /** The tables and placements stored on one node, with the version they belong to. */
    record Snapshot(long version, Map<String, TableInfo> tables, Map<Integer, Placement> placements) {
    }

    static Snapshot load(Connection c) throws SQLException {
        long version = readVersion(c);
        Map<String, TableInfo> tables = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, kind, shard_key, key_type, slots, key_ordinal,"
                        + " key_sequence, key_identity_always FROM synapse.tables")) {
            while (rs.next()) {
                TableKind kind = TableKind.valueOf(rs.getString(2));
                String keyType = rs.getString(4);
                tables.put(rs.getString(1), new TableInfo(rs.getString(1), kind, rs.getString(3),
                        keyType == null ? null : KeyType.valueOf(keyType), rs.getInt(5), rs.getInt(6),
                        rs.getString(7), rs.getBoolean(8)));
            }
        }
        Map<Integer, Map<Integer, String>> bySlots = new HashMap<>();
        Map<Integer, Long> epochs = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT slots, slot, group_name, epoch FROM synapse.placements")) {
            while (rs.next()) {
                bySlots.computeIfAbsent(rs.getInt(1), k -> new HashMap<>()).put(rs.getInt(2), rs.getString(3));
                epochs.merge(rs.getInt(1), rs.getLong(4), Math::max);
            }
        }
        Map<Integer, Placement> placements = new HashMap<>();
        for (Map.Entry<Integer, Map<Integer, String>> e : bySlots.entrySet()) {
            int slots = e.getKey();
            List<String> names = e.getValue().values().stream().distinct().sorted().toList();
            int[] map = new int[slots];
            for (int s = 0; s < slots; s++) {
                String name = e.getValue().get(s);
                if (name == null) {
                    throw new SQLException("catalog on this node misses the placement of slot " + s + " of "
                            + slots, SqlStates.DATA_CORRUPTED);
                }
                map[s] = names.indexOf(name);
            }
            placements.put(slots, new Placement(slots, names, map, epochs.get(slots)));
        }
        return new Snapshot(version, tables, placements);
    }

    /** Records a declared table (and its placement, if new) inside the caller's transaction. */
    static void writeTable(Connection c, TableInfo t, Placement placement, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO synapse.tables(name, kind, shard_key, key_type,"
                + " slots, key_ordinal, key_sequence, key_identity_always) VALUES (?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, shard_key = EXCLUDED.shard_key,"
                + " key_type = EXCLUDED.key_type, slots = EXCLUDED.slots, key_ordinal = EXCLUDED.key_ordinal,"
                + " key_sequence = EXCLUDED.key_sequence, key_identity_always = EXCLUDED.key_identity_always")) {
            ps.setString(1, t.name());
            ps.setString(2, t.kind().name());
            ps.setString(3, t.shardKey());
            ps.setString(4, t.keyType() == null ? null : t.keyType().name());
            ps.setInt(5, t.slots());
            ps.setInt(6, t.keyOrdinal());
            ps.setString(7, t.keySequence());
            ps.setBoolean(8, t.keyIdentityAlways());
            ps.executeUpdate();
        }
        if (placement != null) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO synapse.placements(slots, slot, group_name,"
                    + " epoch) VALUES (?,?,?,?) ON CONFLICT (slots, slot) DO NOTHING")) {
                for (int s = 0; s < placement.slots(); s++) {
                    ps.setInt(1, placement.slots());
                    ps.setInt(2, s);
                    ps.setString(3, placement.groupNameOf(s));
                    ps.setLong(4, placement.epoch());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        writeVersion(c, version);
    }

    static void deleteTable(Connection c, String name, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM synapse.tables WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        writeVersion(c, version);
    }

    static void writeVersion(Connection c, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO synapse.meta(key, value) VALUES"
                + " ('catalog_version', ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")) {
            ps.setString(1, Long.toString(version));
            ps.executeUpdate();
        }
    }
}
