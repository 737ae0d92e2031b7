package io.synapsedb.exec;

import io.synapsedb.core.Sql;
import io.synapsedb.core.SqlStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Cluster-unique values for a serial or identity shard key that an INSERT omits. The key's
 * sequence on the home group is the single authority: every application draws from it, so values
 * never collide, and draws a block per round trip so inserts rarely wait for it. Values are unique
 * but, across applications, not in insertion order (like any sequence with a cache).
 */
final class KeyAllocator {

    private final String sequence;
    private final int blockSize;
    private long[] block = new long[0];
    private int next;

    KeyAllocator(String sequence, int blockSize) {
        this.sequence = sequence;
        this.blockSize = Math.max(1, blockSize);
    }

    /** Fills {@code out[from..from+count)} with fresh values. */
    synchronized void allocate(ConnectionSource home, long[] out, int from, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            if (next == block.length) {
                refill(home, Math.max(blockSize, count - i));
            }
            out[from + i] = block[next++];
        }
    }

    private void refill(ConnectionSource home, int n) throws SQLException {
        long[] fresh = new long[n];
        try (Connection c = home.open();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT nextval(" + Sql.literal(sequence) + "::regclass) FROM generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next() && i < n) {
                    fresh[i++] = rs.getLong(1);
                }
                if (i != n) {
                    throw new SQLException("sequence " + sequence + " returned " + i + " values of " + n, SqlStates.INTERNAL_ERROR);
                }
            }
        }
        block = fresh;
        next = 0;
    }

    /** Opens a connection to the home group. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }
}
