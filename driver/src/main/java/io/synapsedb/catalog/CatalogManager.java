package io.synapsedb.catalog;

import io.synapsedb.txn.GroupOpener;
import io.synapsedb.config.CatalogConfig;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.TableKind;
import io.synapsedb.txn.TwoPhaseCommit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Owns the catalog of one cluster runtime, and hands each job to the class that does it: the
 * snapshots ({@link CatalogSnapshots}: load, refresh, adopt, publish), the table declarations
 * ({@link Declarations}), the catalog side of DDL ({@link SchemaChanges}: its order across
 * applications and its schema versions), and through them the layout of distributed tables
 * ({@link Partitions}) and the rows of reference tables ({@link RowCopier}). Changes are serialised
 * across applications by an advisory lock on the home group and written to every group together
 * with the DDL they go with.
 */
public final class CatalogManager {

    /**
     * Advisory lock key that serialises DDL and catalog changes of every application on the home
     * group, so that every group applies DDL in the same order.
     */
    public static final long DDL_LOCK = CatalogStore.CATALOG_LOCK;

    /** A table declaration to apply when the table exists (from the YAML configuration). */
    public record Declaration(String name, TableKind kind, String shardKey, int slots) {
    }

    private final CatalogSnapshots snapshots;
    private final SchemaChanges schema;
    private final Declarations declarations;
    private final CatalogChannel channel;

    /**
     * @param config the slot count of a declaration that names none, and how long a change waits
     *     for another application's
     * @param declarations the config file's, applied to tables that exist at start or are created
     * @param twoPhase commits each change on every group atomically
     * @param channel serialises changes across applications and tells the others about them
     */
    public CatalogManager(List<GroupInfo> groups, int homeGroup, GroupOpener connections, CatalogConfig config,
            List<Declaration> declarations, TwoPhaseCommit twoPhase, CatalogChannel channel) {
        this.snapshots = new CatalogSnapshots(groups, homeGroup, connections);
        this.schema = new SchemaChanges(snapshots, channel, config.ddlLockTimeoutMs());
        this.declarations = new Declarations(snapshots, schema, twoPhase, config.defaultSlots(), declarations);
        this.channel = channel;
    }

    // ----------------------------------------------------------------------------------------------
    // Snapshots

    /** The current snapshot; never null. */
    public Catalog current() {
        return snapshots.current();
    }

    /**
     * Creates the {@code synapse} schema where missing, checks each node's group identity, loads the
     * newest catalog and applies configured declarations of tables that already exist. A group that
     * cannot be reached is skipped with a warning; its statements fail when they reach it.
     */
    public void bootstrap() throws SQLException {
        snapshots.bootstrap();
        declarations.applyConfigured();
    }

    /** Reloads the catalog from the group with the highest catalog version. */
    public void reload() throws SQLException {
        snapshots.reload();
    }

    /** Reloads when the home group holds a newer catalog version than the current snapshot. */
    public boolean refreshIfChanged() throws SQLException {
        return snapshots.refreshIfChanged();
    }

    /**
     * Adopts a catalog another application announced through the coordinator, when it is newer
     * than the current one.
     *
     * @return whether the current catalog changed
     */
    public boolean adopt(CatalogDocument doc) {
        return snapshots.adopt(doc);
    }

    /**
     * A topology change moved some groups' nodes (names and order unchanged): later snapshots
     * carry the new addresses.
     */
    public void readdress(List<GroupInfo> moved) {
        snapshots.readdress(moved);
    }

    /** The schema version this runtime last saw on the nodes or from the coordinator. */
    public long schemaVersion() {
        return snapshots.schemaVersion();
    }

    /**
     * In cluster mode, the catalog version and schema version the coordinator last announced, as
     * {@code {catalogVersion, schemaVersion}}; {@code null} in static mode or before the first.
     */
    public long[] coordinatorVersions() {
        return channel.announcedVersions();
    }

    // ----------------------------------------------------------------------------------------------
    // DDL: serialised, and recorded with a schema version on every node

    /**
     * Waits for the permission to run DDL: the coordinator's cluster-wide lock in cluster mode
     * (the advisory lock on the home group, taken inside the DDL's transaction, orders it in both
     * modes).
     */
    public CatalogChannel.Hold holdForDdl(String change) throws SQLException {
        return schema.holdForDdl(change);
    }

    /**
     * The schema version the next change gets: one more than the highest recorded on the given
     * connections ({@code null} entries are skipped). Call it while holding the DDL order (the
     * home group's advisory lock).
     */
    public long nextSchemaVersion(Connection[] conns) throws SQLException {
        return schema.nextSchemaVersion(conns);
    }

    /** Records {@code version} on one node, inside the transaction that applies the change there. */
    public void recordSchemaChange(Connection c, long version, String change) throws SQLException {
        schema.recordSchemaChange(c, version, change);
    }

    /** After DDL committed on every group: remembers and announces the new schema version. */
    public void ddlCommitted(long version, String change) {
        schema.ddlCommitted(version, change);
    }

    /**
     * The catalog version a drop of {@code tables} will publish, or -1 when none of them is
     * declared (the catalog does not change).
     */
    public long versionAfterDrop(List<String> tables) {
        return schema.versionAfterDrop(tables);
    }

    /**
     * Inside the transaction that drops tables on one group: removes their declarations there, so
     * the catalog changes together with the tables.
     */
    public void deleteDeclarations(Connection c, List<String> tables, long version) throws SQLException {
        schema.deleteDeclarations(c, tables, version);
    }

    /** After a drop committed: publishes the catalog without the dropped declarations. */
    public void afterDrop(long version, List<String> tables) {
        schema.afterDrop(version, tables);
    }

    /** After {@code CREATE TABLE} ran on every group: applies a configured declaration of it. */
    public void afterCreateTable(String name) throws SQLException {
        declarations.afterCreateTable(name);
    }

    // ----------------------------------------------------------------------------------------------
    // Declarations

    /**
     * {@code synapse.distribute_table(table, key[, slots])}: turns an empty table that exists on every
     * group into a hash-partitioned table that holds, on each group, only the partitions of the slots
     * the group owns.
     */
    public String distributeTable(String table, String shardKey, int slots) throws SQLException {
        return declarations.distributeTable(table, shardKey, slots);
    }

    /**
     * {@code synapse.reference_table(table)}: declares a table that exists on every group as a full
     * copy in every group. Rows the home group already holds are copied to the other groups, which
     * must be empty.
     */
    public String referenceTable(String table) throws SQLException {
        return declarations.referenceTable(table);
    }

    /**
     * {@code synapse.undistribute_table(table)}: forgets a declaration (the table and its partitions
     * stay as they are on each group). Used before dropping a table outside the driver.
     */
    public String forgetTable(String table) throws SQLException {
        return declarations.forgetTable(table);
    }

    /** The partition that holds slot {@code slot} of {@code relname} on its owning group. */
    public static String partitionName(String relname, int slot) {
        return Partitions.name(relname, slot);
    }
}
