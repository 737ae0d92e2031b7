package io.synapsedb.catalog;

import io.synapsedb.config.CatalogConfig;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.KeyType;
import io.synapsedb.core.Sql;
import io.synapsedb.core.SqlStates;
import io.synapsedb.core.TableKind;
import io.synapsedb.placement.Placement;
import io.synapsedb.txn.TwoPhaseCommit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the catalog of one cluster runtime: loads it from the nodes, publishes immutable snapshots,
 * and carries out table declarations ({@code synapse.distribute_table}, {@code synapse.reference_table})
 * and the catalog side of DDL. Changes are serialised across applications by an advisory lock on
 * the home group and written to every group together with the DDL they go with.
 */
public final class CatalogManager {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogManager.class);

    /**
     * Advisory lock key that serialises DDL and catalog changes of every application on the home
     * group, so that every group applies DDL in the same order.
     */
    public static final long DDL_LOCK = CatalogStore.CATALOG_LOCK;

    /** A table declaration to apply when the table exists (from the YAML configuration). */
    public record Declaration(String name, TableKind kind, String shardKey, int slots) {
    }

    /** Replaced only when a group's nodes move (same names, same order). */
    private volatile List<GroupInfo> groups;
    private final int homeGroup;
    private final GroupConnections connections;
    private final int defaultSlots;
    private final Map<String, Declaration> declarations;
    private final TwoPhaseCommit twoPhase;
    private final Object changeLock = new Object();
    private final CatalogChannel channel;
    private volatile Catalog current;
    /** The schema version this runtime last saw (nodes or coordinator). */
    private volatile long schemaVersion;
    private final long ddlLockTimeoutMs;

    /**
     * @param twoPhase commits each change on every group atomically
     * @param channel serialises changes across applications and tells the others about them
     * @param config the default slot count of a declaration, and how long a change waits for another application's
     */
    public CatalogManager(List<GroupInfo> groups, int homeGroup, GroupConnections connections, CatalogConfig config,
            List<Declaration> declarations, TwoPhaseCommit twoPhase, CatalogChannel channel) {
        this.ddlLockTimeoutMs = config.ddlLockTimeoutMs();
        this.twoPhase = twoPhase;
        this.channel = channel;
        this.groups = List.copyOf(groups);
        this.homeGroup = homeGroup;
        this.connections = connections;
        this.defaultSlots = config.defaultSlots();
        Map<String, Declaration> byName = new HashMap<>();
        for (Declaration d : declarations) {
            byName.put(d.name(), d);
        }
        this.declarations = Map.copyOf(byName);
        this.current = new Catalog(0, groups, homeGroup, Map.of(), Map.of());
    }

    /**
     * In cluster mode, the catalog version and schema version the coordinator last announced, as
     * {@code {catalogVersion, schemaVersion}}; {@code null} in static mode or before the first.
     */
    public long[] coordinatorVersions() {
        return channel.announcedVersions();
    }

    /** The schema version this runtime last saw on the nodes or from the coordinator. */
    public long schemaVersion() {
        return schemaVersion;
    }

    /**
     * Adopts a catalog another application announced through the coordinator, when it is newer
     * than the current one.
     *
     * @return whether the current catalog changed
     */
    public boolean adopt(CatalogDocument doc) {
        long before = current.version();
        publish(doc.version(), doc.tables(), doc.placements());
        schemaVersion = Math.max(schemaVersion, doc.schemaVersion());
        return current.version() != before;
    }

    // ----------------------------------------------------------------------------------------------
    // DDL: serialised, and recorded with a schema version on every node

    /**
     * Waits for the permission to run DDL: the coordinator's cluster-wide lock in cluster mode
     * (the advisory lock on the home group, taken inside the DDL's transaction, orders it in both
     * modes).
     */
    public CatalogChannel.Hold holdForDdl(String change) throws SQLException {
        return channel.hold(change);
    }

    /**
     * The schema version the next change gets: one more than the highest recorded on the given
     * connections ({@code null} entries are skipped). Call it while holding the DDL order (the
     * home group's advisory lock).
     */
    public long nextSchemaVersion(Connection[] conns) throws SQLException {
        long max = schemaVersion;
        for (Connection c : conns) {
            if (c != null) {
                max = Math.max(max, CatalogStore.readSchemaVersion(c));
            }
        }
        return max + 1;
    }

    /** Records {@code version} on one node, inside the transaction that applies the change there. */
    public void recordSchemaChange(Connection c, long version, String change) throws SQLException {
        CatalogStore.recordSchemaChange(c, version, change);
    }

    /** After DDL committed on every group: remembers and announces the new schema version. */
    public void ddlCommitted(long version, String change) {
        schemaVersion = Math.max(schemaVersion, version);
        channel.announce(current, version, change);
    }

    /**
     * A topology change moved some groups' nodes (names and order unchanged): later snapshots
     * carry the new addresses.
     */
    public void readdress(List<GroupInfo> moved) {
        synchronized (changeLock) {
            groups = List.copyOf(moved);
            Catalog c = current;
            current = new Catalog(c.version(), groups, homeGroup, c.tables(), c.placements());
        }
    }

    /** The current snapshot; never null. */
    public Catalog current() {
        return current;
    }

    /**
     * Creates the {@code synapse} schema where missing, checks each node's group identity, loads the
     * newest catalog and applies configured declarations of tables that already exist. A group that
     * cannot be reached is skipped with a warning; its statements fail when they reach it.
     */
    public void bootstrap() throws SQLException {
        SQLException identityError = null;
        // A group that did not answer here is not asked again by the reload below: a silent node
        // costs the start one connection timeout, not two.
        java.util.Set<Integer> unreachable = new java.util.HashSet<>();
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
        for (Declaration d : declarations.values()) {
            if (current.find(d.name()) == null && tableExists(d.name())) {
                applyDeclaration(d);
            }
        }
    }

    /** Reloads the catalog from the group with the highest catalog version. */
    public void reload() throws SQLException {
        reload(java.util.Set.of(), null);
    }

    /**
     * @param skip groups not to ask
     * @param skipped why the skipped groups failed: the error when no group answers, since it
     *     names the node and the reason (a refused connection, a certificate, a password)
     */
    private void reload(java.util.Set<Integer> skip, SQLException skipped) throws SQLException {
        CatalogStore.Snapshot best = null;
        SQLException last = null;
        for (int g = 0; g < groups.size(); g++) {
            if (skip.contains(g)) {
                continue;
            }
            try (Connection c = connections.open(g)) {
                CatalogStore.Snapshot s = CatalogStore.load(c);
                if (best == null || s.version() > best.version()) {
                    best = s;
                }
                schemaVersion = Math.max(schemaVersion, CatalogStore.readSchemaVersion(c));
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

    /** Reloads when the home group holds a newer catalog version than the current snapshot. */
    public boolean refreshIfChanged() throws SQLException {
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

    private void publish(long version, Map<String, TableInfo> tables, Map<Integer, Placement> placements) {
        synchronized (changeLock) {
            if (current.version() <= version) {
                current = new Catalog(version, groups, homeGroup, tables, placements);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Declarations

    /**
     * {@code synapse.distribute_table(table, key[, slots])}: turns an empty table that exists on every
     * group into a hash-partitioned table that holds, on each group, only the partitions of the slots
     * the group owns.
     */
    public String distributeTable(String table, String shardKey, int slots) throws SQLException {
        String name = normalize(table);
        String key = normalizeColumn(shardKey);
        int s = slots <= 0 ? defaultSlots : slots;
        if (s > 4096) {
            throw new SQLException("slots must be between 1 and 4096, got " + s, SqlStates.INVALID_PARAMETER_VALUE);
        }
        String longest = partitionName(Sql.relname(name), s - 1);
        if (longest.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Sql.MAX_IDENTIFIER_BYTES) {
            // PostgreSQL would truncate the partitions' names until two of them collide.
            throw new SQLException("cannot distribute table " + name + ": its partitions' names (" + longest
                    + ") would be longer than PostgreSQL's 63 bytes; rename the table", SqlStates.NAME_TOO_LONG);
        }
        return underCatalogLock("distribute_table " + name, (conns, schema) -> {
            TableInfo existing = current.find(name);
            if (existing != null) {
                if (existing.isDistributed() && existing.shardKey().equals(key) && existing.slots() == s) {
                    return "table " + name + " is already distributed by " + key + " into " + s + " slots";
                }
                throw new SQLException("table " + name + " is already declared as " + describe(existing)
                        + "; drop and re-create it to change that", SqlStates.INVALID_TABLE_DEFINITION);
            }
            ColumnFacts facts = columnFacts(conns[homeGroup], name, key);
            KeyType type = KeyType.fromPostgresName(facts.type);
            if (type == null) {
                throw new SQLException("column " + key + " of table " + name + " has type " + facts.type
                        + ", which cannot be a shard key (use smallint, integer, bigint, text, varchar or uuid)",
                        SqlStates.DATATYPE_MISMATCH);
            }
            requireEmpty(conns, name);
            Placement placement = current.placement(s);
            long version = current.version() + 1;
            // One transaction per group holds both the new layout and the catalog rows; the home
            // group goes first so that its serial sequence is known before the others record it.
            TableInfo[] made = new TableInfo[1];
            AllGroups.run(twoPhase, conns, AllGroups.homeFirst(groups.size(), homeGroup), (g, c) -> {
                // An identity column gets a new sequence from LIKE ... INCLUDING ALL; a serial's is kept.
                repartition(c, name, key, s, placement, groups.get(g).name(),
                        facts.identity ? null : facts.sequence);
                if (made[0] == null) {
                    made[0] = new TableInfo(name, TableKind.DISTRIBUTED, key, type, s, facts.ordinal,
                            serialSequence(c, name, key), facts.identityAlways);
                }
                CatalogStore.writeTable(c, made[0], placement, version);
                CatalogStore.recordSchemaChange(c, schema, "distribute_table " + name);
            });
            TableInfo info = made[0];
            Map<String, TableInfo> tables = new HashMap<>(current.tables());
            tables.put(name, info);
            Map<Integer, Placement> placements = new HashMap<>(current.placements());
            placements.putIfAbsent(s, placement);
            publish(version, tables, placements);
            LOG.info("distributed table {} by {} into {} slots over {} groups", name, key, s, groups.size());
            return "distributed " + name + " by " + key + " into " + s + " slots over " + groups.size() + " groups";
        });
    }

    /**
     * {@code synapse.reference_table(table)}: declares a table that exists on every group as a full
     * copy in every group. Rows the home group already holds are copied to the other groups, which
     * must be empty.
     */
    public String referenceTable(String table) throws SQLException {
        String name = normalize(table);
        return underCatalogLock("reference_table " + name, (conns, schema) -> {
            TableInfo existing = current.find(name);
            if (existing != null) {
                if (existing.kind() == TableKind.REFERENCE) {
                    return "table " + name + " is already a reference table";
                }
                throw new SQLException("table " + name + " is already declared as " + describe(existing), SqlStates.INVALID_TABLE_DEFINITION);
            }
            columnFacts(conns[homeGroup], name, null);
            for (int g = 0; g < groups.size(); g++) {
                if (g != homeGroup && hasRows(conns[g], name)) {
                    throw new SQLException("table " + name + " already has rows on group " + groups.get(g).name()
                            + "; a reference table takes its rows from the home group "
                            + groups.get(homeGroup).name() + ", so the other groups must be empty", SqlStates.OBJECT_NOT_IN_PREREQUISITE_STATE);
                }
            }
            TableInfo info = TableInfo.reference(name);
            long version = current.version() + 1;
            AllGroups.run(twoPhase, conns, AllGroups.homeFirst(groups.size(), homeGroup), (g, c) -> {
                if (g != homeGroup) {
                    copyRows(conns[homeGroup], c, name);
                }
                CatalogStore.writeTable(c, info, null, version);
                CatalogStore.recordSchemaChange(c, schema, "reference_table " + name);
            });
            Map<String, TableInfo> tables = new HashMap<>(current.tables());
            tables.put(name, info);
            publish(version, tables, current.placements());
            return "declared " + name + " a reference table on " + groups.size() + " groups";
        });
    }

    /**
     * {@code synapse.undistribute_table(table)}: forgets a declaration (the table and its partitions
     * stay as they are on each group). Used before dropping a table outside the driver.
     */
    public String forgetTable(String table) throws SQLException {
        String name = normalize(table);
        return underCatalogLock("undistribute_table " + name, (conns, schema) -> {
            if (current.find(name) == null) {
                throw new SQLException("table " + name + " is not declared", SqlStates.UNDEFINED_TABLE);
            }
            long version = current.version() + 1;
            AllGroups.run(twoPhase, conns, AllGroups.homeFirst(groups.size(), homeGroup),
                    (g, c) -> {
                        CatalogStore.deleteTable(c, name, version);
                        CatalogStore.recordSchemaChange(c, schema, "undistribute_table " + name);
                    });
            Map<String, TableInfo> tables = new HashMap<>(current.tables());
            tables.remove(name);
            publish(version, tables, current.placements());
            return "forgot table " + name;
        });
    }

    /**
     * A catalog change, given a connection to every group's primary and the schema version to
     * record on each of them.
     */
    @FunctionalInterface
    private interface CatalogChange {
        String apply(Connection[] conns, long schemaVersion) throws SQLException;
    }

    /**
     * Runs a catalog change with a connection to every group, holding the channel's permission
     * and the advisory lock that serialise catalog changes of every application, on the newest
     * catalog; then announces the result.
     */
    private String underCatalogLock(String what, CatalogChange change) throws SQLException {
        try (CatalogChannel.Hold hold = channel.hold(what)) {
            synchronized (changeLock) {
                Connection[] conns = openAll();
                try {
                    lockCatalog(conns[homeGroup], what);
                    reloadLocked(conns);
                    long version = nextSchemaVersion(conns);
                    long catalogBefore = current.version();
                    String answer = change.apply(conns, version);
                    if (current.version() != catalogBefore) {
                        schemaVersion = Math.max(schemaVersion, version);
                        channel.announce(current, version, what);
                    }
                    return answer;
                } finally {
                    closeAll(conns);
                }
            }
        }
    }

    /** After {@code CREATE TABLE} ran on every group: applies a configured declaration of it. */
    public void afterCreateTable(String name) throws SQLException {
        Declaration d = declarations.get(name);
        if (d != null && current.find(name) == null) {
            applyDeclaration(d);
        }
    }

    /**
     * The catalog version a drop of {@code tables} will publish, or -1 when none of them is
     * declared (the catalog does not change).
     */
    public long versionAfterDrop(List<String> tables) {
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
    public void deleteDeclarations(Connection c, List<String> tables, long version) throws SQLException {
        for (String t : tables) {
            if (current.find(t) != null) {
                CatalogStore.deleteTable(c, t, version);
            }
        }
    }

    /** After a drop committed: publishes the catalog without the dropped declarations. */
    public void afterDrop(long version, List<String> tables) {
        if (version < 0) {
            return;
        }
        Map<String, TableInfo> remaining = new HashMap<>(current.tables());
        tables.forEach(remaining::remove);
        publish(version, remaining, current.placements());
    }

    private void applyDeclaration(Declaration d) throws SQLException {
        if (d.kind() == TableKind.REFERENCE) {
            referenceTable(d.name());
        } else {
            distributeTable(d.name(), d.shardKey(), d.slots());
        }
    }

    // ----------------------------------------------------------------------------------------------

    private Connection[] openAll() throws SQLException {
        Connection[] conns = new Connection[groups.size()];
        try {
            for (int g = 0; g < conns.length; g++) {
                conns[g] = connections.open(g);
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
        DdlLock.forSession(home, ddlLockTimeoutMs, what, groups.get(homeGroup));
    }

    private void reloadLocked(Connection[] conns) throws SQLException {
        CatalogStore.Snapshot best = null;
        for (Connection c : conns) {
            CatalogStore.Snapshot s = CatalogStore.load(c);
            if (best == null || s.version() > best.version()) {
                best = s;
            }
        }
        publish(best.version(), best.tables(), best.placements());
    }

    private record ColumnFacts(String type, int ordinal, String sequence, boolean identity, boolean identityAlways) {
    }

    private static ColumnFacts columnFacts(Connection c, String table, String key) throws SQLException {
        Long oid = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, Sql.table(table));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long v = rs.getLong(1);
                    oid = rs.wasNull() ? null : v;
                }
            }
        }
        if (oid == null) {
            throw new SQLException("table " + table + " does not exist; create it through the driver first", SqlStates.UNDEFINED_TABLE);
        }
        if (key == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                + " a.attidentity, pg_get_serial_sequence(?, a.attname),"
                + " (SELECT count(*) FROM pg_attribute b WHERE b.attrelid = a.attrelid AND b.attnum > 0"
                + "  AND NOT b.attisdropped AND b.attnum < a.attnum)"
                + " FROM pg_attribute a WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = ?")) {
            ps.setString(1, Sql.table(table));
            ps.setLong(2, oid);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("column " + key + " of table " + table + " does not exist", SqlStates.UNDEFINED_COLUMN);
                }
                String identity = rs.getString(3);
                return new ColumnFacts(rs.getString(2), rs.getInt(5), rs.getString(4),
                        identity != null && !identity.isEmpty(), "a".equals(identity));
            }
        }
    }

    private void requireEmpty(Connection[] conns, String table) throws SQLException {
        for (int g = 0; g < conns.length; g++) {
            if (hasRows(conns[g], table)) {
                throw new SQLException("table " + table + " has rows on group " + groups.get(g).name()
                        + "; distribute a table while it is empty (moving existing rows is not supported yet)",
                        SqlStates.OBJECT_NOT_IN_PREREQUISITE_STATE);
            }
        }
    }

    private static boolean hasRows(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + Sql.table(table) + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = connections.open(homeGroup);
                PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, Sql.table(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Replaces the plain table by a hash-partitioned one with the same columns, defaults, constraints
     * and indexes, holding the partitions of the slots this group owns. A serial key's sequence
     * survives: its ownership moves to the new table.
     */
    private static void repartition(Connection c, String table, String key, int slots, Placement placement,
            String groupName, String sequence) throws SQLException {
        String rel = Sql.relname(table);
        String schemaPrefix = table.contains(".") ? Sql.ident(table.substring(0, table.indexOf('.'))) + "." : "";
        String old = rel + "__synapse_old";
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + Sql.table(table) + " RENAME TO " + Sql.ident(old));
            st.execute("CREATE TABLE " + Sql.table(table) + " (LIKE " + schemaPrefix + Sql.ident(old)
                    + " INCLUDING ALL) PARTITION BY HASH (" + Sql.ident(key) + ")");
            for (int s = 0; s < slots; s++) {
                if (ownsSlot(placement, s, groupName)) {
                    st.execute("CREATE TABLE " + schemaPrefix + Sql.ident(partitionName(rel, s)) + " PARTITION OF "
                            + Sql.table(table) + " FOR VALUES WITH (MODULUS " + slots + ", REMAINDER " + s + ")");
                }
            }
            if (sequence != null) {
                st.execute("ALTER SEQUENCE " + sequence + " OWNED BY NONE");
            }
            st.execute("DROP TABLE " + schemaPrefix + Sql.ident(old));
            if (sequence != null) {
                st.execute("ALTER SEQUENCE " + sequence + " OWNED BY " + Sql.table(table) + "." + Sql.ident(key));
            }
        } catch (SQLException e) {
            throw new SQLException("cannot distribute table " + table + " by " + key + ": " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }

    /** The partition that holds slot {@code slot} of {@code relname} on its owning group. */
    public static String partitionName(String relname, int slot) {
        return relname + "_s" + slot;
    }

    private static boolean ownsSlot(Placement placement, int slot, String groupName) {
        return placement.groupNameOf(slot).equals(groupName);
    }

    private static String serialSequence(Connection c, String table, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            ps.setString(1, Sql.table(table));
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void copyRows(Connection from, Connection to, String table) throws SQLException {
        try {
            CopyManager out = from.unwrap(PGConnection.class).getCopyAPI();
            CopyManager in = to.unwrap(PGConnection.class).getCopyAPI();
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
            out.copyOut("COPY " + Sql.table(table) + " TO STDOUT (FORMAT binary)", buffer);
            in.copyIn("COPY " + Sql.table(table) + " FROM STDIN (FORMAT binary)",
                    new java.io.ByteArrayInputStream(buffer.toByteArray()));
        } catch (java.io.IOException e) {
            throw new SQLException("copying rows of reference table " + table + " failed: " + e.getMessage(),
                    SqlStates.CONNECTION_FAILURE, e);
        }
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
