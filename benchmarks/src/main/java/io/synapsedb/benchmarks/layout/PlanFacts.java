package io.synapsedb.benchmarks.layout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own account of one read on one layout ({@code EXPLAIN (ANALYZE, SUMMARY)} on a
 * warm connection, with the values as literals, so a custom plan): planning and execution time
 * (medians of a few) and how many relations the plan reads. It says where a layout's time goes.
 *
 * @param layout the layout's name
 * @param op the operation
 * @param planningMs median planning time
 * @param executionMs median execution time
 * @param relations tables and partitions the plan scans
 * @param top the plan's top node
 */
record PlanFacts(String layout, LayoutOp op, double planningMs, double executionMs, int relations, String top) {

    private static final Pattern PLANNING = Pattern.compile("Planning Time: ([0-9.]+) ms");
    private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");
    /** A scan of a table or partition (a bitmap index scan reads an index, counted with its heap scan). */
    private static final Pattern SCAN = Pattern.compile("(?<!Bitmap Index )Scan .*\\bon \\w+");
    private static final int RUNS = 5;

    /** The reads that have a plan worth showing (writes would change the rows). */
    static final LayoutOp[] OPS = {LayoutOp.READ, LayoutOp.SCAN, LayoutOp.TOP10, LayoutOp.LOOKUP};

    static PlanFacts explain(Connection c, Layout layout, LayoutOp op, GroupRows rows) throws SQLException {
        long key = rows.keys()[rows.size() / 2];
        int slot = rows.slotOf(key);
        LayoutStatements st = new LayoutStatements(layout, rows.slots());
        String sql = switch (op) {
            case READ -> literal(st.read(slot), key, slot);
            case SCAN -> st.scan().replaceFirst("\\?", Long.toString(key)).replaceFirst("\\?", "50");
            case TOP10 -> st.top10();
            case LOOKUP -> st.lookup().replace("?", Integer.toString(rows.category(key)));
            default -> throw new IllegalArgumentException("no plan for " + op);
        };
        double[] planning = new double[RUNS];
        double[] execution = new double[RUNS];
        int relations = 0;
        String top = "";
        for (int r = 0; r < RUNS; r++) {
            relations = 0;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, SUMMARY, COSTS OFF) " + sql)) {
                boolean first = true;
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (first) {
                        top = line.trim().replaceAll(" \\(actual.*", "");
                        first = false;
                    }
                    relations += SCAN.matcher(line).find() ? 1 : 0;
                    planning[r] = value(PLANNING, line, planning[r]);
                    execution[r] = value(EXECUTION, line, execution[r]);
                }
            }
        }
        return new PlanFacts(layout.name(), op, median(planning), median(execution), relations, top);
    }

    /** The point read with its key (and the guard's key and slot) written in. */
    private static String literal(String sql, long key, int slot) {
        return sql.replaceFirst("\\?", Long.toString(key)).replaceFirst("\\?", Long.toString(key))
                .replaceFirst("\\?", Integer.toString(slot));
    }

    private static double value(Pattern p, String line, double otherwise) {
        Matcher m = p.matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : otherwise;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
