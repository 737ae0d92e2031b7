package io.synapsedb.sql;

import io.synapsedb.core.Sql;
import net.sf.jsqlparser.schema.Table;

/**
 * Names of tables the parser read, normalised by {@link Sql} (the one identifier normaliser): table
 * names drop the {@code public} schema and keep any other as {@code schema.table}; a database part
 * is ignored.
 */
final class Names {

    private Names() {
    }

    /** Normalised name of a parsed table. */
    static String table(Table t) {
        return Sql.tableName(t.getSchemaName(), t.getName());
    }

    /**
     * A system relation: in {@code pg_catalog}, {@code information_schema}, {@code synapse}, any
     * {@code pg_*} schema, or an unqualified {@code pg_*} name (which resolves to pg_catalog).
     */
    static boolean isSystem(String normalizedName) {
        int dot = normalizedName.indexOf('.');
        if (dot < 0) {
            return normalizedName.startsWith("pg_");
        }
        String schema = normalizedName.substring(0, dot);
        return schema.startsWith("pg_") || schema.equals("information_schema") || schema.equals("synapse");
    }
}
