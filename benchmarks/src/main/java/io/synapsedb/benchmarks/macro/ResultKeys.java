package io.synapsedb.benchmarks.macro;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** Reads the keys of a result whose first column is the key and whose second is a value to decode too. */
final class ResultKeys {

    private ResultKeys() {
    }

    /**
     * The first column of every row, as longs; the second column is read too, as an application
     * would read what it asked for.
     *
     * @param expected rows expected (the array grows if there are more)
     */
    static long[] read(ResultSet rs, int expected) throws SQLException {
        long[] keys = new long[Math.max(1, expected)];
        int n = 0;
        while (rs.next()) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, 2 * n);
            }
            keys[n++] = rs.getLong(1);
            rs.getObject(2);
        }
        return n == keys.length ? keys : Arrays.copyOf(keys, n);
    }
}
