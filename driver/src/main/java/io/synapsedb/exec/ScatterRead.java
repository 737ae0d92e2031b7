package io.synapsedb.exec;

import io.synapsedb.core.Failures;
import io.synapsedb.exec.merge.MergedMetaData;
import io.synapsedb.exec.merge.MergedRows;
import io.synapsedb.exec.merge.SingleRows;
import io.synapsedb.exec.merge.StreamedRows;

import io.synapsedb.core.SqlStates;
import io.synapsedb.exec.merge.HavingFilter;
import io.synapsedb.exec.merge.PartialAggregates;
import io.synapsedb.exec.merge.RowSorter;
import io.synapsedb.route.ParamSource;
import io.synapsedb.route.Route;
import io.synapsedb.sql.MergePlan.Bound;
import io.synapsedb.sql.MergePlan;
import io.synapsedb.sql.StatementPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs a read on several groups in parallel and merges their results (scatter-gather): the
 * physical statements are prepared and bound on the caller's thread, executed on the runtime's
 * bounded executor (the last group on the caller), and their result sets merged as
 * {@link MergePlan} says. {@code Statement.cancel} reaches every group because every physical
 * statement is registered as running before any executes; {@code setQueryTimeout} is set on each.
 *
 * <p>With a fetch size in autocommit mode, each group's part runs in a short read transaction so
 * that pgJDBC streams it by cursor; the transactions commit when the merged result closes.
 */
final class ScatterRead {

    private final Execution execution;
    private final Session session;
    private final ClusterRuntime runtime;

    ScatterRead(StatementEngine engine) {
        this.execution = engine.execution();
        this.session = engine.session();
        this.runtime = engine.runtime();
    }

    /** Runs the plan on the route's groups; returns the merged rows. */
    MergedRows run(StatementPlan plan, Params params, Route route) throws SQLException {
        MergePlan merge = plan.merge();
        if (merge != null && merge.refusal() != null) {
            merge = null; // EXPLAIN of a query that cannot merge: explain it as written
        }
        boolean aggregating = merge != null && merge.aggregating();
        String sql = merge == null ? plan.sql() : merge.groupSql();
        int[] paramMap = merge == null ? null : merge.paramMap();
        boolean logicalText = sql.equals(plan.sql()) && paramMap == null;
        int[] groups = route.groups();
        int n = groups.length;
        boolean stream = execution.options().fetchSize() > 0 && !session.inTransaction() && !plan.explain();
        Connection[] conns = new Connection[n];
        Statement[] sts = new Statement[n];
        StreamingRead read = null;
        for (int i = 0; i < n; i++) {
            int g = groups[i];
            conns[i] = session.physical(g);
            session.noteGroup(g);
        }
        if (stream) {
            read = new StreamingRead(session, groups, conns);
            for (Connection c : conns) {
                c.setAutoCommit(false);
            }
            session.openStreamingRead(read);
        }
        ResultSet[] results = new ResultSet[n];
        try {
            for (int i = 0; i < n; i++) {
                sts[i] = prepare(groups[i], conns[i], sql, paramMap, params, logicalText, aggregating);
            }
            execute(groups, sts, sql, params == null && paramMap == null, results);
            if (plan.explain()) {
                MergedRows explained = explain(plan, route, merge, results);
                if (read != null) {
                    read.finish();
                }
                return explained;
            }
            ParamSource source = params != null ? params : ParamSource.NONE;
            if (aggregating) {
                MergedRows combined = aggregate(merge, results, source);
                if (read != null) {
                    read.finish();
                }
                return combined;
            }
            long limit = merge == null ? -1 : bound(merge.limit(), source, "LIMIT");
            long offset = merge == null ? 0 : Math.max(0, bound(merge.offset(), source, "OFFSET"));
            if (execution.options().maxRows() > 0 && (limit < 0 || limit > execution.options().maxRows())) {
                limit = execution.options().maxRows();
            }
            StreamedRows merged = new StreamedRows(List.of(results),
                    merge == null ? List.of() : merge.sortKeys(), merge == null ? 0 : merge.hiddenColumns(),
                    merge != null && merge.distinct(), offset, limit, read);
            if (read != null) {
                read.attach(merged);
            }
            return merged;
        } catch (SQLException | RuntimeException e) {
            for (ResultSet rs : results) {
                if (rs != null) {
                    try {
                        rs.close();
                    } catch (SQLException ignored) {
                        // the error that matters is e
                    }
                }
            }
            if (read != null) {
                try {
                    read.finish();
                } catch (SQLException ignored) {
                    // a failed group's transaction is aborted; commit then rolls back, as wanted
                }
            }
            throw e;
        }
    }

