package io.synapsedb.exec;

import io.synapsedb.catalog.AllGroups;
import io.synapsedb.catalog.CatalogChannel;
import io.synapsedb.catalog.CatalogManager;
import io.synapsedb.catalog.DdlLock;
import io.synapsedb.core.RouteKind;
import io.synapsedb.core.SqlStates;
import io.synapsedb.sql.DdlOp;
import io.synapsedb.sql.StatementPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DDL runs on every group, each in a transaction, committed atomically (two-phase commit) when
 * every group succeeded; the catalog follows in the same transactions, and so does the schema
 * version recorded on every node. Statements PostgreSQL refuses inside a transaction block
 * ({@code CREATE INDEX CONCURRENTLY}, ...) run group after group instead, and so does DDL on
 * temporary tables, which PostgreSQL cannot prepare.
 */
final class DdlExecution {

    /** {@code CREATE TEMP TABLE ...}: PostgreSQL cannot prepare a transaction that touched temporary objects. */
    private static final Pattern TEMP_DDL = Pattern.compile(
            "\\s*CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?TEMP(?:ORARY)?\\s", Pattern.CASE_INSENSITIVE);

    private DdlExecution() {
    }

    static boolean run(StatementEngine engine, StatementPlan plan, Params params) throws SQLException {
        Session session = engine.session();
        ClusterRuntime runtime = engine.runtime();
        Execution execution = engine.execution();
        int groupCount = session.groupCount();
        if (session.inTransaction() && groupCount > 1) {
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
        Connection[] conns = session.physicalFor(order);
        // The hold is released before a configured declaration of a new table takes it again.
        try (CatalogChannel.Hold hold = temporary ? null : catalog.holdForDdl(change)) {
            long version = catalog.versionAfterDrop(dropped);
            long[] schema = {-1};
            try {
                execution.addWarning(AllGroups.run(runtime.twoPhase(), conns, order, (g, c) -> {
                    if (g == home && groupCount > 1) {
                        // Serialises DDL of all applications, so every group applies it in the same order.
                        DdlLock.inTransaction(c, runtime.config().catalog().ddlLockTimeoutMs(), change,
                                runtime.catalog().group(home));
                    }
                    if (g == home && !temporary) {
                        schema[0] = catalog.nextSchemaVersion(conns);
                    }
                    runText(execution, c, plan, params);
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
                    runText(execution, conns[g], plan, params);
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
        execution.finishCount(0);
        return false;
    }

    private static void runText(Execution execution, Connection c, StatementPlan plan, Params params)
            throws SQLException {
        if (params == null) {
            try (Statement st = c.createStatement()) {
                execution.apply(st);
                st.execute(plan.sql());
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement(plan.sql())) {
                execution.apply(ps);
                params.bindAll(ps);
                ps.execute();
            }
        }
    }
}
