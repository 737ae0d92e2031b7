package io.synapsedb.jdbc;

import io.synapsedb.catalog.AllGroups;
import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.SqlStates;
import io.synapsedb.route.Route;
import io.synapsedb.route.Router;
import io.synapsedb.sql.InsertShape;
import io.synapsedb.sql.PhysicalSql;
import io.synapsedb.sql.StatementKind;
import io.synapsedb.sql.StatementPlan;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A logical prepared statement. The plan is made once (at prepare, from the plan cache); values
 * are kept until execution, when the router reads the shard key, and are then bound to the
 * physical statement of the chosen group. Each group's physical statement is prepared once and
 * reused, so pgJDBC's server-side prepare works as if the application talked to that node.
 */
final class SynapsePreparedStatement extends SynapseStatement implements PreparedStatement {

    private final String sql;
    private final GeneratedKeys keys;
    private StatementPlan plan;
    private final Params params;
    private final PreparedStatement[] physicalByGroup;
    /** Per slot, the physical statement of the slot's direct text; allocated on first use. */
    private PreparedStatement[] physicalBySlot;
    /** The text each of {@link #physicalBySlot} was prepared with (a new plan may change it). */
    private String[] textBySlot;
    private List<Params> batch;

    SynapsePreparedStatement(SynapseConnection connection, String sql, int type, int concurrency, GeneratedKeys keys)
            throws SQLException {
        super(connection, type, concurrency, java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT);
        this.sql = sql;
        this.keys = keys;
        this.plan = runtime.plan(sql);
        this.params = new Params(plan.parameterCount());
        this.physicalByGroup = new PreparedStatement[connection.groupCount()];
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
    protected PreparedStatement physicalPrepared(int g, Connection c) throws SQLException {
        PreparedStatement ps = physicalByGroup[g];
        if (ps == null || ps.isClosed() || ps.getConnection() != c) {
            ps = keys.prepare(c, sql);
            physicalByGroup[g] = ps;
        }
        return ps;
    }

    @Override
    protected PreparedStatement physicalPreparedForSlot(int slot, Connection c, String text) throws SQLException {
        if (physicalBySlot == null || slot >= physicalBySlot.length) {
            int n = Math.max(slot + 1, physicalBySlot == null ? 0 : physicalBySlot.length);
            physicalBySlot = physicalBySlot == null ? new PreparedStatement[n] : Arrays.copyOf(physicalBySlot, n);
            textBySlot = textBySlot == null ? new String[n] : Arrays.copyOf(textBySlot, n);
        }
        PreparedStatement ps = physicalBySlot[slot];
        // Texts are shared per plan, so identity is the usual answer; equals covers a re-made plan.
        if (ps == null || ps.isClosed() || ps.getConnection() != c
                || (textBySlot[slot] != text && !text.equals(textBySlot[slot]))) {
            if (ps != null && !ps.isClosed()) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // its connection may be gone; the new statement does not need it
                }
            }
            ps = keys.prepare(c, text);
            physicalBySlot[slot] = ps;
            textBySlot[slot] = text;
        }
        return ps;
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

    /**
     * Groups the batch by group (and by physical text), sends each group's part as one pgJDBC
     * batch, and maps the counts back to the order the application added them. In autocommit mode a
     * batch that spans groups runs in one transaction per group, committed atomically (two-phase commit).
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Params> entries = batch == null ? List.of() : new ArrayList<>(batch);
        if (batch != null) {
            batch.clear();
        }
        long[] counts = new long[entries.size()];
        if (entries.isEmpty()) {
            return counts;
        }
        StatementPlan p = currentPlan();
        if (p.kind() != StatementKind.INSERT && p.kind() != StatementKind.UPDATE && p.kind() != StatementKind.DELETE) {
            return batchOneByOne(entries, counts);
        }
        Catalog catalog = runtime.catalog();
        InsertShape insert = p.insert();
        TableInfo target = insert != null && !insert.fromSelect() ? catalog.find(insert.table()) : null;
        Map<Integer, Map<String, List<Part>>> byGroup = new LinkedHashMap<>();
        boolean[] used = new boolean[connection.groupCount()];
        try {
            for (int e = 0; e < entries.size(); e++) {
                Params values = entries.get(e);
                long[] generated = target != null ? generateMissingKeys(insert, target) : null;
                Route route = Router.route(p, values, catalog, generated, -1);
                runtime.metrics().statement(route.kind());
                for (int i = 0; i < route.groups().length; i++) {
                    int g = route.groups()[i];
                    used[g] = true;
                    String text = sql;
                    int[] map = null;
                    if (generated != null || route.rowsByGroup() != null) {
                        int[] rows = route.rowsByGroup() != null ? route.rowsByGroup()[i] : insert.allRows();
                        PhysicalSql physical = insert.render(rows, target.keyIdentityAlways());
                        text = physical.sql();
                        map = physical.paramMap();
                    }
                    byGroup.computeIfAbsent(g, k -> new LinkedHashMap<>())
                            .computeIfAbsent(text, k -> new ArrayList<>()).add(new Part(e, values, map, generated));
                }
            }
        } catch (SQLException ex) {
            throw new BatchUpdateException(ex.getMessage(), ex.getSQLState(), ex.getErrorCode(), new long[0], ex);
        }
        int[] groups = Router.allGroups(used.length);
        groups = Arrays.stream(groups).filter(g -> used[g]).toArray();
        try {
            connection.beforeWrite(groups);
            AllGroups.GroupWork work = (g, c) -> runGroupBatch(g, c, byGroup.get(g), counts);
            if (groups.length > 1 && !connection.inTransaction()) {
                Connection[] conns = new Connection[connection.groupCount()];
                for (int g : groups) {
                    conns[g] = connection.physical(g);
                }
                connection.addWarning(AllGroups.run(runtime.twoPhase(), conns, groups, work));
            } else {
                for (int g : groups) {
                    work.run(g, connection.physical(g));
                }
            }
        } catch (BatchUpdateException ex) {
            throw ex;
        } catch (SQLException ex) {
            throw new BatchUpdateException(ex.getMessage(), ex.getSQLState(), ex.getErrorCode(), new long[0], ex);
        }
        return counts;
    }

    /** One batch entry's share for one group. */
    private record Part(int entry, Params values, int[] paramMap, long[] generated) {
    }

