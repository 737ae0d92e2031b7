package io.synapsedb.benchmarks.macro;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Answer checks shared by the operations; a failed check is a bug in the configuration under test. */
final class Checks {

    private Checks() {
    }

    /** A clean-up step that may fail. */
    @FunctionalInterface
    interface SqlStep {
        void run() throws SQLException;
    }

    /** Runs a clean-up step after {@code primary} failed; its own failure is attached to {@code primary}. */
    static void quietly(SqlStep step, Exception primary) {
        try {
            step.run();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }

    static void oneRow(ResultSet rs, long key) throws SQLException {
        if (!rs.next()) {
            throw new IllegalStateException("key " + key + " not found");
        }
        if (rs.getLong(1) != key) {
            throw new IllegalStateException("asked for key " + key + ", got " + rs.getLong(1));
        }
        // Read every column, as an application would: decoding is part of the cost.
        rs.getLong(2);
        rs.getString(3);
        rs.getString(4);
        if (rs.next()) {
            throw new IllegalStateException("key " + key + " returned more than one row");
        }
    }

    static void updated(int count, long key) {
        if (count != 1) {
            throw new IllegalStateException("update of key " + key + " changed " + count + " rows");
        }
    }

    /** Reads an ascending scan from {@code start}; checks order and bounds; returns the row count. */
    static int ascending(ResultSet rs, long start, int limit) throws SQLException {
        int n = 0;
        long previous = Long.MIN_VALUE;
        while (rs.next()) {
            long k = rs.getLong(1);
            rs.getString(2);
            if (k < start || k <= previous) {
                throw new IllegalStateException("scan from " + start + " returned " + k + " after " + previous);
            }
            previous = k;
            n++;
        }
        if (n > limit) {
            throw new IllegalStateException("scan with LIMIT " + limit + " returned " + n + " rows");
        }
        return n;
    }

    static void scanCount(int n, long start, int limit, long rows) {
        long expected = Math.max(0, Math.min(limit, rows - start));
        if (n != expected) {
            throw new IllegalStateException("scan of " + limit + " from key " + start + " returned " + n
                    + " rows, expected " + expected);
        }
    }

    static void top10(long[] keys, int n, long rows) {
        if (n != 10 || keys[0] != rows - 1) {
            throw new IllegalStateException("top 10 returned " + n + " rows starting at " + (n == 0 ? "-" : keys[0])
                    + ", expected 10 from " + (rows - 1));
        }
        for (int i = 1; i < n; i++) {
            if (keys[i] >= keys[i - 1]) {
                throw new IllegalStateException("top 10 is not in descending order at row " + i);
            }
        }
    }

    /** A lookup of category {@code cat} returned exactly its rows: the right count, each in {@code cat}, no repeats. */
    static void lookup(long[] keys, int n, int cat, Categories categories) {
        long expected = categories.rowsIn(cat);
        if (n != expected) {
            throw new IllegalStateException("lookup of category " + cat + " returned " + n + " rows, expected "
                    + expected);
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            if (categories.of(keys[i]) != cat) {
                throw new IllegalStateException("lookup of category " + cat + " returned key " + keys[i]
                        + ", which is in category " + categories.of(keys[i]));
            }
            if (!seen.add(keys[i])) {
                throw new IllegalStateException("lookup of category " + cat + " returned key " + keys[i] + " twice");
            }
        }
    }
}
