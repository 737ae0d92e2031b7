package io.synapsedb.exec;

import io.synapsedb.core.Errors;
import io.synapsedb.core.Failures;
import io.synapsedb.core.NodeTarget;
import io.synapsedb.core.Sql;
import io.synapsedb.core.SqlStates;
import io.synapsedb.core.Warnings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postgresql.core.BaseConnection;

/**
 * The state of one logical connection: at most one physical (pgJDBC) connection per group, taken
 * lazily from the node selector and given back on {@link #close()}; the session settings (autocommit,
 * read-only, isolation, {@code SET}) that every physical connection gets, including the ones taken
 * later; the groups the transaction wrote, in the order of their first write; savepoints; and the
 * short read transactions of streamed multi-group reads. This is where a session's causal state
 * (the WAL positions it must see) belongs.
 *
 * <p>Transactions: one written group commits with a plain commit; two or more commit atomically
 * with two-phase commit ({@link io.synapsedb.txn.TwoPhaseCommit}). Not thread-safe, like a JDBC
 * connection.
 */
public final class Session {

    private final ClusterRuntime runtime;
    private final Connection[] physical;
    /** The pgJDBC session behind each physical connection, for {@link ConformingStrings}. */
    private final BaseConnection[] sessions;
    private final List<String> settings = new ArrayList<>();
    private final List<LogicalSavepoint> savepoints = new ArrayList<>();
    private final SessionObjects sessionObjects = new SessionObjects();
    /** Streamed multi-group reads of autocommit mode whose short read transactions are still open. */
    private final List<StreamingRead> streamingReads = new ArrayList<>(1);
    /** The groups this transaction wrote, in the order of their first write; the first coordinates. */
    private final int[] writeOrder;
    private int writeCount;
    private boolean autoCommit = true;
    private boolean readOnly;
    private int isolation = Connection.TRANSACTION_READ_COMMITTED;
    private boolean isolationSet;
    /** Warnings of the driver itself (a commit a group has not confirmed yet). */
    private SQLWarning ownWarnings;
    private int lastGroup = -1;
    private int savepointCounter;
    private boolean closed;

    public Session(ClusterRuntime runtime) {
        this.runtime = runtime;
        this.physical = new Connection[runtime.groupCount()];
        this.sessions = new BaseConnection[runtime.groupCount()];
        this.writeOrder = new int[runtime.groupCount()];
    }

    public ClusterRuntime runtime() {
        return runtime;
    }

    public int groupCount() {
        return physical.length;
    }

    /** The prepared statements and cursors this session made by SQL on the home group. */
    SessionObjects sessionObjects() {
        return sessionObjects;
    }

    // ---------------------------------------------------------------------------------------------
    // Physical connections

    /** The physical connection of {@code group}, taken from the node selector on first use. */
    public Connection physical(int group) throws SQLException {
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
        c = runtime.nodes().open(NodeTarget.primary(group));
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
            if (!settings.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    for (String set : settings) {
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

    /** The physical connections of {@code groups}, by group index (others null). */
    Connection[] physicalFor(int[] groups) throws SQLException {
        Connection[] conns = new Connection[physical.length];
        for (int g : groups) {
            conns[g] = physical(g);
        }
        return conns;
    }

    /** The physical connection of {@code group} if this session holds one, else null. */
    public Connection held(int group) {
        return physical[group];
    }

    /** The lowest group this session holds a physical connection to, or -1. */
    int heldGroup() {
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] != null) {
                return g;
            }
        }
        return -1;
    }

    void noteGroup(int group) {
        lastGroup = group;
    }

    /** The group the last statement ran on, else the home group. */
    public int currentGroup() {
        return lastGroup >= 0 ? lastGroup : runtime.catalog().homeGroup();
    }

