package io.synapsedb.exec.merge;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * The one interface between the groups' partial results and the application's result: merged rows,
 * forward only. Each row is read from {@link #current()}, a result set positioned on it — a group's
 * own pgJDBC result (so values keep pgJDBC's types and conversions) or one the merge computed. A new
 * kind of merge (a vector top-k, say) is one more implementation; the JDBC side wraps any of them
 * in the same {@code ResultSet}.
 */
public interface MergedRows {

    /** Moves to the next merged row; false once there is none. */
    boolean next() throws SQLException;

    /** The result set positioned on the current row; before the first row, any part (for metadata). */
    ResultSet current() throws SQLException;

    /** The merged result's columns (without columns the driver added for its own use). */
    ResultSetMetaData metaData() throws SQLException;

    /** How many columns the application sees. */
    int width() throws SQLException;

    /** The number of the current row, 1-based; 0 before the first and after the last. */
    int row();

    /** True once {@link #next()} returned false. */
    boolean done();

    /** Closes every part (and ends what the read needed, such as read transactions). */
    void close() throws SQLException;
}
