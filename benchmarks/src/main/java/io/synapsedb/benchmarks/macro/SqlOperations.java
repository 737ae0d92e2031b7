package io.synapsedb.benchmarks.macro;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongToIntFunction;
import javax.sql.DataSource;

/**
 * The operations through one {@link DataSource} that routes by itself: a single node (a), the
 * driver (c) or ShardingSphere (d). Plain JDBC, the same code for all of them.
 */
public final class SqlOperations implements Operations {

    private final DataSource ds;
    private final long rows;
    private final LongToIntFunction groupOf;
    private final int groups;
    private final String read;
    private final String update;
    private final String scan;
    private final String debit;
    private final String top10;
    private final String lookup;
    private final String insert;
    private final Categories categories;

    /**
     * @param ds the pool
     * @param table the YCSB table as this configuration names it
     * @param insertTable the table of the insert workload
     * @param rows rows loaded into {@code table} (keys 0..rows-1)
     * @param groupOf the configuration's placement, for choosing transfer keys on two groups
     * @param groups number of groups
     */
    public SqlOperations(DataSource ds, String table, String insertTable, long rows, LongToIntFunction groupOf,
            int groups) {
        this.ds = ds;
        this.rows = rows;
        this.groupOf = groupOf;
        this.groups = groups;
        this.read = "SELECT ycsb_key, balance, field0, field1 FROM " + table + " WHERE ycsb_key = ?";
        this.update = "UPDATE " + table + " SET field0 = ? WHERE ycsb_key = ?";
        this.scan = "SELECT ycsb_key, field0 FROM " + table + " WHERE ycsb_key >= ? ORDER BY ycsb_key LIMIT ?";
        this.debit = "UPDATE " + table + " SET balance = balance + ? WHERE ycsb_key = ?";
        this.top10 = "SELECT ycsb_key, balance FROM " + table + " ORDER BY ycsb_key DESC LIMIT 10";
        this.lookup = "SELECT ycsb_key, field0 FROM " + table + " WHERE cat = ?";
        this.categories = new Categories(rows);
        this.insert = "INSERT INTO " + insertTable + " (ycsb_key, balance, field0, field1) VALUES (?, 0, ?, ?)";
    }

    @Override
    public void read(long key) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(read)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                Checks.oneRow(rs, key);
            }
        }
    }

    @Override
    public void update(long key, String field0) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(update)) {
            ps.setString(1, field0);
            ps.setLong(2, key);
            Checks.updated(ps.executeUpdate(), key);
        }
    }

    @Override
    public int scan(long start, int limit) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(scan)) {
            ps.setLong(1, start);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                int n = Checks.ascending(rs, start, limit);
                Checks.scanCount(n, start, limit, rows);
                return n;
            }
        }
    }

    @Override
    public void transfer(long from, long to, long amount) throws SQLException {
        long first = Math.min(from, to);
        long second = Math.max(from, to);
        long firstDelta = first == from ? -amount : amount;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(debit)) {
                ps.setLong(1, firstDelta);
                ps.setLong(2, first);
                Checks.updated(ps.executeUpdate(), first);
                ps.setLong(1, -firstDelta);
                ps.setLong(2, second);
                Checks.updated(ps.executeUpdate(), second);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                // A pool may already have closed the connection (HikariCP evicts on SQLState 0A000):
                // keep the statement's own error, not the clean-up's.
                Checks.quietly(c::rollback, e);
                Checks.quietly(() -> c.setAutoCommit(true), e);
                throw e;
            }
            c.setAutoCommit(true);
        }
    }

    @Override
    public long top10() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(top10);
                ResultSet rs = ps.executeQuery()) {
            long[] keys = new long[11];
            int n = 0;
            while (rs.next() && n < keys.length) {
                keys[n++] = rs.getLong(1);
                rs.getLong(2);
            }
            Checks.top10(keys, n, rows);
            return keys[0];
        }
    }

    @Override
    public int lookup(int cat) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(lookup)) {
            ps.setInt(1, cat);
            try (ResultSet rs = ps.executeQuery()) {
                long[] keys = ResultKeys.read(rs, (int) categories.rowsIn(cat));
                Checks.lookup(keys, keys.length, cat, categories);
                return keys.length;
            }
        }
    }

    @Override
    public void insertBatch(long firstKey, int count, String field) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            for (int i = 0; i < count; i++) {
                ps.setLong(1, firstKey + i);
                ps.setString(2, field);
                ps.setString(3, field);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            if (counts.length != count) {
                throw new IllegalStateException("batch of " + count + " rows from key " + firstKey + " returned "
                        + counts.length + " counts");
            }
        }
    }

    @Override
    public int groupOf(long key) {
        return groupOf.applyAsInt(key);
    }

    @Override
    public int groups() {
        return groups;
    }
}
