package io.synapsedb.catalog;

import io.synapsedb.core.Sql;
import io.synapsedb.core.SqlStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a declaration must know of a table on one node before it changes anything: that it exists,
 * its shard-key column's type, position and sequence, and whether it holds rows.
 */
final class TableFacts {

    /**
     * The shard-key column of a table.
     *
     * @param type PostgreSQL's name of its type ({@code format_type})
     * @param ordinal its zero-based position among the table's columns
     * @param sequence the sequence of a serial or identity column, or {@code null}
     * @param identity an identity column ({@code GENERATED ... AS IDENTITY})
     * @param identityAlways {@code GENERATED ALWAYS AS IDENTITY}
     */
    record Column(String type, int ordinal, String sequence, boolean identity, boolean identityAlways) {
    }

    private TableFacts() {
    }

    /**
     * The column {@code key} of {@code table}, or {@code null} for a {@code null} key (then only
     * the table's existence is checked).
     *
     * @throws SQLException 42P01 when the table does not exist, 42703 when the column does not
     */
    static Column column(Connection c, String table, String key) throws SQLException {
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
                return new Column(rs.getString(2), rs.getInt(5), rs.getString(4),
                        identity != null && !identity.isEmpty(), "a".equals(identity));
            }
        }
    }

    static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, Sql.table(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static boolean hasRows(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + Sql.table(table) + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The sequence behind a serial or identity column, qualified, or {@code null}. */
    static String serialSequence(Connection c, String table, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            ps.setString(1, Sql.table(table));
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
