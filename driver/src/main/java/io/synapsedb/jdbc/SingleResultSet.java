package io.synapsedb.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The result of a statement that ran on one group: the group's result set, owned by the logical statement. */
final class SingleResultSet extends DelegatingResultSet {

    private final ResultSet physical;

    SingleResultSet(Statement owner, ResultSet physical) {
        super(owner);
        this.physical = physical;
    }

    @Override
    protected ResultSet current() {
        return physical;
    }

    @Override
    public boolean next() throws SQLException {
        return physical.next();
    }

    @Override
    protected void closePhysical() throws SQLException {
        physical.close();
    }
}