    /** Every physical connection held, for settings that reach all of them (client info, timeouts). */
    public List<Connection> heldConnections() {
        List<Connection> out = new ArrayList<>(physical.length);
        for (Connection c : physical) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Called when a statement on {@code group} failed; returns the exception to throw: an error the
     * node reported about the statement, with logical table names ({@link ServerErrors}). A
     * connection failure counts against the node's breaker, is reported as {@code 08006} naming the
     * node, and, outside a transaction, drops the physical connection (its pool evicts it) so the
     * next statement takes a fresh one.
     */
    public SQLException onFailure(int group, SQLException e) {
        if (!Failures.isConnectionFailure(e)) {
            BaseConnection session = sessions[group];
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
        return new SQLNonTransientConnectionException("connection to node " + node + " (group "
                + runtime.catalog().group(group).name() + ") failed: " + e.getMessage(),
                SqlStates.inClass(e.getSQLState(), SqlStates.CONNECTION_EXCEPTION_CLASS) ? e.getSQLState()
                        : SqlStates.CONNECTION_FAILURE, e);
    }

    // ---------------------------------------------------------------------------------------------
    // Transactions

    public boolean inTransaction() {
        return !autoCommit;
    }

    public boolean autoCommit() {
        return autoCommit;
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

    /**
     * Commits every group this transaction touched: the groups it only read first, then the ones it
     * wrote, so a failure to commit the writes is the last thing that can happen. One written group
     * commits plainly; several commit atomically with two-phase commit.
     */
    public void commit() throws SQLException {
        checkOpen();
        if (autoCommit) {
            return;
        }
        SQLException error = null;
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] != null && !wrote(g)) {
                try {
                    physical[g].commit();
                } catch (SQLException e) {
                    error = Failures.chain(error, onFailure(g, e));
                }
            }
        }
        int[] written = Arrays.copyOf(writeOrder, writeCount);
        if (error != null) {
            for (int g : written) {
                rollbackQuietly(g, error);
            }
        } else if (written.length > 1) {
            try {
                addWarning(runtime.twoPhase().commit(physical, written));
            } catch (SQLException e) {
                error = e;
            }
        } else if (written.length == 1 && physical[written[0]] != null) {
            try {
                physical[written[0]].commit();
            } catch (SQLException e) {
                error = onFailure(written[0], e);
            }
        }
        endTransaction();
        if (error != null) {
            throw error;
        }
    }

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
                    error = Failures.chain(error, onFailure(g, e));
                }
            }
        }
        endTransaction();
        if (error != null) {
            throw error;
        }
    }

    private void rollbackQuietly(int g, SQLException error) {
        if (physical[g] == null) {
            return;
        }
        try {
            physical[g].rollback();
        } catch (SQLException e) {
            Failures.chain(error, e);
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

    /**
     * A savepoint covers the groups the transaction has touched when it is set. A group first
     * touched after it holds only work done after it, so rolling back to the savepoint rolls that
     * group's whole transaction back.
     */
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
                    st.execute("SAVEPOINT " + Sql.ident(pgName));
                }
                covered[g] = true;
            }
        }
        LogicalSavepoint sp = new LogicalSavepoint(id, name, pgName, covered, writeCount);
        savepoints.add(sp);
        return sp;
    }

    public void rollback(Savepoint savepoint) throws SQLException {
        checkOpen();
        LogicalSavepoint sp = find(savepoint);
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] == null) {
                continue;
            }
            if (sp.covered[g]) {
                try (Statement st = physical[g].createStatement()) {
                    st.execute("ROLLBACK TO SAVEPOINT " + Sql.ident(sp.pgName));
                }
            } else {
                physical[g].rollback();
            }
        }
        // Groups first written after the savepoint no longer hold writes; writeOrder only appends.
        writeCount = sp.writeCount;
        savepoints.subList(savepoints.indexOf(sp) + 1, savepoints.size()).clear();
    }

    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkOpen();
        LogicalSavepoint sp = find(savepoint);
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] != null && sp.covered[g]) {
                try (Statement st = physical[g].createStatement()) {
                    st.execute("RELEASE SAVEPOINT " + Sql.ident(sp.pgName));
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
    // Session settings

    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        for (Connection c : physical) {
            if (c != null) {
                c.setReadOnly(readOnly);
            }
        }
        this.readOnly = readOnly;
    }

    public boolean readOnly() {
        return readOnly;
    }

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

    public int isolation() {
        return isolation;
    }

    /** {@code Connection.setSchema}: refused like the equivalent {@code SET search_path}, else everywhere. */
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        if (schema == null) {
            throw new SQLException("schema is null", SqlStates.INVALID_PARAMETER_VALUE);
        }
        String set = "SET search_path TO " + Sql.ident(schema);
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

    /** Remembers a session {@code SET} so that physical connections taken later get it too. */
    void rememberSetting(String sql) {
        settings.add(sql);
    }

    // ---------------------------------------------------------------------------------------------
    // Warnings

    /** Adds a warning of the driver's own to {@link #warnings()}. */
    void addWarning(SQLWarning w) {
        ownWarnings = Warnings.chain(ownWarnings, w);
    }

    /** The driver's own warnings, then every physical connection's. */
    public SQLWarning warnings() throws SQLException {
        SQLWarning first = ownWarnings;
        for (Connection c : physical) {
            if (c != null) {
                first = Warnings.chain(first, c.getWarnings());
            }
        }
        return first;
    }

    public void clearWarnings() throws SQLException {
        ownWarnings = null;
        for (Connection c : physical) {
            if (c != null) {
                c.clearWarnings();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Streamed reads

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
                    error = Failures.chain(error, e);
                }
            }
        }
        if (error != null) {
            throw error;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Life cycle

    public void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.closed("connection");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * JDBC's {@code abort}: the session is closed at once and every physical connection aborted (its
     * socket closed; the pool drops it), whatever still runs on it.
     */
    public void abort(java.util.concurrent.Executor executor) throws SQLException {
        closed = true;
        for (int g = 0; g < physical.length; g++) {
            if (physical[g] != null) {
                physical[g].abort(executor);
                physical[g] = null;
            }
        }
    }

    /**
     * Returns every physical connection to its pool. An open transaction is rolled back first, as
     * pools do. A connection failure on the way is not an error: the pool drops that connection.
     */
    public void close() throws SQLException {
        if (closed) {
            return;
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
                error = Failures.chain(error, e);
            }
            try {
                c.close();
            } catch (SQLException e) {
                error = Failures.chain(error, e);
            }
            physical[g] = null;
        }
        closed = true;
        if (error != null && !Failures.isConnectionFailure(error)) {
            throw error;
        }
    }
}
