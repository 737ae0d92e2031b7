package io.synapsedb.exec;

import io.synapsedb.core.Errors;
import io.synapsedb.exec.ClusterRuntime;
import io.synapsedb.sql.StatementKind;
import io.synapsedb.sql.StatementPlan;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The views the driver answers itself, and which statements may use them: a SELECT that reads
 * them (also with other tables that every group or the home group holds). Writing to a view, or
 * reading one together with a distributed table, fails with {@code 0A000} before anything runs.
 */
final class DriverViews {

    private static final Map<String, DriverView> BY_NAME = byName(List.of(
            DistributedTransactionsView.VIEW, ClusterNodesView.VIEW, SchemaVersionsView.VIEW));

    private static final String PREFIX = DriverView.SCHEMA + ".";

    private DriverViews() {
    }

    private static Map<String, DriverView> byName(List<DriverView> views) {
        Map<String, DriverView> m = new LinkedHashMap<>();
        for (DriverView v : views) {
            m.put(v.name(), v);
        }
        return Map.copyOf(m);
    }

    /** The view named {@code name} as the analyser normalises it ({@code synapse.cluster_nodes}), or null. */
    static DriverView find(String name) {
        return name.startsWith(PREFIX) ? BY_NAME.get(name) : null;
    }

    /** True when the statement names one of the driver's views (cheap: runs for every statement). */
    static boolean references(StatementPlan plan) {
        List<String> tables = plan.tables();
        for (int i = 0; i < tables.size(); i++) {
            if (find(tables.get(i)) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The physical query of a statement that {@link #references} a view.
     *
     * @param placeholders whether the statement's {@code ?} are bind parameters (a PreparedStatement)
     * @throws SQLException 0A000 when the statement writes, or reads a distributed table too
     */
    static ViewQuery query(StatementPlan plan, boolean placeholders) throws SQLException {
        DriverView view = firstView(plan);
        if (plan.kind() != StatementKind.SELECT || plan.writes()) {
            throw Errors.notSupported(view.name() + " is a read-only view answered by the driver; only SELECT"
                    + " can use it");
        }
        if (!plan.distributedTables().isEmpty()) {
            throw Errors.notSupported(view.name() + " is evaluated on one group and cannot be read together with"
                    + " distributed table " + plan.distributedTables().get(0) + "; read them in separate queries");
        }
        ViewQuery query = ViewQuery.rewrite(plan.sql(), DriverViews::find, placeholders);
        if (query.views().isEmpty() || query.userParams() != plan.parameterCount()) {
            // The analyser saw the view but the scan did not find it (or counts '?' differently):
            // never bind the view's arrays to the wrong places.
            throw Errors.notSupported("cannot locate " + view.name() + " or the parameters in the statement text;"
                    + " write the view's name as synapse." + view.relname() + " in FROM");
        }
        return query;
    }

    private static DriverView firstView(StatementPlan plan) {
        for (String t : plan.tables()) {
            DriverView v = find(t);
            if (v != null) {
                return v;
            }
        }
        throw new IllegalArgumentException("the statement reads no driver view: " + plan.tables());
    }

    /** The current rows of every view the query reads. */
    static Map<DriverView, List<String[]>> collect(ViewQuery query, ClusterRuntime runtime) throws SQLException {
        Map<DriverView, List<String[]>> rows = new LinkedHashMap<>();
        for (DriverView v : query.views()) {
            rows.put(v, v.rows(runtime));
        }
        return rows;
    }
}
