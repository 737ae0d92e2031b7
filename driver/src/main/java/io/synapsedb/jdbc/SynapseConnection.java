package io.synapsedb.jdbc;

import io.synapsedb.core.Failures;
import io.synapsedb.core.SqlStates;
import io.synapsedb.exec.ClusterRuntime;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A logical connection to the whole cluster. It holds, lazily, at most one physical (pgJDBC)
 * connection per group, borrowed from that group's pool and returned on {@link #close()}. Session
 * state set through it (autocommit, read-only, isolation, {@code SET}) reaches every physical
 * connection it holds and every one it takes later.
 *
 * <p>Transactions: a transaction may read and write any groups. One written group commits with a
 * plain commit; two or more commit atomically with two-phase commit
 * ({@link io.synapsedb.txn.TwoPhaseCommit}). Not thread-safe, like pgJDBC's connection.
 */
public final class SynapseConnection implements Connection {

    private final ClusterRuntime runtime;
    private final Connection[] physical;
    /** The pgJDBC session behind each physical connection, for {@link ConformingStrings}. */
    private final org.postgresql.core.BaseConnection[] sessions;
    private final List<String> sessionSettings = new ArrayList<>();
    /** Open statements, closed with the connection; few, so a list beats a hash set. */
    private final List<Statement> statements = new ArrayList<>(4);
    private final List<LogicalSavepoint> savepoints = new ArrayList<>();
    private final SessionObjects sessionObjects = new SessionObjects();
    private boolean autoCommit = true;
    private boolean readOnly;
    private int isolation = TRANSACTION_READ_COMMITTED;
    private boolean isolationSet;
    /** The groups this transaction wrote, in the order of their first write; the first coordinates. */
    private final int[] writeOrder;
    private int writeCount;
    /** Warnings of the driver itself (a commit a group has not confirmed yet). */
    private SQLWarning ownWarnings;
    private int lastGroup = -1;
    private boolean closed;
    private int savepointCounter;

    SynapseConnection(ClusterRuntime runtime) {
        this.runtime = runtime;
        this.physical = new Connection[runtime.groupCount()];
        this.sessions = new org.postgresql.core.BaseConnection[runtime.groupCount()];
        this.writeOrder = new int[runtime.groupCount()];
    }

    ClusterRuntime runtime() {
        return runtime;
    }

    /** The prepared statements and cursors this connection made by SQL on the home group. */
    SessionObjects sessionObjects() {
        return sessionObjects;
    }

    // ---------------------------------------------------------------------------------------------
    // Physical connections

