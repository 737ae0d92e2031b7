package io.synapsedb.benchmarks.macro;

import io.synapsedb.placement.Placement;
import io.synapsedb.placement.SlotHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The hand-routed baselines: pgJDBC + HikariCP with one pool per node, the application choosing
 * the node by key itself (slot hash, then the placement's slot → group table). Nothing runs
 * between the application and pgJDBC but an array lookup.
 *
 * <ul>
 *   <li>(b) on the driver's own tables (hash-partitioned, one partition per owned slot), asking
 *       the nodes one after another ({@link FanOut#sequential()}): the plainest client, kept as
 *       it was for comparison with earlier runs.</li>
 *   <li>(b′) on plain tables holding the same rows on the same nodes, asking every node at once
 *       ({@link FanOut#parallel}): what a team sharding by hand would build, the ceiling.</li>
 * </ul>
 *
 * <p>Scans, the top 10 and lookups by a column that is not the shard key ask every node and
 * merge the sorted answers; a transfer across two nodes is two local transactions committed one
 * after the other (not atomic: there is no two-phase commit here, so it is a lower bound on the
 * cost of a correct cross-group transfer).
 */
public final class HandRoutedOperations implements Operations {

    private final List<DataSource> nodes;
    private final FanOut fanOut;
    private final Categories categories;
    private final int slots;
    private final int[] slotToNode;
    private final long rows;
    private final String read;
    private final String update;
    private final String scan;
    private final String credit;
    private final String top10;
    private final String lookup;
    private final String insert;

    /**
     * @param nodes one pool per group, in group order (g1, g2, ...)
     * @param placement the placement of {@code table}'s slots on those groups
     * @param table the distributed YCSB table
     * @param insertTable the distributed table of the insert workload (same slots)
     * @param rows rows loaded (keys 0..rows-1)
     * @param fanOut how the nodes are asked a question for every node
     */
    public HandRoutedOperations(List<DataSource> nodes, Placement placement, String table, String insertTable,
            long rows, FanOut fanOut) {
        this.nodes = List.copyOf(nodes);
        this.fanOut = fanOut;
        this.categories = new Categories(rows);
        this.slots = placement.slots();
        this.slotToNode = new int[slots];
        for (int s = 0; s < slots; s++) {
            slotToNode[s] = placement.groupOf(s);
        }
        this.rows = rows;
        this.read = "SELECT ycsb_key, balance, field0, field1 FROM " + table + " WHERE ycsb_key = ?";
        this.update = "UPDATE " + table + " SET field0 = ? WHERE ycsb_key = ?";
        this.scan = "SELECT ycsb_key, field0 FROM " + table + " WHERE ycsb_key >= ? ORDER BY ycsb_key LIMIT ?";
        this.credit = "UPDATE " + table + " SET balance = balance + ? WHERE ycsb_key = ?";
        this.top10 = "SELECT ycsb_key, balance FROM " + table + " ORDER BY ycsb_key DESC LIMIT 10";
        this.lookup = "SELECT ycsb_key, field0 FROM " + table + " WHERE cat = ?";
        this.insert = "INSERT INTO " + insertTable + " (ycsb_key, balance, field0, field1) VALUES (?, 0, ?, ?)";
    }

    @Override
    public int groupOf(long key) {
        return slotToNode[SlotHasher.slotOfLong(key, slots)];
    }

    @Override
    public int groups() {
        return nodes.size();
    }

    private DataSource node(long key) {
        return nodes.get(groupOf(key));
    }

    @Override
    public void read(long key) throws SQLException {
        try (Connection c = node(key).getConnection(); PreparedStatement ps = c.prepareStatement(read)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                Checks.oneRow(rs, key);
            }
        }
    }

    @Override
    public void update(long key, String field0) throws SQLException {
        try (Connection c = node(key).getConnection(); PreparedStatement ps = c.prepareStatement(update)) {
            ps.setString(1, field0);
            ps.setLong(2, key);
            Checks.updated(ps.executeUpdate(), key);
        }
    }

    @Override
    public int scan(long start, int limit) throws SQLException {
        long[][] parts = fanOut.ask(nodes.size(), g -> {
            try (Connection c = nodes.get(g).getConnection(); PreparedStatement ps = c.prepareStatement(scan)) {
                ps.setLong(1, start);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    return ResultKeys.read(rs, limit);
                }
            }
        });
        long[] merged = merge(parts, limit, true);
        Checks.scanCount(merged.length, start, limit, rows);
        return merged.length;
    }

    @Override
    public void transfer(long from, long to, long amount) throws SQLException {
        long first = Math.min(from, to);
        long second = Math.max(from, to);
        long firstDelta = first == from ? -amount : amount;
        int g1 = groupOf(first);
        int g2 = groupOf(second);
        try (Connection c1 = nodes.get(g1).getConnection();
                Connection c2 = g2 == g1 ? null : nodes.get(g2).getConnection()) {
            Connection secondConn = c2 == null ? c1 : c2;
            c1.setAutoCommit(false);
            secondConn.setAutoCommit(false);
            try {
                credit(c1, first, firstDelta);
                credit(secondConn, second, -firstDelta);
                c1.commit();
                if (c2 != null) {
                    c2.commit();
                }
            } catch (SQLException | RuntimeException e) {
                Checks.quietly(c1::rollback, e);
                Checks.quietly(() -> c1.setAutoCommit(true), e);
                if (c2 != null) {
                    Checks.quietly(c2::rollback, e);
                    Checks.quietly(() -> c2.setAutoCommit(true), e);
                }
                throw e;
            }
            c1.setAutoCommit(true);
            secondConn.setAutoCommit(true);
        }
    }

    private void credit(Connection c, long key, long delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(credit)) {
            ps.setLong(1, delta);
            ps.setLong(2, key);
            Checks.updated(ps.executeUpdate(), key);
        }
    }

    @Override
    public long top10() throws SQLException {
        long[][] parts = fanOut.ask(nodes.size(), g -> {
            try (Connection c = nodes.get(g).getConnection(); PreparedStatement ps = c.prepareStatement(top10);
                    ResultSet rs = ps.executeQuery()) {
                return ResultKeys.read(rs, 10);
            }
        });
        long[] merged = merge(parts, 10, false);
        Checks.top10(merged, merged.length, rows);
        return merged[0];
    }

    @Override
    public int lookup(int cat) throws SQLException {
        int expected = (int) categories.rowsIn(cat);
        long[][] parts = fanOut.ask(nodes.size(), g -> {
            try (Connection c = nodes.get(g).getConnection(); PreparedStatement ps = c.prepareStatement(lookup)) {
                ps.setInt(1, cat);
                try (ResultSet rs = ps.executeQuery()) {
                    return ResultKeys.read(rs, expected);
                }
            }
        });
        long[] all = new long[java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int n = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, n, p.length);
            n += p.length;
        }
        Checks.lookup(all, n, cat, categories);
        return n;
    }

    @Override
    public void insertBatch(long firstKey, int count, String field) throws SQLException {
        Connection[] conns = new Connection[nodes.size()];
        PreparedStatement[] batches = new PreparedStatement[nodes.size()];
        try {
            for (int i = 0; i < count; i++) {
                long key = firstKey + i;
                int g = groupOf(key);
                if (batches[g] == null) {
                    conns[g] = nodes.get(g).getConnection();
                    batches[g] = conns[g].prepareStatement(insert);
                }
                batches[g].setLong(1, key);
                batches[g].setString(2, field);
                batches[g].setString(3, field);
                batches[g].addBatch();
            }
            for (PreparedStatement ps : batches) {
                if (ps != null) {
                    ps.executeBatch();
                }
            }
        } finally {
            SQLException failure = null;
            for (int g = 0; g < conns.length; g++) {
                try {
                    if (batches[g] != null) {
                        batches[g].close();
                    }
                    if (conns[g] != null) {
                        conns[g].close();
                    }
                } catch (SQLException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Merges per-node sorted key lists into the first {@code limit} keys, ascending or descending. */
    static long[] merge(long[][] parts, int limit, boolean ascending) {
        int[] pos = new int[parts.length];
        long[] out = new long[limit];
        int n = 0;
        while (n < limit) {
            int best = -1;
            for (int p = 0; p < parts.length; p++) {
                if (pos[p] < parts[p].length) {
                    long k = parts[p][pos[p]];
                    if (best < 0 || (ascending ? k < parts[best][pos[best]] : k > parts[best][pos[best]])) {
                        best = p;
                    }
                }
            }
            if (best < 0) {
                break;
            }
            out[n++] = parts[best][pos[best]++];
        }
        return n == limit ? out : java.util.Arrays.copyOf(out, n);
    }
}
