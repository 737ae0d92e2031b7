package io.synapsedb.exec.merge;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * One result as it is, nothing to merge: a group's own result (the fast path of a statement routed
 * to one group), or rows the merge computed itself ({@link #ofValues}).
 */
public final class SingleRows implements MergedRows {

    private final ResultSet part;
    private int row;
    private boolean done;

    public SingleRows(ResultSet part) {
        this.part = part;
    }

    /**
     * Rows the merge computed (combined aggregates, EXPLAIN of a route), in memory, read through a
     * {@link RowsResultSet} that converts the values as pgJDBC converts the same SQL values.
     */
    public static SingleRows ofValues(java.util.List<Object[]> rows, ResultSetMetaData meta) {
        return new SingleRows(new RowsResultSet(null, rows, meta));
    }

    @Override
    public boolean next() throws SQLException {
        if (part.next()) {
            row++;
            return true;
        }
        done = true;
        return false;
    }

    @Override
    public ResultSet current() {
        return part;
    }

    @Override
    public ResultSetMetaData metaData() throws SQLException {
        return part.getMetaData();
    }

    @Override
    public int width() throws SQLException {
        return part.getMetaData().getColumnCount();
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
        part.close();
    }
}
