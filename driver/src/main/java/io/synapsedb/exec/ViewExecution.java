package io.synapsedb.exec;

import io.synapsedb.catalog.AllGroups;
import io.synapsedb.core.Failures;
import io.synapsedb.core.RouteKind;
import io.synapsedb.sql.StatementPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A SELECT of the driver's views ({@code synapse.distributed_transactions}, {@code cluster_nodes},
 * {@code schema_versions}): their rows are collected here and the query runs on the home group.
 * Outside a transaction, a query that needs nothing of the home group runs on the next group
 * that answers when the home group's node is down, so the views still show a cluster that lost it.
 */
final class ViewExecution {

    private ViewExecution() {
    }

    static boolean run(StatementEngine engine, StatementPlan plan, Params params) throws SQLException {
        Session session = engine.session();
        ClusterRuntime runtime = engine.runtime();
        Execution execution = engine.execution();
        ViewQuery query = DriverViews.query(plan, params != null);
        Map<DriverView, List<String[]>> rows = DriverViews.collect(query, runtime);
        int home = runtime.catalog().homeGroup();
        int[] order = session.inTransaction() || !plan.homeTables().isEmpty() ? new int[] {home}
                : AllGroups.homeFirst(session.groupCount(), home);
        SQLException failure = null;
        for (int g : order) {
            Connection c;
            try {
                c = session.physical(g);
            } catch (SQLException e) {
                if (!Failures.isConnectionFailure(e)) {
                    throw e;
                }
                failure = Failures.chain(failure, e);
                continue;
            }
            try {
                PreparedStatement ps = execution.oneOff(query.prepare(c, rows, params == null ? null : params::bind));
                execution.apply(ps);
                execution.result(ps.executeQuery());
                execution.finish();
                runtime.metrics().statement(g == home ? RouteKind.HOME : RouteKind.ANY);
                return true;
            } catch (SQLException e) {
                SQLException reported = session.onFailure(g, e);
                if (!Failures.isConnectionFailure(e)) {
                    throw reported;
                }
                failure = Failures.chain(failure, reported);
            }
        }
        throw failure;
    }
}
