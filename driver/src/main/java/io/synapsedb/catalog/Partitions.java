package io.synapsedb.catalog;

import io.synapsedb.core.Sql;
import io.synapsedb.core.SqlStates;
import io.synapsedb.placement.Placement;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The partitions of a distributed table on one group: their names, and the DDL that turns a plain
 * table into a hash-partitioned one holding the partitions of the slots the group owns.
 */
final class Partitions {

    private Partitions() {
    }

    /** The partition that holds slot {@code slot} of {@code relname} on its owning group. */
    static String name(String relname, int slot) {
        return relname + "_s" + slot;
    }

    /**
     * Refuses a slot count whose partition names PostgreSQL would truncate (63 bytes) until two of
     * them collide.
     *
     * @throws SQLException 42622 naming the longest partition name
     */
    static void checkNames(String table, int slots) throws SQLException {
        String longest = name(Sql.relname(table), slots - 1);
        if (longest.getBytes(StandardCharsets.UTF_8).length > Sql.MAX_IDENTIFIER_BYTES) {
            throw new SQLException("cannot distribute table " + table + ": its partitions' names (" + longest
                    + ") would be longer than PostgreSQL's 63 bytes; rename the table", SqlStates.NAME_TOO_LONG);
        }
    }

    /**
     * Replaces the plain table by a hash-partitioned one with the same columns, defaults, constraints
     * and indexes, holding the partitions of the slots {@code groupName} owns, inside the caller's
     * transaction on {@code c}.
     *
     * @throws SQLException the server's error, with the table and key in front
     */
    static void repartition(Connection c, String table, String key, int slots, Placement placement,
            String groupName, String sequence) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : repartitionStatements(table, key, slots, placement, groupName, sequence)) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new SQLException("cannot distribute table " + table + " by " + key + ": " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }

    /**
     * The statements of {@link #repartition}, in order. A serial key's sequence survives: its
     * ownership moves to the new table before the old one is dropped ({@code sequence} {@code null}
     * for none, and for an identity column, which gets a new sequence from {@code LIKE ... INCLUDING
     * ALL}).
     */
    static List<String> repartitionStatements(String table, String key, int slots, Placement placement,
            String groupName, String sequence) {
        String rel = Sql.relname(table);
        String schemaPrefix = table.contains(".") ? Sql.ident(table.substring(0, table.indexOf('.'))) + "." : "";
        String old = rel + "__synapse_old";
        List<String> out = new ArrayList<>();
        out.add("ALTER TABLE " + Sql.table(table) + " RENAME TO " + Sql.ident(old));
        out.add("CREATE TABLE " + Sql.table(table) + " (LIKE " + schemaPrefix + Sql.ident(old)
                + " INCLUDING ALL) PARTITION BY HASH (" + Sql.ident(key) + ")");
        for (int s = 0; s < slots; s++) {
            if (placement.groupNameOf(s).equals(groupName)) {
                out.add("CREATE TABLE " + schemaPrefix + Sql.ident(name(rel, s)) + " PARTITION OF "
                        + Sql.table(table) + " FOR VALUES WITH (MODULUS " + slots + ", REMAINDER " + s + ")");
            }
        }
        if (sequence != null) {
            out.add("ALTER SEQUENCE " + sequence + " OWNED BY NONE");
        }
        out.add("DROP TABLE " + schemaPrefix + Sql.ident(old));
        if (sequence != null) {
            out.add("ALTER SEQUENCE " + sequence + " OWNED BY " + Sql.table(table) + "." + Sql.ident(key));
        }
        return out;
    }
}
