package io.synapsedb.it;

import io.synapsedb.local.LocalNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a SynapseDB cluster with a plain PostgreSQL (the oracle) that ran the same statements:
 * every node's schema of {@code public} and {@code synapse} is identical (a slot's partitions, which
 * differ by design, left out), and every table of {@code public} holds exactly the oracle's rows:
 * a distributed table in the union of its groups, a reference table in every group, an undeclared
 * table on the home group and nowhere else. Reads go to each node directly, never through the
 * driver.
 */
final class ClusterChecker implements AutoCloseable {

    /** One line per table, column, constraint, index, view and function; partitions left out. */
    private static final String SCHEMA = """
            SELECT coalesce(string_agg(line, E'\\n' ORDER BY line), '') FROM (
              SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text AS line
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname IN ('public', 'synapse') AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                 AND NOT c.relispartition
              UNION ALL
              SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attnum || ' ' || a.attname || ' '
                     || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                     || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
               WHERE n.nspname IN ('public', 'synapse') AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                 AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
              UNION ALL
              SELECT 'constraint ' || n.nspname || '.' || c.relname || ' ' || con.conname || ' '
                     || pg_get_constraintdef(con.oid)
                FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname IN ('public', 'synapse') AND NOT c.relispartition
              UNION ALL
              SELECT 'index ' || n.nspname || '.' || c.relname || ' ' || pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname IN ('public', 'synapse') AND NOT c.relispartition
              UNION ALL
              SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname IN ('public', 'synapse') AND c.relkind IN ('v', 'm')
              UNION ALL
              SELECT 'routine ' || p.oid::regprocedure::text || ' ' || md5(p.prosrc)
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE n.nspname IN ('public', 'synapse')
            ) lines""";

    private static final String TABLES = "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace"
            + " AND c.relkind IN ('r', 'p') AND NOT c.relispartition";

    private final List<Connection> nodes = new ArrayList<>();
    private final int home;
    private final Connection oracle;

    ClusterChecker(List<LocalNode> cluster, int home, LocalNode oracle) throws SQLException {
        for (LocalNode n : cluster) {
            nodes.add(n.connect());
        }
        this.home = home;
        this.oracle = oracle.connect();
    }

    /**
     * Fails with an {@link AssertionError} saying what differs, after {@code what}.
     */
    void check(String what) throws SQLException {
        String first = text(nodes.get(0), SCHEMA);
        for (int i = 1; i < nodes.size(); i++) {
            String other = text(nodes.get(i), SCHEMA);
            if (!other.equals(first)) {
                throw new AssertionError("after " + what + ": the schema of node" + i + " differs from node0's: "
                        + difference(first, other));
            }
        }
        Map<String, String> kinds = new HashMap<>();
        try (Statement st = nodes.get(home).createStatement();
             ResultSet rs = st.executeQuery("SELECT name, kind FROM synapse.tables")) {
            while (rs.next()) {
                kinds.put(rs.getString(1), rs.getString(2));
            }
        }
        TreeSet<String> tables = new TreeSet<>(ClusterSupport.firstColumn(oracle, TABLES));
        TreeSet<String> clusterTables = new TreeSet<>(ClusterSupport.firstColumn(nodes.get(home), TABLES));
        if (!tables.equals(clusterTables)) {
            throw new AssertionError("after " + what + ": the oracle has tables " + tables + ", the cluster " + clusterTables);
        }
        for (String table : tables) {
            List<String> expected = rows(oracle, table);
            String kind = kinds.get(table);
            if ("DISTRIBUTED".equals(kind)) {
                List<String> union = new ArrayList<>();
                for (Connection n : nodes) {
                    union.addAll(rows(n, table));
                }
                Collections.sort(union);
                compare(what, table + " (the union of the groups)", expected, union);
            } else {
                for (int i = 0; i < nodes.size(); i++) {
                    boolean holds = "REFERENCE".equals(kind) || i == home;
                    compare(what, table + " on node" + i, holds ? expected : List.of(), rows(nodes.get(i), table));
                }
            }
        }
    }

    private static void compare(String what, String where, List<String> expected, List<String> actual) {
        if (!expected.equals(actual)) {
            List<String> missing = new ArrayList<>(expected);
            actual.forEach(missing::remove);
            List<String> extra = new ArrayList<>(actual);
            expected.forEach(extra::remove);
            throw new AssertionError("after " + what + ": rows of " + where + " differ from PostgreSQL's: missing "
                    + abbreviate(missing) + ", extra " + abbreviate(extra));
        }
    }

    private static String abbreviate(List<String> rows) {
        String s = rows.toString();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static String difference(String a, String b) {
        TreeSet<String> onlyA = new TreeSet<>(List.of(a.split("\n")));
        TreeSet<String> onlyB = new TreeSet<>(List.of(b.split("\n")));
        TreeSet<String> common = new TreeSet<>(onlyA);
        common.retainAll(onlyB);
        onlyA.removeAll(common);
        onlyB.removeAll(common);
        return "only on node0 " + onlyA + ", only on the other " + onlyB;
    }

    private static List<String> rows(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>(ClusterSupport.firstColumn(c, "SELECT row_to_json(t)::text FROM "
                + io.synapsedb.core.Sql.ident(table) + " t"));
        Collections.sort(out);
        return out;
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : nodes) {
            c.close();
        }
        oracle.close();
    }
}
