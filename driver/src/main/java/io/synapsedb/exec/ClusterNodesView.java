package io.synapsedb.exec;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.exec.ClusterRuntime;
import io.synapsedb.spi.CoordinationMember;
import io.synapsedb.spi.CoordinationSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver's view {@code synapse.cluster_nodes(kind, name, address, role, state, detail)}: every
 * PostgreSQL node of the configuration, checked live, and in cluster mode every coordinator member
 * as this driver's session sees it.
 *
 * <ul>
 * <li>PostgreSQL nodes: kind {@code postgres}, name = the group, address {@code host:port/database},
 *     role {@code primary} or {@code replica}, state {@code up} when a connection answered
 *     {@code SELECT} within the connection timeout (detail: server version and whether it is in
 *     recovery), otherwise {@code down} (detail: SQLState and a short message).</li>
 * <li>Coordinator members (cluster mode only): kind {@code coordinator}, name = member id, address,
 *     role {@code voter} or {@code member}, state {@code reachable} or {@code unreachable}; detail
 *     lists {@code leader} and {@code this JVM} where they apply and whether this session has a
 *     quorum.</li>
 * </ul>
 */
final class ClusterNodesView {

    static final DriverView VIEW = new DriverView("cluster_nodes", List.of(
            new DriverView.Column("kind", "text"),
            new DriverView.Column("name", "text"),
            new DriverView.Column("address", "text"),
            new DriverView.Column("role", "text"),
            new DriverView.Column("state", "text"),
            new DriverView.Column("detail", "text")),
            ClusterNodesView::rows);

    private ClusterNodesView() {
    }

    /** One PostgreSQL node to check. */
    private record Target(String group, NodeAddress node, String role, NodeReads.Opener opener) {
    }

    static List<String[]> rows(ClusterRuntime runtime) {
        List<Target> targets = new ArrayList<>();
        List<GroupInfo> groups = runtime.catalog().groups();
        for (int g = 0; g < groups.size(); g++) {
            GroupInfo group = groups.get(g);
            targets.add(new Target(group.name(), group.primary(), "primary", NodeReads.primary(runtime, g)));
            for (NodeAddress replica : group.replicas()) {
                targets.add(new Target(group.name(), replica, "replica", NodeReads.direct(runtime.config(), replica)));
            }
        }
        List<NodeReads.Outcome<String>> outcomes = NodeReads.readAll(targets.stream().map(Target::opener).toList(),
                ClusterNodesView::serverDetail, runtime.config().pool().connectionTimeoutMs(), runtime.scatterExecutor());
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            out.add(nodeRow(t.group(), t.node(), t.role(), outcomes.get(i), runtime.config().password()));
        }
        out.addAll(coordinatorRows(runtime.coordination()));
        return out;
    }

    /** The live check: any answer means up; the answer says what the server is. */
    static String serverDetail(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), pg_is_in_recovery()")) {
            rs.next();
            return "server_version " + rs.getString(1) + ", in recovery: " + (rs.getBoolean(2) ? "yes" : "no");
        }
    }

    static String[] nodeRow(String group, NodeAddress node, String role, NodeReads.Outcome<String> outcome,
            String password) {
        return new String[] {"postgres", group, node.toString(), role, outcome.ok() ? "up" : "down",
            outcome.ok() ? outcome.value() : NodeReads.describe(outcome.error(), password)};
    }

    /** The coordinator's members as {@code session} sees them; none in static mode ({@code null}). */
    static List<String[]> coordinatorRows(CoordinationSession session) {
        if (session == null) {
            return List.of();
        }
        List<CoordinationMember> members;
        boolean quorum;
        try {
            members = session.members();
            quorum = session.hasQuorum();
        } catch (RuntimeException e) {
            // A provider's failure must not hide the PostgreSQL rows: show it as the session's row.
            return List.<String[]>of(new String[] {"coordinator", session.describe(), null, null, "unreachable",
                "cannot list members: " + e.getClass().getSimpleName()});
        }
        List<String[]> out = new ArrayList<>(members.size());
        for (CoordinationMember m : members) {
            List<String> detail = new ArrayList<>(3);
            if (m.leader()) {
                detail.add("leader");
            }
            if (m.local()) {
                detail.add("this JVM");
            }
            detail.add(quorum ? "session has quorum" : "session has no quorum");
            out.add(new String[] {"coordinator", m.id(), m.address(), m.voter() ? "voter" : "member",
                m.reachable() ? "reachable" : "unreachable", String.join(", ", detail)});
        }
        return out;
    }
}
