package io.synapsedb.jdbc;

import io.synapsedb.core.SqlStates;
import io.synapsedb.exec.GeneratedKeys;
import io.synapsedb.exec.Params;
import io.synapsedb.exec.StatementEngine;
import io.synapsedb.sql.StatementPlan;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * A logical prepared statement. The plan is made once (at prepare, from the plan cache, again when
 * the catalog changed); values are kept until execution, when the router reads the shard key, and
 * are then bound by the engine to the physical statement of the chosen group, which is prepared
 * once per group and reused, so pgJDBC's server-side prepare works as if the application talked to
 * that node.
 */
final class SynapsePreparedStatement extends SynapseStatement implements PreparedStatement {

    private final String sql;
    private final GeneratedKeys keys;
    private StatementPlan plan;
    private final Params params;
    private List<Params> batch;

    SynapsePreparedStatement(SynapseConnection connection, String sql, int type, int concurrency, GeneratedKeys keys)
            throws SQLException {
        super(connection, type, concurrency, java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT, sql, keys);
        this.sql = sql;
        this.keys = keys;
        this.plan = runtime.plan(sql);
        this.params = new Params(plan.parameterCount());
    }

    /** The plan, made again when the catalog changed since it was made. */
    private StatementPlan currentPlan() {
        StatementPlan p = plan;
        if (p.catalogVersion() != runtime.catalog().version()) {
            p = runtime.plan(sql);
            plan = p;
        }
        return p;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw new SQLException("the statement returned no result set", SqlStates.NO_DATA);
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) executeLargeUpdate();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (execute()) {
            throw new SQLException("the statement returned a result set", SqlStates.RESULT_SET_NOT_EXPECTED);
        }
        return Math.max(updateCountValue(), 0);
    }

    @Override
    public boolean execute() throws SQLException {
        checkOpen();
        return run(currentPlan(), params, keys);
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        params.clear();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        if (batch == null) {
            batch = new ArrayList<>();
        }
        batch.add(params.snapshot());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        if (batch != null) {
            batch.clear();
        }
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return toInts(executeLargeBatch());
    }

    /**
     * The engine groups the batch by group, sends each group's part as one pgJDBC batch and maps the
     * counts back to the order the entries were added; see {@link StatementEngine#batch}.
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Params> entries = batch == null ? List.of() : new ArrayList<>(batch);
        if (batch != null) {
            batch.clear();
        }
        return engine.batch(currentPlan(), entries, keys);
    }

    /** Metadata of the result, from the group the statement last ran on (the home group before). */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        ResultSet rs = getResultSet();
        return rs != null ? rs.getMetaData() : engine.describe().getMetaData();
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return engine.describe().getParameterMetaData();
    }

    // ---------------------------------------------------------------------------------------------
    // Plain-SQL methods are not allowed on a PreparedStatement (JDBC 4.3, 13.2.4).

    @Override
    public boolean execute(String sql) throws SQLException {
        throw new SQLException("execute(String) cannot be called on a PreparedStatement", SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION);
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw new SQLException("executeQuery(String) cannot be called on a PreparedStatement", SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION);
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw new SQLException("executeUpdate(String) cannot be called on a PreparedStatement", SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION);
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw new SQLException("addBatch(String) cannot be called on a PreparedStatement", SqlStates.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION);
    }

    // ---------------------------------------------------------------------------------------------
    // Setters

    @Override
    public void setNull(int a0, int a1) throws SQLException {
        checkOpen();
        params.setNull(a0, a1);
    }

    @Override
    public void setBoolean(int a0, boolean a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setBoolean(i, a1));
    }

    @Override
    public void setByte(int a0, byte a1) throws SQLException {
        checkOpen();
        params.set(a0, (int) a1, (ps, i) -> ps.setByte(i, a1));
    }

    @Override
    public void setShort(int a0, short a1) throws SQLException {
        checkOpen();
        params.set(a0, (int) a1, (ps, i) -> ps.setShort(i, a1));
    }

    @Override
    public void setInt(int a0, int a1) throws SQLException {
        checkOpen();
        params.setInt(a0, a1);
    }

    @Override
    public void setLong(int a0, long a1) throws SQLException {
        checkOpen();
        params.setLong(a0, a1);
    }

    @Override
    public void setFloat(int a0, float a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setFloat(i, a1));
    }

    @Override
    public void setDouble(int a0, double a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setDouble(i, a1));
    }

    @Override
    public void setBigDecimal(int a0, java.math.BigDecimal a1) throws SQLException {
        checkOpen();
        params.set(a0, a1, (ps, i) -> ps.setBigDecimal(i, a1));
    }

    @Override
    public void setString(int a0, String a1) throws SQLException {
        checkOpen();
        params.setString(a0, a1);
    }

    @Override
    public void setBytes(int a0, byte[] a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setBytes(i, a1));
    }

    @Override
    public void setDate(int a0, Date a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setDate(i, a1));
    }

    @Override
    public void setTime(int a0, Time a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setTime(i, a1));
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setTimestamp(i, a1));
    }

    @Override
    public void setAsciiStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setAsciiStream(i, a1, a2));
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setUnicodeStream(i, a1, a2));
    }

    @Override
    public void setBinaryStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setBinaryStream(i, a1, a2));
    }

    @Override
    public void setObject(int a0, Object a1, int a2) throws SQLException {
        checkOpen();
        params.set(a0, a1, (ps, i) -> ps.setObject(i, a1, a2));
    }

    @Override
    public void setObject(int a0, Object a1) throws SQLException {
        checkOpen();
        params.setObject(a0, a1);
    }

    @Override
    public void setCharacterStream(int a0, java.io.Reader a1, int a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setCharacterStream(i, a1, a2));
    }

    @Override
    public void setRef(int a0, Ref a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setRef(i, a1));
    }

    @Override
    public void setBlob(int a0, Blob a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setBlob(i, a1));
    }

    @Override
    public void setClob(int a0, Clob a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setClob(i, a1));
    }

    @Override
    public void setArray(int a0, Array a1) throws SQLException {
        checkOpen();
        params.set(a0, a1, (ps, i) -> ps.setArray(i, a1));
    }

    @Override
    public void setDate(int a0, Date a1, java.util.Calendar a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setDate(i, a1, a2));
    }

    @Override
    public void setTime(int a0, Time a1, java.util.Calendar a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setTime(i, a1, a2));
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1, java.util.Calendar a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setTimestamp(i, a1, a2));
    }

    @Override
    public void setNull(int a0, int a1, String a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setNull(i, a1, a2));
    }

    @Override
    public void setURL(int a0, java.net.URL a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setURL(i, a1));
    }

    @Override
    public void setRowId(int a0, RowId a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setRowId(i, a1));
    }

    @Override
    public void setNString(int a0, String a1) throws SQLException {
        checkOpen();
        params.set(a0, a1, (ps, i) -> ps.setNString(i, a1));
    }

    @Override
    public void setNCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setNCharacterStream(i, a1, a2));
    }

    @Override
    public void setNClob(int a0, NClob a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setNClob(i, a1));
    }

    @Override
    public void setClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setClob(i, a1, a2));
    }

    @Override
    public void setBlob(int a0, java.io.InputStream a1, long a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setBlob(i, a1, a2));
    }

    @Override
    public void setNClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setNClob(i, a1, a2));
    }

    @Override
    public void setSQLXML(int a0, SQLXML a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setSQLXML(i, a1));
    }

    @Override
    public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
        checkOpen();
        params.set(a0, a1, (ps, i) -> ps.setObject(i, a1, a2, a3));
    }

    @Override
    public void setAsciiStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setAsciiStream(i, a1, a2));
    }

    @Override
    public void setBinaryStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setBinaryStream(i, a1, a2));
    }

    @Override
    public void setCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setCharacterStream(i, a1, a2));
    }

    @Override
    public void setAsciiStream(int a0, java.io.InputStream a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setAsciiStream(i, a1));
    }

    @Override
    public void setBinaryStream(int a0, java.io.InputStream a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setBinaryStream(i, a1));
    }

    @Override
    public void setCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setCharacterStream(i, a1));
    }

    @Override
    public void setNCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setNCharacterStream(i, a1));
    }

    @Override
    public void setClob(int a0, java.io.Reader a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setClob(i, a1));
    }

    @Override
    public void setBlob(int a0, java.io.InputStream a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setBlob(i, a1));
    }

    @Override
    public void setNClob(int a0, java.io.Reader a1) throws SQLException {
        checkOpen();
        params.set(a0, null, (ps, i) -> ps.setNClob(i, a1));
    }

    @Override
    public void setObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
        checkOpen();
        params.set(a0, a1, (ps, i) -> ps.setObject(i, a1, a2, a3));
    }

    @Override
    public void setObject(int a0, Object a1, SQLType a2) throws SQLException {
        checkOpen();
        params.set(a0, a1, (ps, i) -> ps.setObject(i, a1, a2));
    }
}
