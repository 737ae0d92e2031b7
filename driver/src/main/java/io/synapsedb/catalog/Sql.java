package io.synapsedb.catalog;

import java.util.Locale;

/**
 * Identifiers as PostgreSQL reads them, and quoting of identifiers for SQL the driver writes
 * itself. The analyser, the catalog and the router all normalise names here, so that a name means
 * the same table everywhere.
 */
public final class Sql {

    private Sql() {
    }

    /**
     * The identifier as PostgreSQL resolves it: a quoted one taken literally (quotes removed,
     * {@code ""} unescaped), an unquoted one folded to lower case; null stays null.
     */
    public static String identifier(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * The normalised name of a table given as a raw schema (possibly null) and a raw table
     * identifier: {@code table}, or {@code schema.table} for a schema other than {@code public}.
     */
    public static String tableName(String rawSchema, String rawName) {
        String name = identifier(rawName);
        String schema = identifier(rawSchema);
        if (schema == null || schema.isEmpty() || schema.equals("public")) {
            return name;
        }
        return schema + "." + name;
    }

    /** Quotes one identifier the way PostgreSQL's quote_ident does when needed (always, here). */
    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Quotes a normalised table name ({@code table} or {@code schema.table}) as a qualified
     * identifier.
     */
    public static String table(String normalizedName) {
        int dot = normalizedName.indexOf('.');
        if (dot < 0) {
            return ident(normalizedName);
        }
        return ident(normalizedName.substring(0, dot)) + "." + ident(normalizedName.substring(dot + 1));
    }

    /** The bare relation name of a normalised table name (without its schema). */
    public static String relname(String normalizedName) {
        int dot = normalizedName.indexOf('.');
        return dot < 0 ? normalizedName : normalizedName.substring(dot + 1);
    }

    /** A string literal, for the driver's own constant text only (never user values). */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
