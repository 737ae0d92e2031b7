package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The correctness oracle of scatter-gather: the same random rows in a 3-group cluster and in one
 * plain PostgreSQL, and at least 1,000 generated queries (filters, ORDER BY with ties broken by the
 * key, LIMIT/OFFSET, aggregates, GROUP BY/HAVING, DISTINCT, co-located and reference joins) whose
 * answers must be equal: as lists where the query fixes the order, as multisets where it does
 * not. The seed is printed with a failure; {@code -Dsynapse.oracle.seed=...} replays it.
 */
@LocalPostgres(nodes = 4)
class DifferentialIT {

    private static final int QUERIES = Integer.getInteger("synapse.oracle.queries", 1200);
    private static LocalCluster servers;
    private static OracleCluster db;

    @BeforeAll
    static void start() throws Exception {
        db = OracleCluster.on(servers, null);
        db.both("CREATE TABLE dt (k bigint PRIMARY KEY, a int, b int, c text, d numeric(12,2))");
        db.both("CREATE TABLE du (k bigint, n int, PRIMARY KEY (k, n))");
        db.both("CREATE TABLE dr (a int PRIMARY KEY, label text)");
        try (Statement st = db.synapse.createStatement()) {
            st.execute("SELECT synapse.distribute_table('dt', 'k')");
            st.execute("SELECT synapse.distribute_table('du', 'k')");
        }
        Random r = new Random(20240601);
        StringBuilder t = new StringBuilder();
        StringBuilder u = new StringBuilder();
        for (int k = 1; k <= 1500; k++) {
            t.append(k == 1 ? "" : ",").append('(').append(k).append(',')
                    .append(r.nextInt(12) == 0 ? "NULL" : String.valueOf(r.nextInt(10) - 3)).append(',')
                    .append(r.nextInt(500)).append(',')
                    .append(r.nextInt(9) == 0 ? "NULL" : "'" + (char) ('a' + r.nextInt(6)) + r.nextInt(3) + "'")
                    .append(',').append(r.nextInt(9) == 0 ? "NULL" : String.valueOf((r.nextInt(2000000) - 1000000)
                            / 100.0)).append(')');
            int children = r.nextInt(3);
            for (int n = 0; n < children; n++) {
                u.append(u.length() == 0 ? "" : ",").append('(').append(k).append(',').append(n).append(')');
            }
        }
        db.both("INSERT INTO dt VALUES " + t);
        db.both("INSERT INTO du VALUES " + u);
        db.both("INSERT INTO dr SELECT g, 'label ' || g FROM generate_series(-3, 4) g");
        try (Statement st = db.synapse.createStatement()) {
            st.execute("SELECT synapse.reference_table('dr')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** One generated query and whether its order is fixed. */
    private record Query(String sql, boolean ordered) { }

    @Test
    void clusterAnswersEqualOneServersAnswers() throws SQLException {
        long seed = Long.getLong("synapse.oracle.seed", System.nanoTime());
        Random r = new Random(seed);
        int compared = 0;
        for (int i = 0; i < QUERIES; i++) {
            Query q = generate(r);
            List<List<String>> mine;
            List<List<String>> oracle;
            try (Statement st = db.plain.createStatement(); ResultSet rs = st.executeQuery(q.sql())) {
                oracle = OracleCluster.rows(rs);
            }
            try (Statement st = db.synapse.createStatement(); ResultSet rs = st.executeQuery(q.sql())) {
                mine = OracleCluster.rows(rs);
            } catch (SQLException e) {
                throw new AssertionError("seed " + seed + ", query " + i + ": " + q.sql() + " failed: " + e, e);
            }
            if (!q.ordered()) {
                sortBody(mine);
                sortBody(oracle);
            }
            assertThat(mine).as("seed %d, query %d: %s", seed, i, q.sql()).isEqualTo(oracle);
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(1000);
    }

    private static void sortBody(List<List<String>> rows) {
        List<List<String>> body = new ArrayList<>(rows.subList(1, rows.size()));
        body.sort(Comparator.comparing(Object::toString));
        for (int i = 0; i < body.size(); i++) {
            rows.set(i + 1, body.get(i));
        }
    }

    private static final String[] COLUMNS = {"a", "b", "c", "d"};

    private static String filter(Random r, String q) {
        switch (r.nextInt(8)) {
            case 0:
                return "";
            case 1:
                return " WHERE " + q + "a > " + (r.nextInt(8) - 4);
            case 2:
                return " WHERE " + q + "c = '" + (char) ('a' + r.nextInt(6)) + r.nextInt(3) + "'";
            case 3:
                int lo = r.nextInt(400);
                return " WHERE " + q + "b BETWEEN " + lo + " AND " + (lo + r.nextInt(200));
            case 4:
                return " WHERE " + q + "a IS NULL OR " + q + "d < 0";
            case 5:
                return " WHERE " + q + "k IN (" + (1 + r.nextInt(1500)) + ", " + (1 + r.nextInt(1500)) + ", "
                        + (1 + r.nextInt(1500)) + ")";
            case 6:
                return " WHERE " + q + "c LIKE '" + (char) ('a' + r.nextInt(6)) + "%'";
            default:
                return " WHERE " + q + "d IS NOT NULL AND " + q + "b % 3 = " + r.nextInt(3);
        }
    }

    private static String direction(Random r) {
        return (r.nextBoolean() ? " ASC" : " DESC") + (r.nextInt(3) == 0 ? "" : r.nextBoolean() ? " NULLS FIRST"
                : " NULLS LAST");
    }

    private static String limit(Random r) {
        switch (r.nextInt(5)) {
            case 0:
                return " LIMIT " + r.nextInt(30);
            case 1:
                return " LIMIT " + (1 + r.nextInt(20)) + " OFFSET " + r.nextInt(50);
            case 2:
                return " OFFSET " + r.nextInt(1400);
            case 3:
                return " FETCH FIRST " + (1 + r.nextInt(10)) + " ROWS ONLY";
            default:
                return "";
        }
    }

    private static Query generate(Random r) {
        switch (r.nextInt(6)) {
            case 0:
            case 1: {
                // Plain rows, ordered by random columns with the key last (a total order).
                String items = r.nextBoolean() ? "k, a, c" : r.nextBoolean() ? "*" : "k, d, b";
                StringBuilder order = new StringBuilder(" ORDER BY ");
                int keys = r.nextInt(3);
                for (int i = 0; i < keys; i++) {
                    String col = COLUMNS[r.nextInt(COLUMNS.length)];
                    order.append(r.nextInt(4) == 0 ? "(" + col + ")" : col).append(direction(r)).append(", ");
                }
                order.append("k").append(r.nextBoolean() ? " DESC" : "");
                return new Query("SELECT " + items + " FROM dt" + filter(r, "") + order + limit(r), true);
            }
            case 2: {
                // Aggregates without GROUP BY: one row.
                String[] aggs = {"count(*)", "count(a)", "sum(b)", "sum(d)", "min(c)", "max(c)", "min(d)", "max(b)",
                    "avg(a)", "avg(d)", "avg(b)"};
                List<String> items = new ArrayList<>();
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(aggs[r.nextInt(aggs.length)]);
                }
                return new Query("SELECT " + String.join(", ", items) + " FROM dt" + filter(r, ""), true);
            }
            case 3: {
                // GROUP BY with HAVING, ordered by the group key (total order) or unordered.
                String g = r.nextBoolean() ? "a" : "c";
                String[] aggs = {"count(*)", "sum(b)", "avg(d)", "min(d)", "max(b)", "avg(b)"};
                String agg = aggs[r.nextInt(aggs.length)];
                String having = switch (r.nextInt(4)) {
                    case 0 -> " HAVING count(*) > " + r.nextInt(150);
                    case 1 -> " HAVING sum(b) < " + r.nextInt(60000) + " OR count(*) = " + r.nextInt(100);
                    case 2 -> " HAVING NOT (max(b) >= " + r.nextInt(500) + ")";
                    default -> "";
                };
                boolean ordered = r.nextInt(3) > 0;
                String order = ordered ? " ORDER BY " + (r.nextBoolean() ? g : "1") + direction(r) : "";
                String lim = ordered ? limit(r) : "";
                return new Query("SELECT " + g + ", " + agg + " FROM dt" + filter(r, "") + " GROUP BY " + g + having
                        + order + lim, ordered);
            }
            case 4: {
                // DISTINCT, ordered by all its columns or not at all.
                String cols = r.nextBoolean() ? "a" : r.nextBoolean() ? "c" : "a, c";
                boolean ordered = r.nextBoolean();
                String order = ordered ? " ORDER BY " + cols.replace(", ", direction(r) + ", ") + direction(r) : "";
                return new Query("SELECT DISTINCT " + cols + " FROM dt" + filter(r, "") + order
                        + (ordered ? limit(r) : ""), ordered);
            }
            default: {
                // Allowed joins: co-located on the shard key, and with a reference table.
                if (r.nextBoolean()) {
                    boolean agg = r.nextBoolean();
                    if (agg) {
                        return new Query("SELECT t.c, count(*), sum(u.n) FROM dt t JOIN du u ON t.k = u.k"
                                + filter(r, "t.") + " GROUP BY t.c ORDER BY t.c NULLS FIRST", true);
                    }
                    return new Query("SELECT t.k, u.n, t.a FROM dt t JOIN du u ON t.k = u.k" + filter(r, "t.")
                            + " ORDER BY t.a" + direction(r) + ", t.k, u.n" + limit(r), true);
                }
                return new Query("SELECT t.k, x.label FROM dt t JOIN dr x ON x.a = t.a" + filter(r, "t.")
                        + " ORDER BY x.label DESC, t.k" + limit(r), true);
            }
        }
    }
}
