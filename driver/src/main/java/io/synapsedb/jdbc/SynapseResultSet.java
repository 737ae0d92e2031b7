package io.synapsedb.jdbc;

import io.synapsedb.core.SqlStates;
import io.synapsedb.exec.merge.DelegatingResultSet;
import io.synapsedb.exec.merge.MergedRows;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The application's result set: the merged rows of the engine ({@link MergedRows}: one group's
 * result, groups merged as they stream, or rows the driver computed), owned by the logical
 * statement. Getters read the result set positioned on the current row, so values keep pgJDBC's
 * types and conversions. Forward-only, read-only.
 */
final class SynapseResultSet extends DelegatingResultSet {

    private final MergedRows rows;
    private boolean seenRow;

    SynapseResultSet(Statement owner, MergedRows rows) {
        super(owner);
        this.rows = rows;
    }

    @Override
    protected ResultSet current() throws SQLException {
        checkOpen();
        return rows.current();
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        boolean more = rows.next();
        seenRow |= more;
        return more;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return rows.metaData();
    }

    @Override
    public int findColumn(String label) throws SQLException {
        int c = current().findColumn(label);
        if (c > rows.width()) {
            throw new SQLException("the result has no column " + label, SqlStates.UNDEFINED_COLUMN);
        }
        return c;
    }

    @Override
    public int getRow() throws SQLException {
        return rows.row();
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        return rows.row() == 0 && !rows.done();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        return rows.done() && seenRow;
    }

    @Override
    public boolean isFirst() throws SQLException {
        return rows.row() == 1;
    }

    @Override
    public int getType() throws SQLException {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    protected void closePhysical() throws SQLException {
        rows.close();
    }
}
