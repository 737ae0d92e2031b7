package io.synapsedb.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What one node records about its own schema in the {@code synapse} schema, for the driver's
 * {@code synapse.schema_versions} view.
 *
 * @param schemaVersion {@code synapse.meta.ddl_version}, 0 when absent
 * @param catalogVersion {@code synapse.meta.catalog_version}, 0 when absent
 * @param lastChange the newest {@code synapse.schema_history.change}, or null
 * @param appliedAt its {@code applied_at} in PostgreSQL's text form, or null
 */
public record SchemaRecord(long schemaVersion, long catalogVersion, String lastChange, String appliedAt) {

    /** Reads the record of the node {@code c} is connected to; tolerates a node made by an older driver. */
    public static SchemaRecord read(Connection c) throws SQLException {
        return CatalogStore.readSchemaRecord(c);
    }
}
