package io.synapsedb.exec;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The options an application sets on a logical statement that its physical statements must get:
 * max rows, fetch size, query timeout, max field size. Set by the JDBC facade, applied by the
 * engine to every physical statement before it runs (a no-op until one was set).
 */
public final class StatementOptions {

    private int maxRows;
    private int fetchSize;
    private int queryTimeout;
    private int maxFieldSize;
    /** True once the application set any: until then physical statements keep pgJDBC's defaults. */
    private boolean set;

    public int maxRows() {
        return maxRows;
    }

    public void maxRows(int rows) {
        maxRows = rows;
        set = true;
    }

    public int fetchSize() {
        return fetchSize;
    }

    public void fetchSize(int rows) {
        fetchSize = rows;
        set = true;
    }

    public int queryTimeout() {
        return queryTimeout;
    }

    public void queryTimeout(int seconds) {
        queryTimeout = seconds;
        set = true;
    }

    public int maxFieldSize() {
        return maxFieldSize;
    }

    public void maxFieldSize(int bytes) {
        maxFieldSize = bytes;
        set = true;
    }

    /** Gives {@code st} the options set; touches nothing when none was. */
    void apply(Statement st) throws SQLException {
        if (!set) {
            return;
        }
        if (st.getMaxRows() != maxRows) {
            st.setMaxRows(maxRows);
        }
        if (st.getFetchSize() != fetchSize) {
            st.setFetchSize(fetchSize);
        }
        if (st.getQueryTimeout() != queryTimeout) {
            st.setQueryTimeout(queryTimeout);
        }
        if (maxFieldSize != 0) {
            st.setMaxFieldSize(maxFieldSize);
        }
    }
}
