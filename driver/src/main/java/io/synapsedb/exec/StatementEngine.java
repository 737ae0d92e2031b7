package io.synapsedb.exec;

import io.synapsedb.catalog.AllGroups;
import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.Errors;
import io.synapsedb.core.Failures;
import io.synapsedb.core.RouteKind;
import io.synapsedb.core.SqlStates;
import io.synapsedb.route.ParamSource;
import io.synapsedb.route.Route;
import io.synapsedb.route.Router;
import io.synapsedb.sql.FanoutHint;
import io.synapsedb.sql.InsertShape;
import io.synapsedb.sql.KeyRef;
import io.synapsedb.sql.PhysicalSql;
import io.synapsedb.sql.StatementKind;
import io.synapsedb.sql.StatementPlan;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the statements of one logical statement, below JDBC: a plan and its bound values in, an
 * {@link Execution}'s results out. It routes the plan, turns the route into physical statements on
 * the session's connections and runs them on one group, on several (a multi-group write commits
 * atomically with two-phase commit, a multi-group read is merged by {@link ScatterRead}), or hands
 * the statements the driver answers itself to their handlers ({@link TransactionControl},
 * {@link SessionSet}, {@link DdlExecution}, {@link SynapseCalls}, {@link ViewExecution}).
 */
public final class StatementEngine {

    private final Session session;
    private final ClusterRuntime runtime;
    private final Execution execution;
    private ScatterRead scatter;
    /** The last execution sent a direct-partition text. */
    private boolean directSent;
    /** Set while retrying on the parent after a direct text failed. */
    private boolean directOff;

    public StatementEngine(Session session, Execution execution) {
        this.session = session;
        this.runtime = session.runtime();
        this.execution = execution;
    }

    public Execution execution() {
        return execution;
    }

    ClusterRuntime runtime() {
        return runtime;
    }

    Session session() {
        return session;
    }

