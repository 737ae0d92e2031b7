package io.synapsedb.jdbc;

import io.synapsedb.catalog.AllGroups;
import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.CatalogChannel;
import io.synapsedb.catalog.CatalogManager;
import io.synapsedb.catalog.DdlLock;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.Failures;
import io.synapsedb.core.RouteKind;
import io.synapsedb.core.SqlStates;
import io.synapsedb.exec.ClusterRuntime;
import io.synapsedb.route.ParamSource;
import io.synapsedb.route.Route;
import io.synapsedb.route.Router;
import io.synapsedb.sql.DdlOp;
import io.synapsedb.sql.FanoutHint;
import io.synapsedb.sql.InsertShape;
import io.synapsedb.sql.KeyRef;
import io.synapsedb.sql.PhysicalSql;
import io.synapsedb.sql.PlacementHint;
import io.synapsedb.sql.StatementKind;
import io.synapsedb.sql.StatementPlan;
import io.synapsedb.sql.SynapseCall;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A logical statement. It asks the runtime for the plan of its SQL (cached), the router for the
 * groups, and runs physical pgJDBC statements on the logical connection's physical connections.
 * {@link SynapsePreparedStatement} adds bind parameters to the same engine.
 */
class SynapseStatement implements Statement {

    protected final SynapseConnection connection;
    protected final ClusterRuntime runtime;
    private final int resultSetType;
    private final int resultSetConcurrency;
    private final int resultSetHoldability;

    int maxRows;
    int fetchSize;
    private int queryTimeout;
    private int maxFieldSize;
    private boolean escapeProcessing = true;
    private boolean closeOnCompletion;
    private boolean poolable;
    private boolean closed;
    private List<String> batch;

    /** Physical statements of the current execution, for cancel() and close(). */
    private static final Statement[] NONE = new Statement[0];
    private volatile Statement[] running = NONE;
    /** True once the application set an option physical statements must get. */
    private boolean optionsSet;
    /** Physical statements made for one execution (rewritten SQL), closed with its results. */
    final List<Statement> oneOff = new ArrayList<>(2);
    /** Per group, the physical Statement this logical one reuses for plain SQL. */
    private Statement[] plainByGroup;

    private ResultSet result;
    private long updateCount = -1;
    private final List<ResultSet> generatedKeys = new ArrayList<>(1);

    SynapseStatement(SynapseConnection connection, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) {
        this.connection = connection;
        this.runtime = connection.runtime();
        this.resultSetType = resultSetType;
        this.resultSetConcurrency = resultSetConcurrency;
        this.resultSetHoldability = resultSetHoldability;
    }

    // =============================================================================================
    // The engine

    /**
     * Runs one statement: its plan, bound values (or none), and how generated keys were asked for.
     * Retries once when a write hit a group that no longer owns its slot and the catalog changed.
     *
     * @return true when the first result is a result set
     */
    protected final boolean run(StatementPlan plan, Params params, GeneratedKeys keys) throws SQLException {
        checkOpen();
        clearResults();
        directSent = false;
        try {
            return dispatch(plan, params, keys);
        } catch (SQLException e) {
            // A slot's partition that is gone from the group is the same stale route, seen from
            // the direct text: the slot moved since the catalog was read.
            Failures.Kind failure = Failures.classify(e);
            boolean missingPartition = directSent && failure == Failures.Kind.UNDEFINED_TABLE;
            if ((failure == Failures.Kind.STALE_ROUTE || missingPartition) && !connection.inTransaction()) {
                long before = runtime.catalog().version();
                runtime.catalogManager().reload();
                if (runtime.catalog().version() != before) {
                    clearResults();
                    return dispatch(runtime.plan(plan.sql()), params, keys);
                }
                if (missingPartition) {
                    // The catalog still says the slot is there: let the parent's routing decide.
                    clearResults();
                    directOff = true;
                    try {
                        return dispatch(plan, params, keys);
                    } finally {
                        directOff = false;
                    }
                }
            }
            throw e;
        }
    }

