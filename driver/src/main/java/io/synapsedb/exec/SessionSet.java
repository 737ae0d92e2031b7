package io.synapsedb.exec;

import io.synapsedb.core.RouteKind;
import io.synapsedb.sql.StatementPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code SET}: runs on every physical connection the session holds (at least the home group's)
 * and, unless {@code SET LOCAL}, is remembered so that connections taken later get it too.
 */
final class SessionSet {

    private SessionSet() {
    }

    static boolean run(StatementEngine engine, StatementPlan plan) throws SQLException {
        Session session = engine.session();
        ClusterRuntime runtime = engine.runtime();
        session.physical(runtime.catalog().homeGroup());
        for (int g = 0; g < session.groupCount(); g++) {
            Connection c = session.held(g);
            if (c != null) {
                try (Statement st = c.createStatement()) {
                    st.execute(plan.sql());
                } catch (SQLException e) {
                    throw session.onFailure(g, e);
                }
            }
        }
        if (!plan.setLocal()) {
            session.rememberSetting(plan.sql());
        }
        runtime.metrics().statement(RouteKind.BROADCAST);
        engine.execution().finishCount(0);
        return false;
    }
}