    /** The physical connection of {@code group}, taken from its pool on first use. */
    Connection physical(int group) throws SQLException {
        Connection c = physical[group];
        if (c != null) {
            if (!streamingReads.isEmpty()) {
                endStreamingReads(group);
            }
            // Outside a transaction a connection that broke (its node restarted) is simply replaced.
            if (!autoCommit || !c.isClosed()) {
                ConformingStrings.check(c, sessions[group], runtime.pool(group).node().toString());
                return c;
            }
            physical[group] = null;
            c.close();
        }
        checkOpen();
        c = runtime.openPrimary(group);
        try {
            if (!autoCommit) {
                c.setAutoCommit(false);
            }
            if (readOnly) {
                c.setReadOnly(true);
            }
            if (isolationSet) {
                c.setTransactionIsolation(isolation);
            }
            if (!sessionSettings.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    for (String set : sessionSettings) {
                        st.execute(set);
                    }
                }
            }
            sessions[group] = ConformingStrings.taken(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        physical[group] = c;
        return c;
    }

    /** The physical connection of {@code group} if this logical connection holds one, else null. */
    Connection held(int group) {
        return physical[group];
    }

    /** The lowest group this connection holds a physical connection to, or -1. */
    int heldGroup() {
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] != null) {
                return g;
            }
        }
        return -1;
    }

    int groupCount() {
        return physical.length;
    }

    void noteGroup(int group) {
        lastGroup = group;
    }

    /**
     * Called when a statement on {@code group} failed; returns the exception to throw: an error
     * the node reported about the statement, with logical table names ({@link ServerErrors}). A connection
     * failure counts against the node's breaker, is reported as {@code 08006} naming the node, and,
     * outside a transaction, drops the physical connection (its pool evicts it) so the next
     * statement takes a fresh one.
     */
    SQLException onFailure(int group, SQLException e) {
        if (!Failures.isConnectionFailure(e)) {
            org.postgresql.core.BaseConnection session = sessions[group];
            return ServerErrors.logical(e, runtime.catalog(), session != null && session.getLogServerErrorDetail());
        }
        runtime.pool(group).health().onConnectionLost(e);
        if (autoCommit && physical[group] != null) {
            Connection c = physical[group];
            physical[group] = null;
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
        String node = runtime.pool(group).node().toString();
        if (e.getMessage() != null && e.getMessage().contains(node)) {
            return e;
        }
        return new java.sql.SQLNonTransientConnectionException("connection to node " + node + " (group "
                + runtime.catalog().group(group).name() + ") failed: " + e.getMessage(),
                e.getSQLState() != null && e.getSQLState().startsWith(SqlStates.CONNECTION_EXCEPTION_CLASS) ? e.getSQLState() : SqlStates.CONNECTION_FAILURE, e);
    }

    /**
     * Records, before a statement runs, that this transaction writes {@code groups}: the groups it
     * wrote commit with two-phase commit when there are several.
     */
    void beforeWrite(int[] groups) {
        if (autoCommit) {
            return;
        }
        for (int g : groups) {
            if (!wrote(g)) {
                writeOrder[writeCount++] = g;
            }
        }
    }

    private boolean wrote(int g) {
        for (int i = 0; i < writeCount; i++) {
            if (writeOrder[i] == g) {
                return true;
            }
        }
        return false;
    }

    /** Adds a warning of the driver's own to {@link #getWarnings()}. */
    void addWarning(SQLWarning w) {
        if (w == null) {
            return;
        }
        if (ownWarnings == null) {
            ownWarnings = w;
        } else {
            ownWarnings.setNextWarning(w);
        }
    }

    /**
     * Settles orphaned two-phase transactions on every group now (recovery also runs by itself at
     * start and every {@code recoveryIntervalMs}). Any application of the cluster may call it.
     */
    public io.synapsedb.txn.RecoveryResult recoverTransactions() throws SQLException {
        checkOpen();
        return runtime.recovery().runOnce();
    }

    boolean inTransaction() {
        return !autoCommit;
    }

    /** Streamed multi-group reads of autocommit mode whose short read transactions are still open. */
    private final List<StreamingRead> streamingReads = new ArrayList<>(1);

    /** Registers a streamed read's transactions; they end when its result closes or another use needs them. */
    void openStreamingRead(StreamingRead read) {
        streamingReads.add(read);
    }

    void closedStreamingRead(StreamingRead read) {
        streamingReads.remove(read);
    }

    /**
     * Ends the read transactions of streamed results on {@code group} (every group when -1) before
     * the connection is used for anything else, so that no other statement ever runs inside them;
     * the result they fed then fails on its next row with a message that says so.
     */
    private void endStreamingReads(int group) throws SQLException {
        SQLException error = null;
        for (StreamingRead read : new ArrayList<>(streamingReads)) {
            if (group < 0 || read.uses(group)) {
                try {
                    read.endEarly();
                } catch (SQLException e) {
                    error = chain(error, e);
                }
            }
        }
        if (error != null) {
            throw error;
        }
    }

    /** Remembers a session {@code SET} so that physical connections taken later get it too. */
    void rememberSetting(String sql) {
        sessionSettings.add(sql);
    }

    void register(Statement st) {
        statements.add(st);
    }

    void unregister(Statement st) {
        for (int i = statements.size() - 1; i >= 0; i--) {
            if (statements.get(i) == st) {
                statements.remove(i);
                return;
            }
        }
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.closed("connection");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Statements

    @Override
    public Statement createStatement() throws SQLException {
        return createStatement(java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return createStatement(resultSetType, resultSetConcurrency, getHoldability());
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        checkOpen();
        checkResultSetOptions(resultSetType, resultSetConcurrency);
        SynapseStatement st = new SynapseStatement(this, resultSetType, resultSetConcurrency, resultSetHoldability);
        register(st);
        return st;
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepare(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY,
                Statement.NO_GENERATED_KEYS, null, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepare(sql, resultSetType, resultSetConcurrency, Statement.NO_GENERATED_KEYS, null, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        return prepare(sql, resultSetType, resultSetConcurrency, Statement.NO_GENERATED_KEYS, null, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepare(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY,
                autoGeneratedKeys, null, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepare(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY,
                Statement.RETURN_GENERATED_KEYS, columnIndexes, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepare(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY,
                Statement.RETURN_GENERATED_KEYS, null, columnNames);
    }

    private PreparedStatement prepare(String sql, int type, int concurrency, int keys, int[] keyIndexes,
            String[] keyNames) throws SQLException {
        checkOpen();
        Errors.sqlText(sql);
        checkResultSetOptions(type, concurrency);
        SynapsePreparedStatement ps = new SynapsePreparedStatement(this, sql, type, concurrency,
                new GeneratedKeys(keys, keyIndexes, keyNames));
        register(ps);
        return ps;
    }

    private static void checkResultSetOptions(int type, int concurrency) throws SQLException {
        if (type != java.sql.ResultSet.TYPE_FORWARD_ONLY || concurrency != java.sql.ResultSet.CONCUR_READ_ONLY) {
            throw Errors.notSupported("only forward-only, read-only result sets are supported");
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw Errors.notSupported("CallableStatement is not supported; call functions with SELECT");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return prepareCall(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        return prepareCall(sql);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    // ---------------------------------------------------------------------------------------------
    // Transactions

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (this.autoCommit == autoCommit) {
            return;
        }
        endStreamingReads(-1);
        if (autoCommit) {
            commit();
        }
        for (Connection c : physical) {
            if (c != null) {
                c.setAutoCommit(autoCommit);
            }
        }
        this.autoCommit = autoCommit;
        writeCount = 0;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    /**
     * Commits every group this transaction touched: the groups it only read first, then the ones it
     * wrote, so a failure to commit the writes is the last thing that can happen. One written group
     * commits plainly; several commit atomically with two-phase commit.
     */
    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (autoCommit) {
            return;
        }
        int writeGroup = writeCount == 1 ? writeOrder[0] : -1;
        SQLException error = null;
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] != null && !wrote(g)) {
                try {
                    physical[g].commit();
                } catch (SQLException e) {
                    error = chain(error, onFailure(g, e));
                }
            }
        }
        if (writeCount > 1) {
            int[] written = java.util.Arrays.copyOf(writeOrder, writeCount);
            if (error != null) {
                for (int g : written) {
                    rollbackGroup(g, error);
                }
            } else {
                try {
                    addWarning(runtime.twoPhase().commit(physical, written));
                } catch (SQLException e) {
                    error = e;
                }
            }
        } else if (writeGroup >= 0 && physical[writeGroup] != null) {
            if (error != null) {
                rollbackGroup(writeGroup, error);
            } else {
                try {
                    physical[writeGroup].commit();
                } catch (SQLException e) {
                    error = onFailure(writeGroup, e);
                }
            }
        }
        endTransaction();
        if (error != null) {
            throw error;
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (autoCommit) {
            return;
        }
        SQLException error = null;
        for (int g = 0; g < physical.length; g++) {
            // A connection the pool closed meanwhile has no transaction left to roll back.
            if (physical[g] != null && !physical[g].isClosed()) {
                try {
                    physical[g].rollback();
                } catch (SQLException e) {
                    error = chain(error, onFailure(g, e));
                }
            }
        }
        endTransaction();
        if (error != null) {
            throw error;
        }
    }

    private void rollbackGroup(int g, SQLException error) {
        try {
            physical[g].rollback();
        } catch (SQLException e) {
            error.addSuppressed(e);
        }
    }

    private void endTransaction() {
        writeCount = 0;
        savepoints.clear();
        dropBroken();
    }

    /** Physical connections that broke during the transaction go back to their pool (which evicts them). */
    private void dropBroken() {
        for (int g = 0; g < physical.length; g++) {
            Connection c = physical[g];
            try {
                if (c != null && c.isClosed()) {
                    physical[g] = null;
                    c.close();
                }
            } catch (SQLException ignored) {
                // gone either way
            }
        }
    }

    private static SQLException chain(SQLException first, SQLException next) {
        if (first == null) {
            return next;
        }
        first.setNextException(next);
        return first;
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return setSavepoint(null);
    }

    /**
     * A savepoint covers the groups the transaction has touched when it is set. A group first
     * touched after it holds only work done after it, so rolling back to the savepoint rolls that
     * group's whole transaction back.
     */
    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("cannot set a savepoint in autocommit mode", SqlStates.NO_ACTIVE_SQL_TRANSACTION);
        }
        int id = ++savepointCounter;
        String pgName = name != null ? name : "synapse_sp_" + id;
        boolean[] covered = new boolean[physical.length];
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] != null) {
                try (Statement st = physical[g].createStatement()) {
                    st.execute("SAVEPOINT " + io.synapsedb.core.Sql.ident(pgName));
                }
                covered[g] = true;
            }
        }
        LogicalSavepoint sp = new LogicalSavepoint(id, name, pgName, covered, writeCount);
        savepoints.add(sp);
        return sp;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        checkOpen();
        LogicalSavepoint sp = find(savepoint);
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] == null) {
                continue;
            }
            if (sp.covered[g]) {
                try (Statement st = physical[g].createStatement()) {
                    st.execute("ROLLBACK TO SAVEPOINT " + io.synapsedb.core.Sql.ident(sp.pgName));
                }
            } else {
                physical[g].rollback();
            }
        }
        // Groups first written after the savepoint no longer hold writes; writeOrder only appends.
        writeCount = sp.writeCount;
        savepoints.subList(savepoints.indexOf(sp) + 1, savepoints.size()).clear();
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkOpen();
        LogicalSavepoint sp = find(savepoint);
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] != null && sp.covered[g]) {
                try (Statement st = physical[g].createStatement()) {
                    st.execute("RELEASE SAVEPOINT " + io.synapsedb.core.Sql.ident(sp.pgName));
                }
            }
        }
        savepoints.subList(savepoints.indexOf(sp), savepoints.size()).clear();
    }

    /** The savepoint of that name, for {@code ROLLBACK TO name} written as SQL. */
    Savepoint savepointNamed(String name) throws SQLException {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (name.equals(savepoints.get(i).pgName)) {
                return savepoints.get(i);
            }
        }
        throw new SQLException("savepoint " + name + " does not exist", SqlStates.INVALID_SAVEPOINT_SPECIFICATION);
    }

    private LogicalSavepoint find(Savepoint savepoint) throws SQLException {
        if (autoCommit) {
            throw new SQLException("no transaction is in progress", SqlStates.NO_ACTIVE_SQL_TRANSACTION);
        }
        for (LogicalSavepoint sp : savepoints) {
            if (sp == savepoint) {
                return sp;
            }
        }
        throw new SQLException("savepoint is not valid in this transaction", SqlStates.INVALID_SAVEPOINT_SPECIFICATION);
    }

    private static final class LogicalSavepoint implements Savepoint {
        private final int id;
        private final String name;
        private final String pgName;
        private final boolean[] covered;
        private final int writeCount;

        LogicalSavepoint(int id, String name, String pgName, boolean[] covered, int writeCount) {
            this.id = id;
            this.name = name;
            this.pgName = pgName;
            this.covered = covered;
            this.writeCount = writeCount;
        }

        @Override
        public int getSavepointId() throws SQLException {
            if (name != null) {
                throw new SQLException("a named savepoint has no id", SqlStates.INVALID_ATTRIBUTE_VALUE);
            }
            return id;
        }

        @Override
        public String getSavepointName() throws SQLException {
            if (name == null) {
                throw new SQLException("an unnamed savepoint has no name", SqlStates.INVALID_ATTRIBUTE_VALUE);
            }
            return name;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Session state

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        for (Connection c : physical) {
            if (c != null) {
                c.setReadOnly(readOnly);
            }
        }
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        for (Connection c : physical) {
            if (c != null) {
                c.setTransactionIsolation(level);
            }
        }
        this.isolation = level;
        this.isolationSet = true;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return isolation;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return runtime.catalog().group(runtime.catalog().homeGroup()).primary().database();
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        if (schema == null) {
            throw new SQLException("schema is null", SqlStates.INVALID_PARAMETER_VALUE);
        }
        String set = "SET search_path TO " + io.synapsedb.core.Sql.ident(schema);
        String refusal = runtime.plan(set).refusal();
        if (refusal != null) {
            throw Errors.notSupported("setSchema(" + schema + "): " + refusal);
        }
        for (Connection c : physical) {
            if (c != null) {
                c.setSchema(schema);
            }
        }
        rememberSetting(set);
    }

    @Override
    public String getSchema() throws SQLException {
        return physical(currentGroup()).getSchema();
    }

    private int currentGroup() {
        return lastGroup >= 0 ? lastGroup : runtime.catalog().homeGroup();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        SQLWarning first = ownWarnings;
        for (Connection c : physical) {
            if (c != null) {
                SQLWarning w = c.getWarnings();
                if (w != null) {
                    if (first == null) {
                        first = w;
                    } else {
                        first.setNextWarning(w);
                    }
                }
            }
        }
        return first;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        ownWarnings = null;
        for (Connection c : physical) {
            if (c != null) {
                c.clearWarnings();
            }
        }
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return Map.of();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        throw Errors.notSupported("custom type maps are not supported");
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw Errors.notSupported("only CLOSE_CURSORS_AT_COMMIT holdability is supported");
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        return java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    /** The home group's metadata: every group has the same schema. */
    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return physical(runtime.catalog().homeGroup()).getMetaData();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("timeout must not be negative", SqlStates.INVALID_PARAMETER_VALUE);
        }
        if (closed) {
            return false;
        }
        try {
            boolean any = false;
            for (Connection c : physical) {
                if (c != null) {
                    any = true;
                    if (!c.isValid(timeout)) {
                        return false;
                    }
                }
            }
            return any || physical(runtime.catalog().homeGroup()).isValid(timeout);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        for (Connection c : physical) {
            if (c != null) {
                c.setClientInfo(name, value);
            }
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        for (Connection c : physical) {
            if (c != null) {
                c.setClientInfo(properties);
            }
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return physical(currentGroup()).getClientInfo(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return physical(currentGroup()).getClientInfo();
    }

    @Override
    public Clob createClob() throws SQLException {
        return physical(currentGroup()).createClob();
    }

    @Override
    public Blob createBlob() throws SQLException {
        return physical(currentGroup()).createBlob();
    }

    @Override
    public NClob createNClob() throws SQLException {
        return physical(currentGroup()).createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        return physical(currentGroup()).createSQLXML();
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        return physical(currentGroup()).createArrayOf(typeName, elements);
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        return physical(currentGroup()).createStruct(typeName, attributes);
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("executor is null", SqlStates.INVALID_PARAMETER_VALUE);
        }
        closed = true;
        for (Connection c : physical) {
            if (c != null) {
                c.abort(executor);
            }
        }
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] != null) {
                physical[g].setNetworkTimeout(executor, milliseconds);
            }
        }
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return 0;
    }

    /**
     * Returns every physical connection to its pool. An open transaction is rolled back first, as
     * pools do.
     */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        for (Statement st : new ArrayList<>(statements)) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        SQLException error = null;
        for (int g = 0; g < physical.length; g++) {
            Connection c = physical[g];
            if (c == null) {
                continue;
            }
            try {
                if (!c.isClosed() && !c.getAutoCommit()) {
                    c.rollback();
                }
            } catch (SQLException e) {
                error = chain(error, e);
            }
            try {
                c.close();
            } catch (SQLException e) {
                error = chain(error, e);
            }
            physical[g] = null;
        }
        closed = true;
        if (error != null && !Failures.isConnectionFailure(error)) {
            throw error;
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * {@code unwrap(PGConnection.class)} (or any pgJDBC interface) gives the physical connection of
     * the group the last statement ran on (the home group before any).
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return physical(currentGroup()).unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || physical(currentGroup()).isWrapperFor(iface);
    }
}
