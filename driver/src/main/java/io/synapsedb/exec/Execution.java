package io.synapsedb.exec;

import io.synapsedb.core.Failures;
import io.synapsedb.core.Warnings;
import io.synapsedb.exec.merge.MergedRows;
import io.synapsedb.exec.merge.SingleRows;
import io.synapsedb.exec.merge.StreamedRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The physical side of one logical statement: the pgJDBC statements it keeps per group (a plain
 * one, and for a prepared statement the logical text prepared once per group and each slot's
 * direct text once per slot, so pgJDBC's server-side prepare works as if the application talked to
 * that node), the statements of the current execution (for {@code cancel}), and what the
 * execution produced: merged rows, an update count, generated keys, warnings.
 */
public final class Execution {

    private static final Statement[] NONE = new Statement[0];

    private final Session session;
    private final StatementOptions options;
    /** The logical text of a prepared statement, prepared per group; null for a plain statement. */
    private final String preparedText;
    private final GeneratedKeys preparedKeys;

    private Statement[] plainByGroup;
    private final PreparedStatement[] preparedByGroup;
    private PreparedStatement[] preparedBySlot;
    /** The text each of {@link #preparedBySlot} was prepared with (a new plan may change it). */
    private String[] textBySlot;

    /** Physical statements of the current execution, for cancel(). */
    private volatile Statement[] running = NONE;
    /** Physical statements made for one execution (rewritten SQL), closed with its results. */
    private final List<Statement> oneOff = new ArrayList<>(2);

    private final List<ResultSet> pending = new ArrayList<>(1);
    private long pendingCount = -1;
    /** The groups' results are copies of one another (a reference-table write): keep one. */
    private boolean replicaResults;
    private MergedRows rows;
    private long updateCount = -1;
    private final List<ResultSet> generatedKeys = new ArrayList<>(1);
    private SQLWarning warning;

    /**
     * @param preparedText the logical text of a prepared statement, or null for a plain statement
     * @param preparedKeys how the prepared statement asked for generated keys
     */
    public Execution(Session session, StatementOptions options, String preparedText, GeneratedKeys preparedKeys) {
        this.session = session;
        this.options = options;
        this.preparedText = preparedText;
        this.preparedKeys = preparedKeys;
        this.preparedByGroup = preparedText == null ? null : new PreparedStatement[session.groupCount()];
    }

    Session session() {
        return session;
    }

    StatementOptions options() {
        return options;
    }

    // ---------------------------------------------------------------------------------------------
    // Physical statements

    /** The plain physical statement of group {@code g} on {@code c}, with the options applied. */
    Statement plain(int g, Connection c) throws SQLException {
        if (plainByGroup == null) {
            plainByGroup = new Statement[session.groupCount()];
        }
        Statement st = plainByGroup[g];
        if (st == null || st.isClosed() || st.getConnection() != c) {
            st = c.createStatement();
            plainByGroup[g] = st;
        }
        options.apply(st);
        return st;
    }

    /** The physical statement of the logical prepared text on group {@code g} (prepared once). */
    PreparedStatement prepared(int g, Connection c) throws SQLException {
        if (preparedByGroup == null) {
            throw new IllegalStateException("a plain statement has no prepared text");
        }
        PreparedStatement ps = preparedByGroup[g];
        if (ps == null || ps.isClosed() || ps.getConnection() != c) {
            ps = preparedKeys.prepare(c, preparedText);
            preparedByGroup[g] = ps;
        }
        return ps;
    }

    /** The physical statement of {@code slot}'s direct text on {@code c} (prepared once per slot). */
    PreparedStatement preparedForSlot(int slot, Connection c, String text) throws SQLException {
        if (preparedByGroup == null) {
            throw new IllegalStateException("a plain statement has no prepared text");
        }
        if (preparedBySlot == null || slot >= preparedBySlot.length) {
            int n = Math.max(slot + 1, preparedBySlot == null ? 0 : preparedBySlot.length);
            preparedBySlot = preparedBySlot == null ? new PreparedStatement[n] : Arrays.copyOf(preparedBySlot, n);
            textBySlot = textBySlot == null ? new String[n] : Arrays.copyOf(textBySlot, n);
        }
        PreparedStatement ps = preparedBySlot[slot];
        // Texts are shared per plan, so identity is the usual answer; equals covers a re-made plan.
        if (ps == null || ps.isClosed() || ps.getConnection() != c
                || (textBySlot[slot] != text && !text.equals(textBySlot[slot]))) {
            closeQuietly(ps);
            ps = preparedKeys.prepare(c, text);
            preparedBySlot[slot] = ps;
            textBySlot[slot] = text;
        }
        return ps;
    }

    /**
     * The physical statement that runs {@code sql} on group {@code g}, options applied, values bound
     * and registered as running: the plain statement when there are no values; else the prepared
     * logical text ({@code logicalText}; for {@code slot >= 0} the slot's direct text), or a one-off
     * statement for a rewritten text whose parameters map to logical ones and generated keys.
     */
    Statement statementFor(int g, Connection c, String sql, int[] paramMap, Params params, long[] generated,
            GeneratedKeys keys, boolean logicalText, int slot) throws SQLException {
        Statement st;
        if (params == null && paramMap == null) {
            st = plain(g, c);
        } else {
            PreparedStatement ps = !logicalText ? oneOff(keys.prepare(c, sql))
                    : slot >= 0 ? preparedForSlot(slot, c, sql) : prepared(g, c);
            options.apply(ps);
            StatementEngine.bind(ps, paramMap, params, generated);
            st = ps;
        }
        running(st);
        return st;
    }

