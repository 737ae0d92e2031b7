package io.synapsedb.benchmarks.micro;

import io.synapsedb.exec.merge.DelegatingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * A forward-only result set over arrays of (bigint, text) rows, for {@link ConcatMergeBenchmark}:
 * it stands in for one group's pgJDBC result set so that the benchmark measures the merge, not a
 * JDBC implementation. Only {@code next}, {@code getLong(int)} and {@code getString(int)} work; it
 * reuses the driver's {@link DelegatingResultSet} to inherit the rest of the interface, which
 * refuses. {@link #rewind()} starts it over.
 */
final class InMemoryResultSet extends DelegatingResultSet {

    private final long[] keys;
    private final String[] values;
    private int row = -1;

    InMemoryResultSet(long[] keys, String[] values) {
        super(null);
        this.keys = keys.clone();
        this.values = values.clone();
    }

    void rewind() {
        row = -1;
    }

    @Override
    protected ResultSet current() throws SQLException {
        throw new SQLFeatureNotSupportedException("the in-memory benchmark result set reads only bigint and text columns 1 and 2");
    }

    @Override
    protected void closePhysical() {
        // nothing to release
    }

    @Override
    public boolean next() {
        return ++row < keys.length;
    }

    @Override
    public long getLong(int column) throws SQLException {
        if (column != 1) {
            return super.getLong(column);
        }
        return keys[row];
    }

    @Override
    public String getString(int column) throws SQLException {
        if (column != 2) {
            return super.getString(column);
        }
        return values[row];
    }
}
