package io.synapsedb.exec.merge;

import io.synapsedb.core.Failures;
import io.synapsedb.core.SqlStates;
import io.synapsedb.sql.MergePlan.SortKey;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The rows of one or more groups merged as they stream: in the groups' order one after another,
 * or, with sort keys (ORDER BY), by a k-way merge of the groups' sorted results (each group keeps
 * at most its fetch size of rows in memory; the merge keeps one sort key per group, ties broken by
 * group order). Then DISTINCT, OFFSET and LIMIT. Trailing columns the driver added (hidden sort
 * columns) are not part of the result.
 */
public final class StreamedRows implements MergedRows {

    /** Runs when the rows close (ends the groups' read transactions of a streamed read). */
    public interface Finisher {
        void finish() throws SQLException;
    }

    private final List<ResultSet> parts;
    private final List<SortKey> keys;
    private final int hidden;
    private final boolean distinct;
    private final long offset;
    private final long limit;
    private final Finisher finisher;

    private int[] keyColumns;
    private int width;
    private PriorityQueue<Cursor> heap;
    private Cursor head;
    private int concatIndex;
    private ResultSet current;
    private long skipped;
    private long returned;
    private int row;
    private boolean done;
    private Set<List<Object>> seen;
    private Object[] seenSortKey;
    private volatile String invalidated;

    private static final class Cursor {
        final int part;
        final ResultSet rs;
        Object[] key;

        Cursor(int part, ResultSet rs) {
            this.part = part;
            this.rs = rs;
        }
    }

    /**
     * @param keys sort keys, empty for the groups one after another
     * @param hidden trailing columns the driver added
     * @param limit at most this many rows; negative for no limit
     * @param finisher run when the rows close, or null
     */
    public StreamedRows(List<ResultSet> parts, List<SortKey> keys, int hidden, boolean distinct, long offset,
            long limit, Finisher finisher) {
        this.parts = List.copyOf(parts);
        this.keys = keys;
        this.hidden = hidden;
        this.distinct = distinct;
        this.offset = Math.max(0, offset);
        this.limit = limit;
        this.finisher = finisher;
    }

    /** The groups' rows one after another, nothing else. */
    public static StreamedRows concat(List<ResultSet> parts) {
        return new StreamedRows(parts, List.of(), 0, false, 0, -1, null);
    }

    /** Another statement ended the read transactions these rows stream from. */
    public void invalidate(String why) {
        invalidated = why;
    }

    @Override
    public ResultSet current() {
        return current != null ? current : parts.get(0);
    }

    @Override
    public ResultSetMetaData metaData() throws SQLException {
        ResultSetMetaData m = current().getMetaData();
        return hidden == 0 ? m : new MergedMetaData(m, hidden, null);
    }

    @Override
    public int width() throws SQLException {
        if (width == 0) {
            width = parts.get(0).getMetaData().getColumnCount() - hidden;
        }
        return width;
    }

    @Override
    public boolean next() throws SQLException {
        if (invalidated != null) {
            throw new SQLException("the merged result can no longer be read: " + invalidated,
                    SqlStates.INVALID_CURSOR_STATE);
        }
        if (done) {
            return false;
        }
        if (limit >= 0 && returned >= limit) {
            return end();
        }
        while (advance()) {
            if (distinct && !firstOccurrence()) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            returned++;
            row++;
            return true;
        }
        return end();
    }

    private boolean end() {
        done = true;
        return false;
    }

    private boolean advance() throws SQLException {
        if (keys.isEmpty()) {
            while (concatIndex < parts.size()) {
                ResultSet rs = parts.get(concatIndex);
                if (rs.next()) {
                    current = rs;
                    return true;
                }
                concatIndex++;
            }
            return false;
        }
        if (heap == null) {
            resolveKeyColumns();
            heap = new PriorityQueue<>(Math.max(1, parts.size()), (a, b) -> {
                try {
                    int c = compareKeys(a.key, b.key);
                    return c != 0 ? c : Integer.compare(a.part, b.part);
                } catch (SQLException e) {
                    throw new RowSorter.Unchecked(e);
                }
            });
            for (int i = 0; i < parts.size(); i++) {
                Cursor c = new Cursor(i, parts.get(i));
                if (c.rs.next()) {
                    c.key = sortKey(c.rs);
                    offer(c);
                }
            }
        } else if (head != null && head.rs.next()) {
            head.key = sortKey(head.rs);
            offer(head);
        }
        head = heap.poll();
        if (head == null) {
            return false;
        }
        current = head.rs;
        return true;
    }

    private void offer(Cursor c) throws SQLException {
        try {
            heap.add(c);
        } catch (RowSorter.Unchecked e) {
            throw e.sqlException();
        }
    }

    private void resolveKeyColumns() throws SQLException {
        keyColumns = new int[keys.size()];
        int total = parts.get(0).getMetaData().getColumnCount();
        for (int i = 0; i < keys.size(); i++) {
            int c = keys.get(i).column();
            keyColumns[i] = c > 0 ? c : total - hidden - c; // -n: the n-th hidden column
        }
    }

    private Object[] sortKey(ResultSet rs) throws SQLException {
        Object[] k = new Object[keyColumns.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = rs.getObject(keyColumns[i]);
        }
        return k;
    }

    private int compareKeys(Object[] a, Object[] b) throws SQLException {
        for (int i = 0; i < keyColumns.length; i++) {
            SortKey k = keys.get(i);
            int c = ValueOrder.compareKey(a[i], b[i], k.descending(), k.nullsFirst());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * DISTINCT: true for the first row with these values. Under ORDER BY, equal rows have equal
     * sort keys (PostgreSQL makes DISTINCT's ORDER BY name select-list columns), so only rows of the
     * current sort key are remembered.
     */
    private boolean firstOccurrence() throws SQLException {
        if (seen == null) {
            seen = new HashSet<>();
        }
        if (!keys.isEmpty()) {
            if (seenSortKey == null || compareKeys(seenSortKey, head.key) != 0) {
                seen.clear();
                seenSortKey = head.key;
            }
        }
        int w = width();
        Object[] values = new Object[w];
        for (int i = 0; i < w; i++) {
            values[i] = current.getObject(i + 1);
        }
        return seen.add(RowSorter.key(values, w));
    }

    @Override
    public int row() {
        return done ? 0 : row;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (ResultSet rs : parts) {
            try {
                rs.close();
            } catch (SQLException e) {
                first = Failures.chain(first, e);
            }
        }
        if (finisher != null) {
            try {
                finisher.finish();
            } catch (SQLException e) {
                first = Failures.chain(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The groups' result sets (for tests). */
    public List<ResultSet> parts() {
        return parts;
    }
}
