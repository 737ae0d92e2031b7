package io.synapsedb.exec;

import io.synapsedb.catalog.CatalogManager;
import io.synapsedb.core.RouteKind;
import io.synapsedb.core.Sql;
import io.synapsedb.core.SqlStates;
import io.synapsedb.sql.KeyRef;
import io.synapsedb.sql.StatementPlan;
import io.synapsedb.sql.SynapseCall;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SELECT synapse.fn(...)}: the driver's own functions (table declarations), answered with
 * a one-row result whose column is named after the function.
 */
final class SynapseCalls {

    private SynapseCalls() {
    }

    static boolean run(StatementEngine engine, StatementPlan plan, Params params) throws SQLException {
        Session session = engine.session();
        ClusterRuntime runtime = engine.runtime();
        if (session.inTransaction()) {
            throw new SQLException("synapse." + plan.call().function() + " cannot run inside a transaction block",
                    SqlStates.ACTIVE_SQL_TRANSACTION);
        }
        SynapseCall call = plan.call();
        List<Object> args = new ArrayList<>();
        for (KeyRef ref : call.args()) {
            if (ref instanceof KeyRef.Literal literal) {
                args.add(literal.value());
            } else if (ref instanceof KeyRef.Param param && params != null) {
                args.add(params.get(param.index()));
            } else {
                throw new SQLException("synapse." + call.function() + " takes literal or ? arguments",
                        SqlStates.INVALID_PARAMETER_VALUE);
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
        Execution execution = engine.execution();
        PreparedStatement ps = execution.oneOff(session.physical(home)
                .prepareStatement("SELECT ?::text AS " + Sql.ident(call.function())));
        ps.setString(1, answer);
        execution.result(ps.executeQuery());
        execution.finish();
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
        if (!(v instanceof String s) || s.isBlank()) {
            throw new SQLException("argument " + (i + 1) + " of synapse." + call.function() + " must be a non-empty"
                    + " text", SqlStates.INVALID_PARAMETER_VALUE);
        }
        return s;
    }

    private static int integer(SynapseCall call, List<Object> args, int i) throws SQLException {
        Object v = args.get(i);
        try {
            if (v instanceof Number n) {
                return Math.toIntExact(n.longValue());
            }
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new SQLException("argument " + (i + 1) + " of synapse." + call.function() + " must be an integer",
                    SqlStates.INVALID_PARAMETER_VALUE);
        }
    }
}