    /** The last execution sent a direct-partition text. */
    private boolean directSent;
    /** Set while retrying on the parent after a direct text failed. */
    private boolean directOff;


    /**
     * The slot's partition text when the route is bounded to one slot and direct partitions are
     * on; otherwise {@code null} (send the logical text).
     */
    private String directText(StatementPlan plan, Route route) {
        if (route.slot() < 0 || directOff || !runtime.config().routing().directPartitions()) {
            return null;
        }
        return plan.slotText(route.slot());
    }


    private boolean dispatch(StatementPlan plan, Params params, GeneratedKeys keys) throws SQLException {
        if (plan.refusal() != null) {
            // Before anything else: a refused statement reaches no node, whatever its kind.
            throw Errors.notSupported(plan.refusal());
        }
        if (DriverViews.references(plan)) {
            return runDriverView(plan, params);
        }
        switch (plan.kind()) {
            case TRANSACTION:
                return runTransactionControl(plan);
            case SET:
                return runSet(plan);
            case SYNAPSE_CALL:
                return runSynapseCall(plan, params);
            case DDL:
                return runDdl(plan, params);
            default:
                boolean result = runRouted(plan, params, keys);
                connection.sessionObjects().ran(plan.sessionObject());
                return result;
        }
    }

    private boolean runRouted(StatementPlan plan, Params params, GeneratedKeys keys) throws SQLException {
        Catalog catalog = runtime.catalog();
        InsertShape insert = plan.insert();
        long[] generated = null;
        TableInfo target = null;
        if (insert != null && !insert.fromSelect()) {
            target = catalog.find(insert.table());
            generated = generateMissingKeys(insert, target);
        }
        ParamSource source = params != null ? params : ParamSource.NONE;
        Route route = connection.sessionObjects().knows(plan.sessionObject())
                ? Route.single(RouteKind.HOME, catalog.homeGroup())
                : Router.route(plan, source, catalog, generated, preferredGroup());
        if (route.kind() == RouteKind.ALL) {
            checkFanout(plan, catalog);
        }
        runtime.metrics().statement(route.kind());
        if (route.kind() == RouteKind.ALL) {
            runtime.metrics().fullFanout();
        }
        boolean writes = plan.writes() || plan.kind() == StatementKind.INSERT || plan.kind() == StatementKind.UPDATE
                || plan.kind() == StatementKind.DELETE;
        if (!writes && !route.isSingle() && (plan.kind() == StatementKind.SELECT || plan.explain())) {
            finishResults(scatter().run(plan, params, route));
            return result != null;
        }
        if (writes) {
            connection.beforeWrite(route.groups());
        }
        boolean identityAlways = target != null && target.keyIdentityAlways();
        if (route.isSingle()) {
            int g = route.groups()[0];
            if (generated == null) {
                String direct = directText(plan, route);
                if (direct != null) {
                    directSent = true;
                    executeOn(g, direct, null, params, null, keys, true, route.slot());
                } else {
                    executeOn(g, plan.sql(), null, params, null, keys, true);
                }
            } else {
                PhysicalSql sql = insert.render(insert.allRows(), identityAlways);
                executeOn(g, sql.sql(), sql.paramMap(), params, generated, keys, false);
            }
            finishResults();
            return result != null;
        }
        int[] groups = route.groups();
        long[] gen = generated;
        AllGroups.GroupWork work = (g, c) -> {
            int i = indexOf(groups, g);
            if (route.rowsByGroup() != null) {
                PhysicalSql sql = insert.render(route.rowsByGroup()[i], identityAlways);
                executeOn(g, sql.sql(), sql.paramMap(), params, gen, keys, false);
            } else {
                executeOn(g, plan.sql(), null, params, null, keys, true);
            }
        };
        // A write to a reference table runs on every group, but is one logical write: report one
        // group's count and rows, not their sum.
        replicaResults = route.kind() == RouteKind.BROADCAST;
        if (writes && !connection.inTransaction()) {
            // Several groups in autocommit: each group in a transaction, committed atomically (2PC).
            try {
                addWarning(AllGroups.run(runtime.twoPhase(), physicalFor(groups), groups, work));
            } catch (SQLException e) {
                if (!SqlStates.ACTIVE_SQL_TRANSACTION.equals(e.getSQLState()) || plan.placementHint() != PlacementHint.ALL_GROUPS) {
                    throw e;
                }
                // A hinted statement PostgreSQL refuses in a transaction block (VACUUM, ...): group after group.
                clearResults();
                replicaResults = true;
                for (int g : groups) {
                    work.run(g, connection.physical(g));
                }
            }
        } else {
            for (int g : groups) {
                work.run(g, connection.physical(g));
            }
        }
        finishResults();
        return result != null;
    }