    /**
     * Runs one statement: its plan, bound values (or none), and how generated keys were asked for.
     * Retries once when a write hit a group that no longer owns its slot and the catalog changed.
     *
     * @return true when the result is rows
     */
    public boolean run(StatementPlan plan, Params params, GeneratedKeys keys) throws SQLException {
        execution.clear();
        directSent = false;
        try {
            return dispatch(plan, params, keys);
        } catch (SQLException e) {
            // A slot's partition that is gone from the group is the same stale route, seen from
            // the direct text: the slot moved since the catalog was read.
            Failures.Kind failure = Failures.classify(e);
            boolean missingPartition = directSent && failure == Failures.Kind.UNDEFINED_TABLE;
            if ((failure == Failures.Kind.STALE_ROUTE || missingPartition) && !session.inTransaction()) {
                long before = runtime.catalog().version();
                runtime.catalogManager().reload();
                if (runtime.catalog().version() != before) {
                    execution.clear();
                    return dispatch(runtime.plan(plan.sql()), params, keys);
                }
                if (missingPartition) {
                    // The catalog still says the slot is there: let the parent's routing decide.
                    execution.clear();
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

    private boolean dispatch(StatementPlan plan, Params params, GeneratedKeys keys) throws SQLException {
        if (plan.refusal() != null) {
            // Before anything else: a refused statement reaches no node, whatever its kind.
            throw Errors.notSupported(plan.refusal());
        }
        if (DriverViews.references(plan)) {
            return ViewExecution.run(this, plan, params);
        }
        switch (plan.kind()) {
            case TRANSACTION:
                return TransactionControl.run(this, plan);
            case SET:
                return SessionSet.run(this, plan);
            case SYNAPSE_CALL:
                return SynapseCalls.run(this, plan, params);
            case DDL:
                return DdlExecution.run(this, plan, params);
            default:
                boolean result = runRouted(plan, params, keys);
                session.sessionObjects().ran(plan.sessionObject());
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
        Route route = session.sessionObjects().knows(plan.sessionObject())
                ? Route.single(RouteKind.HOME, catalog.homeGroup())
                : Router.route(plan, source, catalog, generated, session.heldGroup());
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
            execution.finish(scatter().run(plan, params, route));
            return true;
        }
        if (writes) {
            session.beforeWrite(route.groups());
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
                    executeOn(g, plan.sql(), null, params, null, keys, true, -1);
                }
            } else {
                PhysicalSql sql = insert.render(insert.allRows(), identityAlways);
                executeOn(g, sql.sql(), sql.paramMap(), params, generated, keys, false, -1);
            }
            execution.finish();
            return execution.hasRows();
        }
        int[] groups = route.groups();
        long[] gen = generated;
        AllGroups.GroupWork work = (g, c) -> {
            int i = indexOf(groups, g);
            if (route.rowsByGroup() != null) {
                PhysicalSql sql = insert.render(route.rowsByGroup()[i], identityAlways);
                executeOn(g, sql.sql(), sql.paramMap(), params, gen, keys, false, -1);
            } else {
                executeOn(g, plan.sql(), null, params, null, keys, true, -1);
            }
        };
        // A write to a reference table runs on every group, but is one logical write: report one
        // group's count and rows, not their sum.
        execution.replicaResults(route.kind() == RouteKind.BROADCAST);
        onGroups(writes, groups, work, false);
        execution.finish();
        return execution.hasRows();
    }

    /**
     * Runs {@code work} on {@code groups}: in autocommit mode a write over several groups runs in
     * one transaction per group, committed atomically (two-phase commit); otherwise on the
     * session's connections as they are. A commit a group has not confirmed yet warns on the
     * connection ({@code connectionWarning}) or on the statement.
     */
    private void onGroups(boolean writes, int[] groups, AllGroups.GroupWork work, boolean connectionWarning)
            throws SQLException {
        if (writes && groups.length > 1 && !session.inTransaction()) {
            java.sql.SQLWarning w = AllGroups.run(runtime.twoPhase(), session.physicalFor(groups), groups, work);
            if (connectionWarning) {
                session.addWarning(w);
            } else {
                execution.addWarning(w);
            }
        } else {
            for (int g : groups) {
                work.run(g, session.physical(g));
            }
        }
    }

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

    /** Full fan-out refused by the {@code failOnFullFanout} property or the statement's hint. */
    private void checkFanout(StatementPlan plan, Catalog catalog) throws SQLException {
        FanoutHint hint = plan.fanoutHint();
        boolean refuse = hint == FanoutHint.NO_FANOUT
                || (runtime.config().routing().failOnFullFanout() && hint != FanoutHint.ALLOW_FANOUT);
        if (refuse) {
            String table = plan.distributedTables().isEmpty() ? "?" : plan.distributedTables().get(0);
            TableInfo info = catalog.find(table);
            String key = info == null ? "its shard key" : "its shard key " + info.shardKey();
            throw new SQLFeatureNotSupportedException("the statement on distributed table " + table
                    + " has no usable predicate on " + key + " and would run on every group (full fan-out), which "
                    + (hint == FanoutHint.NO_FANOUT ? "its /*+ synapse:no_fanout */ hint" : "failOnFullFanout=true")
                    + " forbids; add " + key.substring(4) + " = ? (or IN/ANY), or"
                    + (hint == FanoutHint.NO_FANOUT ? " drop the hint" : " start the statement with /*+ synapse:allow_fanout */"),
                    SqlStates.FEATURE_NOT_SUPPORTED);
        }
    }

    private ScatterRead scatter() {
        if (scatter == null) {
            scatter = new ScatterRead(this);
        }
        return scatter;
    }

    /**
     * Fresh cluster-unique values for the rows of an INSERT that omit the shard key, indexed by
     * row (other rows 0), or {@code null} when every row gives its key.
     */
    private long[] generateMissingKeys(InsertShape insert, TableInfo table) throws SQLException {
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

    private static int indexOf(int[] groups, int g) {
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == g) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Executes on group {@code g}: the logical text as it is ({@code logicalText}, with
     * {@code slot >= 0} for the slot's direct text), or a rewritten text whose parameters map to
     * logical ones and generated keys.
     */
    private void executeOn(int g, String sql, int[] paramMap, Params params, long[] generated, GeneratedKeys keys,
            boolean logicalText, int slot) throws SQLException {
        Connection c = session.physical(g);
        session.noteGroup(g);
        long start = System.nanoTime();
        try {
            Statement st = execution.statementFor(g, c, sql, paramMap, params, generated, keys, logicalText, slot);
            boolean hasResult;
            if (params == null && paramMap == null) {
                hasResult = keys.requested() ? st.execute(sql, Statement.RETURN_GENERATED_KEYS) : st.execute(sql);
            } else {
                hasResult = ((PreparedStatement) st).execute();
            }
            execution.collect(st, hasResult, keys);
        } catch (SQLException e) {
            throw session.onFailure(g, e);
        } finally {
            runtime.metrics().groupLatency(g, System.nanoTime() - start);
        }
    }

    /**
     * Binds {@code params} to {@code ps}: in order ({@code paramMap == null}), or mapped: entry
     * {@code p} of the map is the logical parameter of physical parameter {@code p + 1}, or, when
     * not positive, {@code -(m + 1)} indexes a generated key value.
     */
    static void bind(PreparedStatement ps, int[] paramMap, Params params, long[] generated) throws SQLException {
        if (paramMap == null) {
            params.bindAll(ps);
            return;
        }
        for (int p = 0; p < paramMap.length; p++) {
            int m = paramMap[p];
            if (m > 0) {
                params.bind(ps, p + 1, m);
            } else {
                ps.setLong(p + 1, generated[-m - 1]);
            }
        }
    }

    /**
     * The prepared text's physical statement on a group the session already holds (else the home
     * group), for its metadata: every group has the same schema.
     */
    public PreparedStatement describe() throws SQLException {
        int held = session.heldGroup();
        int g = held >= 0 ? held : runtime.catalog().homeGroup();
        return execution.prepared(g, session.physical(g));
    }

    // ---------------------------------------------------------------------------------------------
    // Batches

    /**
     * A prepared statement's batch: grouped by group (and by physical text), each group's part sent
     * as one pgJDBC batch, the counts mapped back to the order the entries were added. In autocommit
     * mode a batch that spans groups runs in one transaction per group, committed atomically.
     * Statements that are not INSERT, UPDATE or DELETE run entry by entry.
     */
    public long[] batch(StatementPlan plan, List<Params> entries, GeneratedKeys keys) throws SQLException {
        long[] counts = new long[entries.size()];
        if (entries.isEmpty()) {
            return counts;
        }
        if (plan.kind() != StatementKind.INSERT && plan.kind() != StatementKind.UPDATE
                && plan.kind() != StatementKind.DELETE) {
            return oneByOne(entries.size(), i -> run(plan, entries.get(i), keys));
        }
        Catalog catalog = runtime.catalog();
        InsertShape insert = plan.insert();
        TableInfo target = insert != null && !insert.fromSelect() ? catalog.find(insert.table()) : null;
        Map<Integer, Map<String, List<Part>>> byGroup = new LinkedHashMap<>();
        boolean[] used = new boolean[session.groupCount()];
        try {
            for (int e = 0; e < entries.size(); e++) {
                Params values = entries.get(e);
                long[] generated = target != null ? generateMissingKeys(insert, target) : null;
                Route route = Router.route(plan, values, catalog, generated, -1);
                runtime.metrics().statement(route.kind());
                for (int i = 0; i < route.groups().length; i++) {
                    int g = route.groups()[i];
                    used[g] = true;
                    String text = plan.sql();
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
        int[] groups = Arrays.stream(Router.allGroups(used.length)).filter(g -> used[g]).toArray();
        try {
            session.beforeWrite(groups);
            onGroups(true, groups, (g, c) -> runGroupBatch(g, c, plan.sql(), byGroup.get(g), counts), true);
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

    private void runGroupBatch(int g, Connection c, String logicalSql, Map<String, List<Part>> byText, long[] counts)
            throws SQLException {
        session.noteGroup(g);
        long start = System.nanoTime();
        try {
            for (Map.Entry<String, List<Part>> e : byText.entrySet()) {
                boolean logical = e.getKey().equals(logicalSql) && e.getValue().get(0).paramMap() == null;
                PreparedStatement ps = logical ? execution.prepared(g, c) : c.prepareStatement(e.getKey());
                try {
                    execution.apply(ps);
                    for (Part part : e.getValue()) {
                        bind(ps, part.paramMap(), part.values(), part.generated());
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
            throw session.onFailure(g, ex);
        } finally {
            runtime.metrics().groupLatency(g, System.nanoTime() - start);
        }
    }

    /** One entry of a batch, by index; true when it produced rows. */
    @FunctionalInterface
    public interface Entry {
        boolean run(int index) throws SQLException;
    }

    /**
     * Runs {@code n} batch entries one after another (a plain statement's batch, or a prepared
     * statement that is not a write); a failure is a {@link BatchUpdateException} with the counts of
     * the entries before it.
     */
    public long[] oneByOne(int n, Entry entry) throws SQLException {
        long[] counts = new long[n];
        for (int i = 0; i < n; i++) {
            try {
                if (entry.run(i)) {
                    throw new BatchUpdateException("batch entry " + (i + 1) + " returned a result set",
                            SqlStates.RESULT_SET_NOT_EXPECTED, 0, Arrays.copyOf(counts, i), null);
                }
                counts[i] = Math.max(execution.updateCount(), 0);
            } catch (BatchUpdateException e) {
                throw e;
            } catch (SQLException e) {
                throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(),
                        Arrays.copyOf(counts, i), e);
            }
        }
        return counts;
    }
}
