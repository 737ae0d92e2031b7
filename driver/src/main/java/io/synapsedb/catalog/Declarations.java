package io.synapsedb.catalog;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.KeyType;
import io.synapsedb.core.Sql;
import io.synapsedb.core.SqlStates;
import io.synapsedb.core.TableKind;
import io.synapsedb.placement.Placement;
import io.synapsedb.txn.TwoPhaseCommit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table declarations: {@code synapse.distribute_table}, {@code synapse.reference_table},
 * {@code synapse.undistribute_table}, and the declarations of the config file, applied to tables
 * that exist at start or are created later. Each runs as one catalog change ({@link SchemaChanges#run}),
 * written to every group in the same atomic commit as the layout it goes with.
 */
final class Declarations {

    private static final Logger LOG = LoggerFactory.getLogger(Declarations.class);

    private final CatalogSnapshots snapshots;
    private final SchemaChanges changes;
    private final TwoPhaseCommit twoPhase;
    private final int defaultSlots;
    /** The config file's declarations by table name. */
    private final Map<String, CatalogManager.Declaration> configured;

    Declarations(CatalogSnapshots snapshots, SchemaChanges changes, TwoPhaseCommit twoPhase, int defaultSlots,
            List<CatalogManager.Declaration> configured) {
        this.snapshots = snapshots;
        this.changes = changes;
        this.twoPhase = twoPhase;
        this.defaultSlots = defaultSlots;
        Map<String, CatalogManager.Declaration> byName = new HashMap<>();
        for (CatalogManager.Declaration d : configured) {
            byName.put(d.name(), d);
        }
        this.configured = Map.copyOf(byName);
    }

    /** At start: applies the configured declarations of tables that exist and are not declared yet. */
    void applyConfigured() throws SQLException {
        for (CatalogManager.Declaration d : configured.values()) {
            if (snapshots.current().find(d.name()) == null && existsOnHome(d.name())) {
                apply(d);
            }
        }
    }

    /** After {@code CREATE TABLE} ran on every group: applies a configured declaration of it. */
    void afterCreateTable(String name) throws SQLException {
        CatalogManager.Declaration d = configured.get(name);
        if (d != null && snapshots.current().find(name) == null) {
            apply(d);
        }
    }

    private void apply(CatalogManager.Declaration d) throws SQLException {
        if (d.kind() == TableKind.REFERENCE) {
            referenceTable(d.name());
        } else {
            distributeTable(d.name(), d.shardKey(), d.slots());
        }
    }

    private boolean existsOnHome(String table) throws SQLException {
        try (Connection c = snapshots.connections().open(snapshots.homeGroup())) {
            return TableFacts.exists(c, table);
        }
    }

    /**
     * {@code synapse.distribute_table(table, key[, slots])}: turns an empty table that exists on every
     * group into a hash-partitioned table that holds, on each group, only the partitions of the slots
     * the group owns.
     */
    String distributeTable(String table, String shardKey, int slots) throws SQLException {
        String name = normalize(table);
        String key = normalizeColumn(shardKey);
        int s = slotCount(slots, defaultSlots);
        Partitions.checkNames(name, s);
        return changes.run("distribute_table " + name, (conns, schema) -> {
            Catalog current = snapshots.current();
            String already = alreadyDeclared(name, current.find(name), TableKind.DISTRIBUTED, key, s);
            if (already != null) {
                return already;
            }
            List<GroupInfo> groups = snapshots.groups();
            int home = snapshots.homeGroup();
            TableFacts.Column facts = TableFacts.column(conns[home], name, key);
            KeyType type = KeyType.fromPostgresName(facts.type());
            if (type == null) {
                throw new SQLException("column " + key + " of table " + name + " has type " + facts.type()
                        + ", which cannot be a shard key (use smallint, integer, bigint, text, varchar or uuid)",
                        SqlStates.DATATYPE_MISMATCH);
            }
            for (int g = 0; g < conns.length; g++) {
                if (TableFacts.hasRows(conns[g], name)) {
                    throw new SQLException("table " + name + " has rows on group " + groups.get(g).name()
                            + "; distribute a table while it is empty (moving existing rows is not supported yet)",
                            SqlStates.OBJECT_NOT_IN_PREREQUISITE_STATE);
                }
            }
            Placement placement = current.placement(s);
            long version = current.version() + 1;
            // One transaction per group holds both the new layout and the catalog rows; the home
            // group goes first so that its serial sequence is known before the others record it.
            TableInfo[] made = new TableInfo[1];
            AllGroups.run(twoPhase, conns, AllGroups.homeFirst(groups.size(), home), (g, c) -> {
                // An identity column gets a new sequence from LIKE ... INCLUDING ALL; a serial's is kept.
                Partitions.repartition(c, name, key, s, placement, groups.get(g).name(),
                        facts.identity() ? null : facts.sequence());
                if (made[0] == null) {
                    made[0] = new TableInfo(name, TableKind.DISTRIBUTED, key, type, s, facts.ordinal(),
                            TableFacts.serialSequence(c, name, key), facts.identityAlways());
                }
                CatalogStore.writeTable(c, made[0], placement, version);
                CatalogStore.recordSchemaChange(c, schema, "distribute_table " + name);
            });
            snapshots.publishWith(version, made[0], placement);
            LOG.info("distributed table {} by {} into {} slots over {} groups", name, key, s, groups.size());
            return "distributed " + name + " by " + key + " into " + s + " slots over " + groups.size() + " groups";
        });
    }

    /**
     * {@code synapse.reference_table(table)}: declares a table that exists on every group as a full
     * copy in every group. Rows the home group already holds are copied to the other groups, which
     * must be empty.
     */
    String referenceTable(String table) throws SQLException {
        String name = normalize(table);
        return changes.run("reference_table " + name, (conns, schema) -> {
            Catalog current = snapshots.current();
            String already = alreadyDeclared(name, current.find(name), TableKind.REFERENCE, null, 0);
            if (already != null) {
                return already;
            }
            List<GroupInfo> groups = snapshots.groups();
            int home = snapshots.homeGroup();
            TableFacts.column(conns[home], name, null);
            for (int g = 0; g < groups.size(); g++) {
                if (g != home && TableFacts.hasRows(conns[g], name)) {
                    throw new SQLException("table " + name + " already has rows on group " + groups.get(g).name()
                            + "; a reference table takes its rows from the home group "
                            + groups.get(home).name() + ", so the other groups must be empty",
                            SqlStates.OBJECT_NOT_IN_PREREQUISITE_STATE);
                }
            }
            TableInfo info = TableInfo.reference(name);
            long version = current.version() + 1;
            AllGroups.run(twoPhase, conns, AllGroups.homeFirst(groups.size(), home), (g, c) -> {
                if (g != home) {
                    RowCopier.copyRows(conns[home], c, name);
                }
                CatalogStore.writeTable(c, info, null, version);
                CatalogStore.recordSchemaChange(c, schema, "reference_table " + name);
            });
            snapshots.publishWith(version, info, null);
            return "declared " + name + " a reference table on " + groups.size() + " groups";
        });
    }

    /**
     * {@code synapse.undistribute_table(table)}: forgets a declaration (the table and its partitions
     * stay as they are on each group). Used before dropping a table outside the driver.
     */
    String forgetTable(String table) throws SQLException {
        String name = normalize(table);
        return changes.run("undistribute_table " + name, (conns, schema) -> {
            Catalog current = snapshots.current();
            if (current.find(name) == null) {
                throw new SQLException("table " + name + " is not declared", SqlStates.UNDEFINED_TABLE);
            }
            long version = current.version() + 1;
            AllGroups.run(twoPhase, conns, AllGroups.homeFirst(snapshots.groups().size(), snapshots.homeGroup()),
                    (g, c) -> {
                        CatalogStore.deleteTable(c, name, version);
                        CatalogStore.recordSchemaChange(c, schema, "undistribute_table " + name);
                    });
            snapshots.publishWithout(version, List.of(name));
            return "forgot table " + name;
        });
    }

    /**
     * The slot count of a declaration: its own, or the default for none (0 or less).
     *
     * @throws SQLException 22023 beyond 4096
     */
    static int slotCount(int requested, int defaultSlots) throws SQLException {
        int s = requested <= 0 ? defaultSlots : requested;
        if (s > 4096) {
            throw new SQLException("slots must be between 1 and 4096, got " + s, SqlStates.INVALID_PARAMETER_VALUE);
        }
        return s;
    }

    /**
     * Against the declaration {@code existing} of table {@code name}: {@code null} when there is
     * none (go ahead), the answer when it is already what is asked (declaring twice changes nothing).
     *
     * @param key the shard key asked for a distributed table
     * @param slots the slot count asked for a distributed table
     * @throws SQLException 42P16 when the table is already declared otherwise
     */
    static String alreadyDeclared(String name, TableInfo existing, TableKind kind, String key, int slots)
            throws SQLException {
        if (existing == null) {
            return null;
        }
        if (kind == TableKind.DISTRIBUTED) {
            if (existing.isDistributed() && existing.shardKey().equals(key) && existing.slots() == slots) {
                return "table " + name + " is already distributed by " + key + " into " + slots + " slots";
            }
            throw new SQLException("table " + name + " is already declared as " + describe(existing)
                    + "; drop and re-create it to change that", SqlStates.INVALID_TABLE_DEFINITION);
        }
        if (existing.kind() == TableKind.REFERENCE) {
            return "table " + name + " is already a reference table";
        }
        throw new SQLException("table " + name + " is already declared as " + describe(existing),
                SqlStates.INVALID_TABLE_DEFINITION);
    }

    private static String describe(TableInfo t) {
        return t.isDistributed() ? "distributed by " + t.shardKey() + " into " + t.slots() + " slots" : "a reference table";
    }

    /** Normalises a table name given as a function argument, the way PostgreSQL reads an identifier. */
    static String normalize(String table) {
        String t = table.trim();
        int dot = dotOutsideQuotes(t);
        return dot < 0 ? Sql.identifier(t) : Sql.tableName(t.substring(0, dot), t.substring(dot + 1));
    }

    static String normalizeColumn(String column) {
        return Sql.identifier(column);
    }

    private static int dotOutsideQuotes(String s) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