    /** Full fan-out refused by the {@code failOnFullFanout} property or the statement's hint. */
    private void checkFanout(StatementPlan plan, Catalog catalog) throws SQLException {
        FanoutHint hint = plan.fanoutHint();
        boolean refuse = hint == FanoutHint.NO_FANOUT
                || (runtime.config().routing().failOnFullFanout() && hint != FanoutHint.ALLOW_FANOUT);
        if (refuse) {
            String table = plan.distributedTables().isEmpty() ? "?" : plan.distributedTables().get(0);
            TableInfo info = catalog.find(table);
            String key = info == null ? "its shard key" : "its shard key " + info.shardKey();
            throw new java.sql.SQLFeatureNotSupportedException("the statement on distributed table " + table
                    + " has no usable predicate on " + key + " and would run on every group (full fan-out), which "
                    + (hint == FanoutHint.NO_FANOUT ? "its /*+ synapse:no_fanout */ hint" : "failOnFullFanout=true")
                    + " forbids; add " + key.substring(4) + " = ? (or IN/ANY), or"
                    + (hint == FanoutHint.NO_FANOUT ? " drop the hint" : " start the statement with /*+ synapse:allow_fanout */"),
                    SqlStates.FEATURE_NOT_SUPPORTED);
        }
    }

    private Scatter scatterEngine;

    private Scatter scatter() {
        if (scatterEngine == null) {
            scatterEngine = new Scatter(this);
        }
        return scatterEngine;
    }

    /**
     * Fresh cluster-unique values for the rows of an INSERT that omit the shard key, indexed by
     * row (other rows 0), or {@code null} when every row gives its key.
     */
    final long[] generateMissingKeys(InsertShape insert, TableInfo table) throws SQLException {
        List<KeyRef> rowKeys = insert.rowKeys();
        int missing = 0;
        for (KeyRef k : rowKeys) {
            if (k == null) {
                missing++;
            }
        }
        if (missing == 0) {
            return null;
        }
        long[] values = new long[missing];
        runtime.allocateKeys(table, values, 0, missing);
        long[] byRow = new long[rowKeys.size()];
        int next = 0;
        for (int r = 0; r < byRow.length; r++) {
            if (rowKeys.get(r) == null) {
                byRow[r] = values[next++];
            }
        }
        return byRow;
    }

    private Connection[] physicalFor(int[] groups) throws SQLException {
        Connection[] conns = new Connection[connection.groupCount()];
        for (int g : groups) {
            conns[g] = connection.physical(g);
        }
        return conns;
    }

