package io.synapsedb.exec.merge;

import io.synapsedb.sql.MergePlan.SortKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Sorts, de-duplicates and cuts rows that are held in memory (combined aggregate rows). */
public final class RowSorter {

    private RowSorter() {
    }

    /** Compares rows by the sort keys; the keys' columns must be absolute (1-based). */
    public static int compareRows(Object[] a, Object[] b, List<SortKey> keys) throws SQLException {
        for (SortKey k : keys) {
            int c = ValueOrder.compareKey(a[k.column() - 1], b[k.column() - 1], k.descending(), k.nullsFirst());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Sorts {@code rows} in place (stable). */
    public static void sort(List<Object[]> rows, List<SortKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try {
            rows.sort((Comparator<Object[]>) (a, b) -> {
                try {
                    return compareRows(a, b, keys);
                } catch (SQLException e) {
                    throw new Unchecked(e);
                }
            });
        } catch (Unchecked u) {
            throw u.cause;
        }
    }

    /** Keeps the first of rows equal in their first {@code width} columns. */
    public static List<Object[]> distinct(List<Object[]> rows, int width) {
        Set<List<Object>> seen = new HashSet<>();
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            if (seen.add(key(r, width))) {
                out.add(r);
            }
        }
        return out;
    }

    /** The SQL-equality key of a row's first {@code width} values. */
    public static List<Object> key(Object[] row, int width) {
        List<Object> key = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            key.add(ValueOrder.groupKey(row[i]));
        }
        return key;
    }

    /** Rows {@code offset .. offset+limit} ({@code limit < 0}: no limit). */
    public static List<Object[]> cut(List<Object[]> rows, long offset, long limit) {
        int from = (int) Math.min(rows.size(), Math.max(0, offset));
        long to = limit < 0 ? rows.size() : Math.min(rows.size(), from + limit);
        return rows.subList(from, (int) to);
    }

    /** Carries an SQLException through a Comparator. */
    public static final class Unchecked extends RuntimeException {
        private final SQLException cause;

        public Unchecked(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }

        public SQLException sqlException() {
            return cause;
        }
    }
}
