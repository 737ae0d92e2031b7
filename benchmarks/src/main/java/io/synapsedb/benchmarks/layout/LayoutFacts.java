package io.synapsedb.benchmarks.layout;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an application and the driver see of one layout besides its speed: what PostgreSQL does
 * with writes and reads that reach the group after a slot has left it (a stale route), and how
 * the table looks in {@code SELECT *}, {@code DatabaseMetaData} and error messages.
 *
 * @param layout the layout's name
 * @param staleInsert a single-row INSERT of a new key of the departed slot, as the driver sends it
 * @param staleUpdate an UPDATE by a key of the departed slot (its row now lives on another group)
 * @param staleRead a SELECT by that key
 * @param duplicateKey an INSERT of a key that exists: which constraint the error names
 * @param upsert {@code INSERT ... ON CONFLICT (k) DO UPDATE} of an existing key
 * @param selectStar the columns of {@code SELECT *} from the logical table
 * @param metaColumns {@code DatabaseMetaData.getColumns} of the logical table
 * @param metaPrimaryKey {@code DatabaseMetaData.getPrimaryKeys} of the logical table
 * @param metaTables the relations of the table's partition tree as {@code getTables} lists them
 */
record LayoutFacts(String layout, String staleInsert, String staleUpdate, String staleRead, String duplicateKey,
        String upsert, String selectStar, String metaColumns, String metaPrimaryKey, String metaTables) {

    /** Probes {@code layout} once {@code departed} has left the group (its rows gone, its fence narrowed). */
    static LayoutFacts probe(Connection c, Layout layout, GroupRows rows, int departed) throws SQLException {
        LayoutStatements st = new LayoutStatements(layout, rows.slots());
        String t = layout.table();
        long stale = keyInSlot(rows, departed, true);
        long fresh = rows.freshKeyIn(departed);
        long present = keyInSlot(rows, departed, false);
        int presentSlot = rows.slotOf(present);
        String insert = "INSERT INTO " + layout.keyedRelation(t, departed) + " (k, cat, score, payload)"
                + " VALUES (?, 0, 0, 'stale')";
        String staleInsert = StatementOutcome.of(c, insert, ps -> ps.setLong(1, fresh));
        String staleUpdate = StatementOutcome.of(c, st.update(departed), ps -> {
            ps.setString(1, "stale");
            ps.setLong(2, stale);
            LayoutOp.guard(ps, st, 3, stale, departed);
        });
        String staleRead = StatementOutcome.of(c, st.read(departed), ps -> {
            ps.setLong(1, stale);
            LayoutOp.guard(ps, st, 2, stale, departed);
        });
        String duplicate = StatementOutcome.of(c, "INSERT INTO " + layout.keyedRelation(t, presentSlot)
                + " (k, cat, score, payload) VALUES (?, 0, 0, 'duplicate')", ps -> ps.setLong(1, present));
        String upsert = StatementOutcome.of(c, "INSERT INTO " + layout.unkeyedRelation(t) + " (k, cat, score, payload)"
                + " VALUES (?, ?, ?, 'upsert') ON CONFLICT (k) DO UPDATE SET payload = excluded.payload", ps -> {
                    ps.setLong(1, present);
                    ps.setInt(2, rows.category(present));
                    ps.setDouble(3, GroupRows.score(present));
                });
        return new LayoutFacts(layout.name(), staleInsert, staleUpdate, staleRead, duplicate, upsert,
                selectStar(c, t), metaColumns(c.getMetaData(), t), metaPrimaryKey(c.getMetaData(), t),
                metaTables(c, t));
    }

    /** A key of the group's rows that is ({@code inSlot}) or is not in {@code slot}. */
    private static long keyInSlot(GroupRows rows, int slot, boolean inSlot) {
        for (long k : rows.keys()) {
            if ((rows.slotOf(k) == slot) == inSlot) {
                return k;
            }
        }
        throw new IllegalStateException("no key " + (inSlot ? "in" : "outside") + " slot " + slot);
    }

    private static String selectStar(Connection c, String t) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + t + " LIMIT 0")) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i));
            }
            return String.join(", ", names);
        }
    }

    private static String metaColumns(DatabaseMetaData md, String t) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, "public", t, "%")) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
        }
        return String.join(", ", names);
    }

    private static String metaPrimaryKey(DatabaseMetaData md, String t) throws SQLException {
        List<String> columns = new ArrayList<>();
        String name = null;
        try (ResultSet rs = md.getPrimaryKeys(null, "public", t)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME"));
                name = rs.getString("PK_NAME");
            }
        }
        return name == null ? "none" : name + " (" + String.join(", ", columns) + ")";
    }

    /** How many relations {@code getTables} lists for the table's partition tree, by type. */
    private static String metaTables(Connection c, String t) throws SQLException {
        Set<String> tree = new TreeSet<>(Set.of(t)); // pg_partition_tree lists nothing for a plain table
        try (PreparedStatement ps = c.prepareStatement("SELECT relid::regclass::text FROM pg_partition_tree(?)")) {
            ps.setString(1, t);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tree.add(rs.getString(1));
                }
            }
        }
        Map<String, Integer> byType = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", null)) {
            while (rs.next()) {
                if (tree.contains(rs.getString("TABLE_NAME"))) {
                    byType.merge(rs.getString("TABLE_TYPE"), 1, Integer::sum);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        byType.forEach((type, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(type));
        return sb.toString();
    }
}
