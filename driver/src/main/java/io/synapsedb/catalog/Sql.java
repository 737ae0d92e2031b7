package io.synapsedb.catalog;

/** Quoting of identifiers for SQL the driver writes itself. */
public final class Sql {

    private Sql() {
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