    private void runGroupBatch(int g, Connection c, Map<String, List<Part>> byText, long[] counts)
            throws SQLException {
        connection.noteGroup(g);
        long start = System.nanoTime();
        try {
            for (Map.Entry<String, List<Part>> e : byText.entrySet()) {
                boolean logical = e.getKey().equals(sql) && e.getValue().get(0).paramMap() == null;
                PreparedStatement ps = logical ? physicalPrepared(g, c) : c.prepareStatement(e.getKey());
                try {
                    applyOptions(ps);
                    for (Part part : e.getValue()) {
                        if (part.paramMap() == null) {
                            part.values().bindAll(ps);
                        } else {
                            bindMapped(ps, part.paramMap(), part.values(), part.generated());
                        }
                        ps.addBatch();
                    }
                    long[] results = ps.executeLargeBatch();
                    for (int i = 0; i < results.length; i++) {
                        int entry = e.getValue().get(i).entry();
                        counts[entry] += Math.max(results[i], 0);
                    }
                } finally {
                    if (!logical) {
                        ps.close();
                    }
                }
            }
        } catch (SQLException ex) {
            throw connection.onFailure(g, ex);
        } finally {
            runtime.metrics().groupLatency(g, System.nanoTime() - start);
        }
    }

    private long[] batchOneByOne(List<Params> entries, long[] counts) throws SQLException {
        for (int i = 0; i < entries.size(); i++) {
            try {
                if (run(currentPlan(), entries.get(i), keys)) {
                    throw new BatchUpdateException("batch entry " + (i + 1) + " returned a result set", SqlStates.RESULT_SET_NOT_EXPECTED,
                            0, Arrays.copyOf(counts, i), null);
                }
                counts[i] = Math.max(updateCountValue(), 0);
            } catch (BatchUpdateException e) {
                throw e;
            } catch (SQLException e) {
                throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(),
                        Arrays.copyOf(counts, i), e);
            }
        }
        return counts;
    }

    /** Metadata of the result, from the group the statement last ran on (the home group before). */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        ResultSet rs = getResultSet();
        if (rs != null) {
            return rs.getMetaData();
        }
        int g = anyGroup();
        return physicalPrepared(g, connection.physical(g)).getMetaData();
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        int g = anyGroup();
        return physicalPrepared(g, connection.physical(g)).getParameterMetaData();
    }

    private int anyGroup() {
        int held = connection.heldGroup();
        return held >= 0 ? held : runtime.catalog().homeGroup();
    }

    @Override
    protected void closePhysical() {
        for (int g = 0; g < physicalByGroup.length; g++) {
            if (physicalByGroup[g] != null) {
                try {
                    physicalByGroup[g].close();
                } catch (SQLException ignored) {
                    // the physical connection may be gone
                }
                physicalByGroup[g] = null;
            }
        }
        if (physicalBySlot != null) {
            for (int i = 0; i < physicalBySlot.length; i++) {
                if (physicalBySlot[i] != null) {
                    try {
                        physicalBySlot[i].close();
                    } catch (SQLException ignored) {
                        // the physical connection may be gone
                    }
                    physicalBySlot[i] = null;
                }
            }
        }
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