    private Statement prepare(int g, Connection c, String sql, int[] paramMap, Params params, boolean logicalText,
            boolean aggregating) throws SQLException {
        Statement st = execution.statementFor(g, c, sql, paramMap, params, null, GeneratedKeys.NONE, logicalText, -1);
        if (aggregating && st.getMaxRows() != 0) {
            st.setMaxRows(0); // partial rows are not final rows: the driver applies maxRows after combining
        }
        return st;
    }

    /** Executes the groups' statements in parallel; on any failure cancels the rest and throws the first. */
    private void execute(int[] groups, Statement[] sts, String sql, boolean plain, ResultSet[] results)
            throws SQLException {
        int n = groups.length;
        List<Future<ResultSet>> futures = new ArrayList<>(n - 1);
        for (int i = 0; i < n - 1; i++) {
            int index = i;
            futures.add(runtime.scatterExecutor().submit(() -> executeOne(groups[index], sts[index], sql,
                    plain)));
        }
        SQLException error = null;
        int failed = -1;
        try {
            results[n - 1] = executeOne(groups[n - 1], sts[n - 1], sql, plain);
        } catch (SQLException e) {
            error = e;
            failed = groups[n - 1];
            cancelAll(sts);
        }
        for (int i = 0; i < n - 1; i++) {
            try {
                results[i] = waitFor(futures.get(i));
            } catch (SQLException e) {
                if (error == null) {
                    error = e;
                    failed = groups[i];
                    cancelAll(sts);
                } else if (error != e) {
                    Failures.chain(error, e);
                }
            }
        }
        if (error != null) {
            throw session.onFailure(failed, error);
        }
    }

