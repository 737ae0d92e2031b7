package io.synapsedb.core;

import java.util.Locale;

/**
 * PostgreSQL types a shard key may have. The driver computes PostgreSQL's own hash-partition
 * hash for each of them in Java.
 */
public enum KeyType {
    INT2("smallint"),
    INT4("integer"),
    INT8("bigint"),
    TEXT("text"),
    VARCHAR("character varying"),
    UUID("uuid");

    private final String sqlName;

    KeyType(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The name {@code format_type()} / {@code information_schema} gives this type. */
    public String sqlName() {
        return sqlName;
    }

    /**
     * Maps a PostgreSQL type name (as {@code format_type} or {@code pg_type.typname} spells it) to a
     * key type, or {@code null} when the type cannot be a shard key.
     */
    public static KeyType fromPostgresName(String name) {
        String n = name.toLowerCase(Locale.ROOT).trim();
        int paren = n.indexOf('(');
        if (paren > 0) {
            n = n.substring(0, paren).trim();
        }
        switch (n) {
            case "int2": case "smallint": case "smallserial": return INT2;
            case "int4": case "integer": case "int": case "serial": return INT4;
            case "int8": case "bigint": case "bigserial": return INT8;
            case "text": return TEXT;
            case "varchar": case "character varying": return VARCHAR;
            case "uuid": return UUID;
            default: return null;
        }
    }
}
