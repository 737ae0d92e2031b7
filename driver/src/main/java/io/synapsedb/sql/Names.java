package io.synapsedb.sql;

import io.synapsedb.catalog.Sql;
import net.sf.jsqlparser.schema.Table;

/**
 * Identifier normalisation as PostgreSQL resolves names: an unquoted identifier is folded to lower
 * case, a quoted one is taken literally (without its quotes). Table names drop the {@code public}
 * schema and keep any other as {@code schema.table}; a database part is ignored.
 */
final class Names {

    private Names() {
    }

    /** The identifier as PostgreSQL sees it: quotes removed ({@code ""} unescaped), else lower case. */
    static String identifier(String raw) {
        return Sql.identifier(raw);
    }

    /** Normalised table name of a schema (possibly null) and a table identifier, both raw. */
    static String table(String rawSchema, String rawName) {
        return Sql.tableName(rawSchema, rawName);
    }

    /** Normalised name of a parsed table. */
    static String table(Table t) {
        return table(t.getSchemaName(), t.getName());
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

    /** The identifier quoted for SQL text. */
    static String quote(String normalized) {
        return Sql.ident(normalized);
    }
}