    private static void cancelAll(Statement[] sts) {
        for (Statement st : sts) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // best effort: the part may have finished
            }
        }
    }

    private static ResultSet waitFor(Future<ResultSet> f) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    // The part holds a physical connection: finish waiting, then restore the flag.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            throw new SQLException("a group's part of the query failed: " + cause, SqlStates.INTERNAL_ERROR, cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ResultSet executeOne(int g, Statement st, String sql, boolean plain) throws SQLException {
        long start = System.nanoTime();
        try {
            boolean hasResult = plain ? st.execute(sql) : ((PreparedStatement) st).execute();
            if (!hasResult) {
                throw new SQLException("group " + g + " returned no result set for a query", SqlStates.INTERNAL_ERROR);
            }
            return st.getResultSet();
        } finally {
            runtime.metrics().groupLatency(g, System.nanoTime() - start);
        }
    }

    private static long bound(Bound b, ParamSource params, String what) throws SQLException {
        if (b == null) {
            return what.equals("LIMIT") ? -1 : 0;
        }
        long v = b.value();
        if (b.param() > 0) {
            Object o = params.get(b.param());
            if (o == null) {
                return what.equals("LIMIT") ? -1 : 0;
            }
            if (!(o instanceof Number num)) {
                try {
                    v = Long.parseLong(o.toString().trim());
                } catch (NumberFormatException e) {
                    throw new SQLException(what + " must be an integer: " + o, SqlStates.INVALID_TEXT_REPRESENTATION);
                }
            } else {
                v = num.longValue();
            }
        }
        if (v < 0) {
            throw new SQLException(what + " must not be negative", what.equals("LIMIT") ? SqlStates.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE : SqlStates.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE);
        }
        return v;
    }

    /** Combines the groups' partial aggregates, then HAVING, DISTINCT, ORDER BY, OFFSET/LIMIT. */
    private MergedRows aggregate(MergePlan merge, ResultSet[] results, ParamSource params) throws SQLException {
        PartialAggregates agg = new PartialAggregates(merge.aggregates(), merge.groupColumns());
        int width = merge.aggregates().size();
        ResultSetMetaData meta = results[0].getMetaData();
        if (meta.getColumnCount() != width) {
            throw new SQLException("the groups returned " + meta.getColumnCount() + " columns, expected " + width,
                    SqlStates.INTERNAL_ERROR);
        }
        for (ResultSet rs : results) {
            while (rs.next()) {
                Object[] row = new Object[width];
                for (int c = 0; c < width; c++) {
                    row[c] = rs.getObject(c + 1);
                }
                agg.add(row);
            }
        }
        List<Object[]> rows = agg.finish();
        if (merge.having() != null) {
            HavingFilter having = new HavingFilter(merge.having(), params);
            List<Object[]> kept = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                if (having.keeps(r)) {
                    kept.add(r);
                }
            }
            rows = kept;
        }
        int visible = width - merge.hiddenColumns();
        if (merge.distinct()) {
            rows = RowSorter.distinct(rows, visible);
        }
        RowSorter.sort(rows, merge.sortKeys());
        long limit = bound(merge.limit(), params, "LIMIT");
        long offset = bound(merge.offset(), params, "OFFSET");
        if (execution.options().maxRows() > 0 && (limit < 0 || limit > execution.options().maxRows())) {
            limit = execution.options().maxRows();
        }
        rows = new ArrayList<>(RowSorter.cut(rows, offset, limit));
        boolean[] average = new boolean[width + 1];
        for (int c = 0; c < width; c++) {
            average[c + 1] = merge.aggregates().get(c).op() == MergePlan.Op.AVG;
        }
        MergedRows result = SingleRows.ofValues(rows, new MergedMetaData(meta, merge.hiddenColumns(), average));
        for (ResultSet rs : results) {
            rs.close();
        }
        return result;
    }

    /** EXPLAIN across groups: the route and the merge, then each group's own plan. */
    private MergedRows explain(StatementPlan plan, Route route, MergePlan merge, ResultSet[] results)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        var catalog = runtime.catalog();
        StringBuilder names = new StringBuilder();
        for (int g : route.groups()) {
            names.append(names.length() == 0 ? "" : ", ").append(catalog.group(g).name());
        }
        rows.add(new Object[] {"Synapse scatter-gather: " + route.kind().name().toLowerCase(java.util.Locale.ROOT)
                + " route on " + route.groups().length + " of " + catalog.groupCount() + " groups (" + names + ")"});
        String describe = merge != null ? merge.describe() : "concatenation (no merge needed)";
        rows.add(new Object[] {"  Merge: " + describe});
        if (merge != null && !merge.groupSql().equals(plan.sql())) {
            rows.add(new Object[] {"  Group query: " + merge.groupSql()});
        }
        for (int i = 0; i < results.length; i++) {
            rows.add(new Object[] {"  Group " + catalog.group(route.groups()[i]).name() + ":"});
            while (results[i].next()) {
                rows.add(new Object[] {"    " + results[i].getString(1)});
            }
        }
        ResultSetMetaData meta = results[0].getMetaData();
        MergedRows out = SingleRows.ofValues(rows, new MergedMetaData(meta, meta.getColumnCount() - 1, null));
        for (ResultSet rs : results) {
            rs.close();
        }
        return out;
    }
}