    private static int indexOf(int[] groups, int g) {
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == g) {
                return i;
            }
        }
        return -1;
    }

    /** A group this connection already holds, so reads any group can answer stay on it. */
    private int preferredGroup() {
        return connection.heldGroup();
    }

    /**
     * Executes on group {@code g}: the logical text as it is ({@code paramMap == null}), or a
     * rewritten text whose parameters map to logical ones and generated keys.
     */
    private void executeOn(int g, String sql, int[] paramMap, Params params, long[] generated, GeneratedKeys keys,
            boolean logicalText) throws SQLException {
        executeOn(g, sql, paramMap, params, generated, keys, logicalText, -1);
    }

    /**
     * As above; {@code slot >= 0} says {@code sql} is the logical statement's direct text for that
     * slot, prepared once per slot and reused like the per-group text.
     */
    private void executeOn(int g, String sql, int[] paramMap, Params params, long[] generated, GeneratedKeys keys,
            boolean logicalText, int slot) throws SQLException {
        Connection c = connection.physical(g);
        connection.noteGroup(g);
        long start = System.nanoTime();
        try {
            Statement st;
            boolean hasResult;
            if (params == null && paramMap == null) {
                st = plainStatement(g, c);
                addRunning(st);
                hasResult = keys.requested() ? st.execute(sql, Statement.RETURN_GENERATED_KEYS) : st.execute(sql);
            } else {
                PreparedStatement ps = !logicalText ? keys.prepare(c, sql)
                        : slot >= 0 ? physicalPreparedForSlot(slot, c, sql) : physicalPrepared(g, c);
                applyOptions(ps);
                addRunning(ps);
                if (paramMap == null) {
                    params.bindAll(ps);
                } else {
                    bindMapped(ps, paramMap, params, generated);
                }
                if (!logicalText) {
                    oneOff.add(ps);
                }
                hasResult = ps.execute();
                st = ps;
            }
            collect(st, hasResult, keys);
        } catch (SQLException e) {
            throw connection.onFailure(g, e);
        } finally {
            runtime.metrics().groupLatency(g, System.nanoTime() - start);
        }
    }

    static void bindMapped(PreparedStatement ps, int[] paramMap, Params params, long[] generated)
            throws SQLException {
        for (int p = 0; p < paramMap.length; p++) {
            int m = paramMap[p];
            if (m > 0) {
                params.bind(ps, p + 1, m);
            } else {
                ps.setLong(p + 1, generated[-m - 1]);
            }
        }
    }

    /** Physical prepared statement for the logical text on group {@code g}; plain statements have none. */
    protected PreparedStatement physicalPrepared(int g, Connection c) throws SQLException {
        throw new IllegalStateException("a plain statement has no prepared text");
    }

    /**
     * Physical prepared statement for the logical statement's direct text of {@code slot} on
     * connection {@code c}; plain statements have none.
     */
    protected PreparedStatement physicalPreparedForSlot(int slot, Connection c, String text) throws SQLException {
        throw new IllegalStateException("a plain statement has no prepared text");
    }

    Statement plainStatement(int g, Connection c) throws SQLException {
        if (plainByGroup == null) {
            plainByGroup = new Statement[connection.groupCount()];
        }
        Statement st = plainByGroup[g];
        if (st == null || st.isClosed() || st.getConnection() != c) {
            st = c.createStatement();
            plainByGroup[g] = st;
        }
        applyOptions(st);
        return st;
    }

    void addRunning(Statement st) {
        Statement[] now = running;
        Statement[] next = java.util.Arrays.copyOf(now, now.length + 1);
        next[now.length] = st;
        running = next;
    }

    protected final void applyOptions(Statement st) throws SQLException {
        if (!optionsSet) {
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

    private final List<ResultSet> pendingResults = new ArrayList<>(1);
    private long pendingCount = -1;

    /** The groups' results are copies of one another (a reference-table write): keep one. */
    private boolean replicaResults;

    private void collect(Statement st, boolean hasResult, GeneratedKeys keys) throws SQLException {
        if (hasResult) {
            if (replicaResults && !pendingResults.isEmpty()) {
                st.getResultSet().close();
            } else {
                pendingResults.add(st.getResultSet());
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

    /** Sets a result the driver built (a merged multi-group read). */
    private void finishResults(ResultSet merged) {
        pendingResults.clear();
        pendingCount = -1;
        result = merged;
        updateCount = -1;
    }

    private void finishResults() {
        if (!pendingResults.isEmpty()) {
            result = pendingResults.size() == 1 ? new SingleResultSet(this, pendingResults.get(0))
                    : new ConcatResultSet(this, new ArrayList<>(pendingResults));
            updateCount = -1;
        } else {
            result = null;
            updateCount = pendingCount;
        }
        pendingResults.clear();
        pendingCount = -1;
    }

    private void clearResults() throws SQLException {
        if (result != null) {
            result.close();
            result = null;
        }
        for (ResultSet rs : generatedKeys) {
            rs.close();
        }
        generatedKeys.clear();
        pendingResults.clear();
        pendingCount = -1;
        updateCount = -1;
        replicaResults = false;
        running = NONE;
        for (Statement st : oneOff) {
            st.close();
        }
        oneOff.clear();
    }

    // ---------------------------------------------------------------------------------------------
    // Statements the driver handles itself

    private boolean runTransactionControl(StatementPlan plan) throws SQLException {
        switch (plan.transactionOp()) {
            case BEGIN:
                if (connection.inTransaction()) {
                    warning = new SQLWarning("there is already a transaction in progress", SqlStates.ACTIVE_SQL_TRANSACTION);
                } else {
                    connection.setAutoCommit(false);
                }
                break;
            case COMMIT:
                connection.commit();
                connection.setAutoCommit(true);
                break;
            case ROLLBACK:
                connection.rollback();
                connection.setAutoCommit(true);
                break;
            case SAVEPOINT:
                connection.setSavepoint(plan.savepointName());
                break;
            case RELEASE_SAVEPOINT:
                connection.releaseSavepoint(connection.savepointNamed(plan.savepointName()));
                break;
            case ROLLBACK_TO_SAVEPOINT:
                connection.rollback(connection.savepointNamed(plan.savepointName()));
                break;
            default:
                throw Errors.notSupported("PREPARE TRANSACTION, COMMIT PREPARED and ROLLBACK PREPARED are the"
                        + " driver's own; use the JDBC transaction API");
        }
        updateCount = 0;
        return false;
    }

    private SQLWarning warning;

    private void addWarning(SQLWarning w) {
        if (w == null) {
            return;
        }
        if (warning == null) {
            warning = w;
        } else {
            warning.setNextWarning(w);
        }
    }

    /**
     * A SELECT of the driver's views ({@code synapse.distributed_transactions}, {@code cluster_nodes},
     * {@code schema_versions}): their rows are collected here and the query runs on the home group.
     * Outside a transaction, a query that needs nothing of the home group runs on the next group
     * that answers when the home group's node is down, so the views still show a cluster that lost it.
     */
    private boolean runDriverView(StatementPlan plan, Params params) throws SQLException {
        ViewQuery query = DriverViews.query(plan, params != null);
        Map<DriverView, List<String[]>> rows = DriverViews.collect(query, runtime);
        int home = runtime.catalog().homeGroup();
        int[] order = connection.inTransaction() || !plan.homeTables().isEmpty() ? new int[] {home}
                : AllGroups.homeFirst(connection.groupCount(), home);
        SQLException failure = null;
        for (int g : order) {
            Connection c;
            try {
                c = connection.physical(g);
            } catch (SQLException e) {
                if (!Failures.isConnectionFailure(e)) {
                    throw e;
                }
                failure = MergedResultSet.chain(failure, e);
                continue;
            }
            try {
                PreparedStatement ps = query.prepare(c, rows, params == null ? null : params::bind);
                oneOff.add(ps);
                applyOptions(ps);
                pendingResults.add(ps.executeQuery());
                finishResults();
                runtime.metrics().statement(g == home ? RouteKind.HOME : RouteKind.ANY);
                return true;
            } catch (SQLException e) {
                SQLException reported = connection.onFailure(g, e);
                if (!Failures.isConnectionFailure(e)) {
                    throw reported;
                }
                failure = MergedResultSet.chain(failure, reported);
            }
        }
        throw failure;
    }

    /** {@code SET}: runs on every physical connection held (at least the home group's) and is remembered. */
    private boolean runSet(StatementPlan plan) throws SQLException {
        int home = runtime.catalog().homeGroup();
        connection.physical(home);
        for (int g = 0; g < connection.groupCount(); g++) {
            Connection c = connection.held(g);
            if (c != null) {
                try (Statement st = c.createStatement()) {
                    st.execute(plan.sql());
                } catch (SQLException e) {
                    throw connection.onFailure(g, e);
                }
            }
        }
        if (!plan.setLocal()) {
            connection.rememberSetting(plan.sql());
        }
        runtime.metrics().statement(RouteKind.BROADCAST);
        updateCount = 0;
        return false;
    }

    /**
     * DDL runs on every group, each in a transaction, committed atomically (two-phase commit) when
     * every group succeeded; the catalog follows in the same transactions. Statements PostgreSQL
     * refuses inside a transaction block (CREATE INDEX CONCURRENTLY, ...) run group after group
     * instead, and so does DDL on temporary tables, which PostgreSQL cannot prepare.
     */
    private boolean runDdl(StatementPlan plan, Params params) throws SQLException {
        int groupCount = connection.groupCount();
        if (connection.inTransaction() && groupCount > 1) {
            throw new SQLException("DDL runs on every group together with the catalog and cannot run inside an"
                    + " explicit transaction; run it in autocommit mode", SqlStates.ACTIVE_SQL_TRANSACTION);
        }
        // Temporary objects belong to one session: they change no schema and PostgreSQL cannot prepare them.
        boolean temporary = TEMP_DDL.matcher(plan.sql()).lookingAt();
        CatalogManager catalog = runtime.catalogManager();
        int home = runtime.catalog().homeGroup();
        int[] order = AllGroups.homeFirst(groupCount, home);
        List<String> dropped = plan.ddlOp() == DdlOp.DROP_TABLE ? plan.tables() : List.of();
        String change = DdlSummary.of(plan);
        Connection[] conns = physicalFor(order);
        // The hold is released before a configured declaration of a new table takes it again.
        try (CatalogChannel.Hold hold = temporary ? null : catalog.holdForDdl(change)) {
            long version = catalog.versionAfterDrop(dropped);
            long[] schema = {-1};
            try {
                addWarning(AllGroups.run(runtime.twoPhase(), conns, order, (g, c) -> {
                    if (g == home && groupCount > 1) {
                        // Serialises DDL of all applications, so every group applies it in the same order.
                        DdlLock.inTransaction(c, runtime.config().catalog().ddlLockTimeoutMs(), change,
                                runtime.catalog().group(home));
                    }
                    if (g == home && !temporary) {
                        schema[0] = catalog.nextSchemaVersion(conns);
                    }
                    runDdlText(c, plan, params);
                    if (version >= 0) {
                        catalog.deleteDeclarations(c, dropped, version);
                    }
                    if (!temporary) {
                        catalog.recordSchemaChange(c, schema[0], change);
                    }
                }, !temporary));
            } catch (SQLException e) {
                if (!SqlStates.ACTIVE_SQL_TRANSACTION.equals(e.getSQLState())) {
                    throw e;
                }
                // CREATE INDEX CONCURRENTLY and the like: group after group, each recorded after it ran.
                schema[0] = catalog.nextSchemaVersion(conns);
                for (int g : order) {
                    runDdlText(conns[g], plan, params);
                    catalog.recordSchemaChange(conns[g], schema[0], change);
                }
            }
            runtime.metrics().statement(RouteKind.BROADCAST);
            catalog.afterDrop(version, dropped);
            if (!temporary) {
                catalog.ddlCommitted(schema[0], change);
            }
        }
        if (plan.ddlOp() == DdlOp.CREATE_TABLE) {
            for (String t : plan.tables()) {
                catalog.afterCreateTable(t);
            }
        }
        updateCount = 0;
        return false;
    }

    /** {@code CREATE TEMP TABLE ...}: PostgreSQL cannot prepare a transaction that touched temporary objects. */
    private static final java.util.regex.Pattern TEMP_DDL = java.util.regex.Pattern.compile(
            "\\s*CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?TEMP(?:ORARY)?\\s", java.util.regex.Pattern.CASE_INSENSITIVE);

    private void runDdlText(Connection c, StatementPlan plan, Params params) throws SQLException {
        if (params == null) {
            try (Statement st = c.createStatement()) {
                applyOptions(st);
                st.execute(plan.sql());
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement(plan.sql())) {
                applyOptions(ps);
                params.bindAll(ps);
                ps.execute();
            }
        }
    }

    /** {@code SELECT synapse.fn(...)}: the driver's own functions; the answer is a one-row result. */
    private boolean runSynapseCall(StatementPlan plan, Params params) throws SQLException {
        if (connection.inTransaction()) {
            throw new SQLException("synapse." + plan.call().function() + " cannot run inside a transaction block",
                    SqlStates.ACTIVE_SQL_TRANSACTION);
        }
        SynapseCall call = plan.call();
        List<Object> args = new ArrayList<>();
        for (KeyRef ref : call.args()) {
            if (ref instanceof KeyRef.Literal) {
                args.add(((KeyRef.Literal) ref).value());
            } else if (ref instanceof KeyRef.Param && params != null) {
                args.add(params.get(((KeyRef.Param) ref).index()));
            } else {
                throw new SQLException("synapse." + call.function() + " takes literal or ? arguments", SqlStates.INVALID_PARAMETER_VALUE);
            }
        }
        CatalogManager catalog = runtime.catalogManager();
        String answer;
        switch (call.function()) {
            case "distribute_table":
                requireArgs(call, args, 2, 3, "distribute_table(table text, shard_key text [, slots int])");
                answer = catalog.distributeTable(text(call, args, 0), text(call, args, 1),
                        args.size() > 2 ? integer(call, args, 2) : 0);
                break;
            case "reference_table":
                requireArgs(call, args, 1, 1, "reference_table(table text)");
                answer = catalog.referenceTable(text(call, args, 0));
                break;
            case "undistribute_table":
                requireArgs(call, args, 1, 1, "undistribute_table(table text)");
                answer = catalog.forgetTable(text(call, args, 0));
                break;
            default:
                throw new SQLException("function synapse." + call.function() + " does not exist; the driver provides"
                        + " synapse.distribute_table(table, shard_key [, slots]), synapse.reference_table(table)"
                        + " and synapse.undistribute_table(table)", SqlStates.UNDEFINED_FUNCTION);
        }
        int home = runtime.catalog().homeGroup();
        Connection c = connection.physical(home);
        PreparedStatement ps = c.prepareStatement("SELECT ?::text AS " + io.synapsedb.core.Sql.ident(call.function()));
        oneOff.add(ps);
        ps.setString(1, answer);
        pendingResults.add(ps.executeQuery());
        finishResults();
        runtime.metrics().statement(RouteKind.BROADCAST);
        return true;
    }

    private static void requireArgs(SynapseCall call, List<Object> args, int min, int max, String usage)
            throws SQLException {
        if (args.size() < min || args.size() > max) {
            throw new SQLException("wrong number of arguments for synapse." + call.function() + "; usage: synapse."
                    + usage, SqlStates.UNDEFINED_FUNCTION);
        }
    }

    private static String text(SynapseCall call, List<Object> args, int i) throws SQLException {
        Object v = args.get(i);
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw new SQLException("argument " + (i + 1) + " of synapse." + call.function() + " must be a non-empty"
                    + " text", SqlStates.INVALID_PARAMETER_VALUE);
        }
        return (String) v;
    }

    private static int integer(SynapseCall call, List<Object> args, int i) throws SQLException {
        Object v = args.get(i);
        try {
            if (v instanceof Number) {
                return Math.toIntExact(((Number) v).longValue());
            }
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new SQLException("argument " + (i + 1) + " of synapse." + call.function() + " must be an integer",
                    SqlStates.INVALID_PARAMETER_VALUE);
        }
    }

    // =============================================================================================
    // java.sql.Statement

    protected final void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.statementClosed();
        }
        if (connection.isClosed()) {
            throw Errors.closed("connection");
        }
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!execute(sql)) {
            throw new SQLException("the statement returned no result set", SqlStates.NO_DATA);
        }
        return result;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        if (execute(sql)) {
            throw new SQLException("the statement returned a result set", SqlStates.RESULT_SET_NOT_EXPECTED);
        }
        return Math.max(updateCount, 0);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return execute(sql, Statement.NO_GENERATED_KEYS);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        return run(runtime.plan(Errors.sqlText(sql)), null, new GeneratedKeys(autoGeneratedKeys, null, null));
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        checkOpen();
        return run(runtime.plan(Errors.sqlText(sql)), null,
                new GeneratedKeys(Statement.RETURN_GENERATED_KEYS, columnIndexes, null));
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        return run(runtime.plan(Errors.sqlText(sql)), null,
                new GeneratedKeys(Statement.RETURN_GENERATED_KEYS, null, columnNames));
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        execute(sql, autoGeneratedKeys);
        return (int) Math.max(updateCount, 0);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        execute(sql, columnIndexes);
        return (int) Math.max(updateCount, 0);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        execute(sql, columnNames);
        return (int) Math.max(updateCount, 0);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return result;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return (int) updateCount;
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(Statement.CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (result != null && current != Statement.KEEP_CURRENT_RESULT) {
            result.close();
        }
        result = null;
        updateCount = -1;
        return false;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        if (generatedKeys.isEmpty()) {
            throw new SQLException("no generated keys: execute with RETURN_GENERATED_KEYS first", SqlStates.GENERAL_ERROR);
        }
        return generatedKeys.size() == 1 ? new SingleResultSet(this, generatedKeys.get(0))
                : new ConcatResultSet(this, generatedKeys);
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        if (batch == null) {
            batch = new ArrayList<>();
        }
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        if (batch != null) {
            batch.clear();
        }
    }

    /** Runs the batched SQL texts in order; each goes where its own route says. */
    @Override
    public int[] executeBatch() throws SQLException {
        long[] large = executeLargeBatch();
        int[] counts = new int[large.length];
        for (int i = 0; i < large.length; i++) {
            counts[i] = (int) Math.min(Integer.MAX_VALUE, large[i]);
        }
        return counts;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> texts = batch == null ? List.of() : new ArrayList<>(batch);
        if (batch != null) {
            batch.clear();
        }
        long[] counts = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            try {
                if (execute(texts.get(i))) {
                    throw new BatchUpdateException("batch entry " + (i + 1) + " returned a result set", SqlStates.RESULT_SET_NOT_EXPECTED,
                            0, java.util.Arrays.copyOf(counts, i), null);
                }
                counts[i] = Math.max(updateCount, 0);
            } catch (BatchUpdateException e) {
                throw e;
            } catch (SQLException e) {
                long[] done = java.util.Arrays.copyOf(counts, i);
                throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), done, e);
            }
        }
        return counts;
    }

    protected final void setResult(ResultSet rs, long count) {
        result = rs;
        updateCount = count;
    }

    protected final long updateCountValue() {
        return updateCount;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            clearResults();
        } catch (SQLException ignored) {
            // closing anyway
        }
        if (plainByGroup != null) {
            for (Statement st : plainByGroup) {
                if (st != null) {
                    try {
                        st.close();
                    } catch (SQLException ignored) {
                        // the physical connection may be gone
                    }
                }
            }
        }
        closePhysical();
        connection.unregister(this);
    }

    /** Closes physical statements a subclass keeps. */
    protected void closePhysical() {
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Cancels the statement on every group it is running on. */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        for (Statement st : running) {
            st.cancel();
        }
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return maxFieldSize;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("max field size must not be negative", SqlStates.INVALID_PARAMETER_VALUE);
        }
        maxFieldSize = max;
        optionsSet = true;
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("max rows must not be negative", SqlStates.INVALID_PARAMETER_VALUE);
        }
        maxRows = max;
        optionsSet = true;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
        escapeProcessing = enable;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("query timeout must not be negative", SqlStates.INVALID_PARAMETER_VALUE);
        }
        queryTimeout = seconds;
        optionsSet = true;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warning;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warning = null;
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw Errors.notSupported("named cursors are not supported");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw Errors.notSupported("only FETCH_FORWARD is supported");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must not be negative", SqlStates.INVALID_PARAMETER_VALUE);
        }
        fetchSize = rows;
        optionsSet = true;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return resultSetConcurrency;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return resultSetType;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return resultSetHoldability;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
        this.poolable = poolable;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return poolable;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), SqlStates.GENERAL_ERROR);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
