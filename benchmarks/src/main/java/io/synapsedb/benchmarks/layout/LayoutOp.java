package io.synapsedb.benchmarks.layout;

import io.synapsedb.benchmarks.LoadLoop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The operations measured on every layout, each checking its answer against {@link GroupRows} (a
 * layout cannot look fast by being wrong). An operation runs on one connection of its thread's,
 * kept for the whole benchmark, as an application keeps its pooled connections; statements are
 * prepared through pgJDBC as the driver prepares them (server-side after pgJDBC's threshold).
 */
enum LayoutOp {

    READ("point read by key", "SELECT ... WHERE k = ?") {
        @Override
        void once(Connection c, LayoutStatements st, GroupRows rows, InsertKeys keys, ThreadLocalRandom rnd)
                throws SQLException {
            long key = rows.randomKey(rnd);
            int slot = rows.slotOf(key);
            try (PreparedStatement ps = c.prepareStatement(st.read(slot))) {
                ps.setLong(1, key);
                guard(ps, st, 2, key, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getLong(1) != key) {
                        throw new IllegalStateException(st.layout().name() + ": key " + key + " not found");
                    }
                    rs.getInt(2);
                    rs.getDouble(3);
                    rs.getString(4);
                }
            }
        }
    },
    UPDATE("point update", "UPDATE ... SET payload = ? WHERE k = ?") {
        @Override
        void once(Connection c, LayoutStatements st, GroupRows rows, InsertKeys keys, ThreadLocalRandom rnd)
                throws SQLException {
            long key = rows.randomKey(rnd);
            int slot = rows.slotOf(key);
            try (PreparedStatement ps = c.prepareStatement(st.update(slot))) {
                ps.setString(1, GroupRows.payload(rnd.nextLong()));
                ps.setLong(2, key);
                guard(ps, st, 3, key, slot);
                int n = ps.executeUpdate();
                if (n != 1) {
                    throw new IllegalStateException(st.layout().name() + ": update of key " + key + " changed " + n);
                }
            }
        }
    },
    SCAN("short range scan (YCSB E)", "WHERE k >= ? ORDER BY k LIMIT 1..100") {
        @Override
        void once(Connection c, LayoutStatements st, GroupRows rows, InsertKeys keys, ThreadLocalRandom rnd)
                throws SQLException {
            long start = rows.randomKey(rnd);
            int limit = 1 + rnd.nextInt(SCAN_MAX);
            try (PreparedStatement ps = c.prepareStatement(st.scan())) {
                ps.setLong(1, start);
                ps.setInt(2, limit);
                int n = 0;
                long previous = start - 1;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long k = rs.getLong(1);
                        rs.getString(2);
                        if (k <= previous) {
                            throw new IllegalStateException(st.layout().name() + ": scan out of order at " + k);
                        }
                        previous = k;
                        n++;
                    }
                }
                expect(st, "scan from " + start, n, rows.scanCount(start, limit));
            }
        }
    },
    TOP10("top 10 by a non-key column", "ORDER BY score DESC LIMIT 10") {
        @Override
        void once(Connection c, LayoutStatements st, GroupRows rows, InsertKeys keys, ThreadLocalRandom rnd)
                throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(st.top10()); ResultSet rs = ps.executeQuery()) {
                int n = 0;
                double previous = Double.MAX_VALUE;
                long first = -1;
                while (rs.next()) {
                    long k = rs.getLong(1);
                    double score = rs.getDouble(2);
                    if (score >= previous) {
                        throw new IllegalStateException(st.layout().name() + ": top 10 out of order at " + k);
                    }
                    first = n == 0 ? k : first;
                    previous = score;
                    n++;
                }
                expect(st, "top 10", n, 10);
                if (first != rows.topByScore()) {
                    throw new IllegalStateException(st.layout().name() + ": top 10 starts at " + first + ", not "
                            + rows.topByScore());
                }
            }
        }
    },
    LOOKUP("lookup by secondary index", "WHERE cat = ? (about 3 rows per group)") {
        @Override
        void once(Connection c, LayoutStatements st, GroupRows rows, InsertKeys keys, ThreadLocalRandom rnd)
                throws SQLException {
            int cat = rows.randomCategory(rnd);
            try (PreparedStatement ps = c.prepareStatement(st.lookup())) {
                ps.setInt(1, cat);
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long k = rs.getLong(1);
                        rs.getString(2);
                        if (rows.category(k) != cat || !rows.owns(k)) {
                            throw new IllegalStateException(st.layout().name() + ": lookup of " + cat + " gave " + k);
                        }
                        n++;
                    }
                }
                expect(st, "lookup of category " + cat, n, rows.rowsIn(cat));
            }
        }
    },
    INSERT("batched insert", "JDBC batch of INSERT ... VALUES, autocommit (throughput in rows/s)") {
        @Override
        void once(Connection c, LayoutStatements st, GroupRows rows, InsertKeys keys, ThreadLocalRandom rnd)
                throws SQLException {
            long[] batch = keys.nextBatch();
            try (PreparedStatement ps = c.prepareStatement(st.insert())) {
                for (long k : batch) {
                    ps.setLong(1, k);
                    ps.setInt(2, rows.category(k));
                    ps.setDouble(3, GroupRows.score(k));
                    ps.setString(4, GroupRows.payload(k));
                    ps.addBatch();
                }
                expect(st, "batch", ps.executeBatch().length, batch.length);
            }
        }

        @Override
        int rowsPerOp(InsertKeys keys) {
            return keys.batch();
        }
    };

    /** Longest scan, YCSB's default. */
    static final int SCAN_MAX = 100;

    private final String title;
    private final String sql;

    LayoutOp(String title, String sql) {
        this.title = title;
        this.sql = sql;
    }

    String title() {
        return title;
    }

    String sql() {
        return sql;
    }

    /** Runs the operation once. */
    abstract void once(Connection c, LayoutStatements st, GroupRows rows, InsertKeys keys, ThreadLocalRandom rnd)
            throws SQLException;

    /** Rows one operation handles: throughput is reported per row. */
    int rowsPerOp(InsertKeys keys) {
        return 1;
    }

    /** The operation as {@link LoadLoop} repeats it, on connection {@code c}, which it leaves open. */
    LoadLoop.Operation on(Connection c, LayoutStatements st, GroupRows rows, InsertKeys keys) {
        return () -> once(c, st, rows, keys, ThreadLocalRandom.current());
    }

    /** Binds the slot guard's parameters from {@code first} on, when the layout has it. */
    static void guard(PreparedStatement ps, LayoutStatements st, int first, long key, int slot) throws SQLException {
        if (st.layout().guarded()) {
            SlotGuard.bind(ps, first, key, slot);
        }
    }

    private static void expect(LayoutStatements st, String what, int got, int expected) {
        if (got != expected) {
            throw new IllegalStateException(st.layout().name() + ": " + what + " returned " + got + " rows, expected "
                    + expected);
        }
    }
}
