package io.synapsedb.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The rows of several groups one group after another: the right answer for a statement whose
 * result needs no merge (no ORDER BY, LIMIT, aggregate, DISTINCT...). Forward-only.
 */
final class ConcatResultSet extends DelegatingResultSet {

    private final List<ResultSet> parts;
    private int index;
    private int row;

    ConcatResultSet(Statement owner, List<ResultSet> parts) {
        super(owner);
        this.parts = List.copyOf(parts);
    }

    @Override
    protected ResultSet current() throws SQLException {
        checkOpen();
        return parts.get(Math.min(index, parts.size() - 1));
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        while (index < parts.size()) {
            if (parts.get(index).next()) {
                row++;
                return true;
            }
            index++;
        }
        return false;
    }

    @Override
    public int getRow() throws SQLException {
        return index < parts.size() ? row : 0;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        return row == 0 && index == 0 && parts.get(0).isBeforeFirst();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        return index >= parts.size() && row > 0;
    }

    @Override
    public int getType() throws SQLException {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    protected void closePhysical() throws SQLException {
        SQLException first = null;
        for (ResultSet rs : parts) {
            try {
                rs.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
