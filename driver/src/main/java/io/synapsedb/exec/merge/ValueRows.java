package io.synapsedb.exec.merge;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows the merge computed itself (combined aggregates, EXPLAIN of a route), in memory, read
 * through a {@link RowsResultSet} that converts the values as pgJDBC converts the same SQL values.
 */
public final class ValueRows implements MergedRows {

    private final RowsResultSet rows;
    private final ResultSetMetaData meta;
    private final int count;
    private int row;
    private boolean done;

    public ValueRows(List<Object[]> rows, ResultSetMetaData meta) {
        this.rows = new RowsResultSet(null, rows, meta);
        this.meta = meta;
        this.count = rows.size();
    }

    @Override
    public boolean next() throws SQLException {
        if (done) {
            return false;
        }
        if (rows.next()) {
            row++;
            return true;
        }
        done = true;
        return false;
    }

    @Override
    public ResultSet current() {
        return rows;
    }

    @Override
    public ResultSetMetaData metaData() {
        return meta;
    }

    @Override
    public int width() throws SQLException {
        return meta.getColumnCount();
    }

    @Override
    public int row() {
        return done || row > count ? 0 : row;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public void close() throws SQLException {
        rows.close();
    }
}