    /** A statement made for this execution only (rewritten text): closed with its results. */
    <T extends Statement> T oneOff(T st) {
        oneOff.add(st);
        return st;
    }

    /** Registers a physical statement as running, so that {@link #cancel()} reaches it. */
    void running(Statement st) {
        Statement[] now = running;
        Statement[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = st;
        running = next;
    }

    void apply(Statement st) throws SQLException {
        options.apply(st);
    }

    /** Cancels the statement on every group it is running on. */
    public void cancel() throws SQLException {
        for (Statement st : running) {
            st.cancel();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Results

    /** The groups' results of a reference-table write are copies: keep one count and result. */
    void replicaResults(boolean replicas) {
        this.replicaResults = replicas;
    }

    /** Collects what {@code st} produced: its result set, or its update count and generated keys. */
    void collect(Statement st, boolean hasResult, GeneratedKeys keys) throws SQLException {
        if (hasResult) {
            if (replicaResults && !pending.isEmpty()) {
                st.getResultSet().close();
            } else {
                pending.add(st.getResultSet());
            }
        } else {
            long n = st.getLargeUpdateCount();
            if (n >= 0) {
                pendingCount = replicaResults ? n : Math.max(pendingCount, 0) + n;
            }
            if (keys.requested() || keys.columnNames() != null || keys.columnIndexes() != null) {
                generatedKeys.add(st.getGeneratedKeys());
            }
        }
    }

    /** A result set one group produced for this execution (a view, a driver call's answer). */
    void result(ResultSet rs) {
        pending.add(rs);
    }

    /** Ends collecting: the groups' results one after another, or their update counts summed. */
    void finish() {
        if (!pending.isEmpty()) {
            rows = pending.size() == 1 ? new SingleRows(pending.get(0)) : StreamedRows.concat(pending);
            updateCount = -1;
        } else {
            rows = null;
            updateCount = pendingCount;
        }
        pending.clear();
        pendingCount = -1;
    }

    /** Ends with rows the engine merged itself (a multi-group read). */
    void finish(MergedRows merged) {
        pending.clear();
        pendingCount = -1;
        rows = merged;
        updateCount = -1;
    }

    /** Ends with an update count and no rows (statements the driver answers itself). */
    void finishCount(long count) {
        pending.clear();
        rows = null;
        updateCount = count;
    }

    /** True when the execution produced rows. */
    public boolean hasRows() {
        return rows != null;
    }

    /** The rows of the last execution, or null. */
    public MergedRows rows() {
        return rows;
    }

    /** The update count of the last execution, -1 when it produced rows. */
    public long updateCount() {
        return updateCount;
    }

    /** Forgets the current result (JDBC's getMoreResults: there is only one). */
    public void dropResult() {
        rows = null;
        updateCount = -1;
    }

    /** The generated keys of the last execution, one result set per group. */
    public List<ResultSet> generatedKeys() {
        return generatedKeys;
    }

    void addWarning(SQLWarning w) {
        warning = Warnings.chain(warning, w);
    }

    public SQLWarning warnings() {
        return warning;
    }

    public void clearWarnings() {
        warning = null;
    }

    /**
     * Before the next execution: closes the rows, generated keys and one-off statements of the last
     * one. The caller closed its result-set facade already, or never made one.
     */
    public void clear() throws SQLException {
        SQLException error = null;
        if (rows != null) {
            try {
                rows.close();
            } catch (SQLException e) {
                error = e;
            }
            rows = null;
        }
        for (ResultSet rs : generatedKeys) {
            try {
                rs.close();
            } catch (SQLException e) {
                error = Failures.chain(error, e);
            }
        }
        generatedKeys.clear();
        pending.clear();
        pendingCount = -1;
        updateCount = -1;
        replicaResults = false;
        running = NONE;
        for (Statement st : oneOff) {
            closeQuietly(st);
        }
        oneOff.clear();
        if (error != null) {
            throw error;
        }
    }

    /** Closes the results and every physical statement kept. */
    public void close() {
        try {
            clear();
        } catch (SQLException ignored) {
            // closing anyway
        }
        if (plainByGroup != null) {
            for (Statement st : plainByGroup) {
                closeQuietly(st);
            }
        }
        if (preparedByGroup != null) {
            for (Statement st : preparedByGroup) {
                closeQuietly(st);
            }
            Arrays.fill(preparedByGroup, null);
        }
        if (preparedBySlot != null) {
            for (Statement st : preparedBySlot) {
                closeQuietly(st);
            }
            Arrays.fill(preparedBySlot, null);
        }
    }

    private static void closeQuietly(Statement st) {
        if (st != null) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // the physical connection may be gone
            }
        }
    }
}
