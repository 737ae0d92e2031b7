package io.synapsedb.jdbc;

import io.synapsedb.catalog.GroupInfo;
import io.synapsedb.exec.ClusterRuntime;
import io.synapsedb.spi.CoordinationSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver's view {@code synapse.schema_versions(group_name, node, schema_version,
 * catalog_version, last_change, applied_at, state)}: what each group's primary records about its
 * own schema, read live, so that a node that missed a change stands out.
 *
 * <ul>
 * <li>One row per group primary: {@code synapse.meta} keys {@code ddl_version} (schema version) and
 *     {@code catalog_version} (0 when absent), the newest row of {@code synapse.schema_history}
 *     (null on a node without that table or without rows), state {@code ok}; when the node cannot
 *     be read, null versions and state {@code unreachable}.</li>
 * <li>Cluster mode only: one row with group_name {@code coordinator}, node = the session's
 *     description, the versions the coordinator last announced (null before the first), state
 *     {@code ok} or {@code no quorum}.</li>
 * </ul>
 */
final class SchemaVersionsView {

    static final DriverView VIEW = new DriverView("schema_versions", List.of(
            new DriverView.Column("group_name", "text"),
            new DriverView.Column("node", "text"),
            new DriverView.Column("schema_version", "bigint"),
            new DriverView.Column("catalog_version", "bigint"),
            new DriverView.Column("last_change", "text"),
            new DriverView.Column("applied_at", "timestamptz"),
            new DriverView.Column("state", "text")),
            SchemaVersionsView::rows);

    /** The group name of the coordinator's row. */
    static final String COORDINATOR = "coordinator";

    private SchemaVersionsView() {
    }

    /**
     * What one node records.
     *
     * @param schemaVersion {@code synapse.meta.ddl_version}, 0 when absent
     * @param catalogVersion {@code synapse.meta.catalog_version}, 0 when absent
     * @param lastChange the newest {@code synapse.schema_history.change}, or null
     * @param appliedAt its {@code applied_at} in PostgreSQL's text form, or null
     */
    record NodeVersions(long schemaVersion, long catalogVersion, String lastChange, String appliedAt) {
    }

    static List<String[]> rows(ClusterRuntime runtime) {
        List<GroupInfo> groups = runtime.catalog().groups();
        List<NodeReads.Opener> primaries = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            primaries.add(NodeReads.primary(runtime, g));
        }
        List<NodeReads.Outcome<NodeVersions>> outcomes = NodeReads.readAll(primaries, SchemaVersionsView::read,
                runtime.config().connectionTimeoutMs(), runtime.scatterExecutor());
        List<String[]> out = new ArrayList<>(groups.size() + 1);
        for (int g = 0; g < groups.size(); g++) {
            out.add(nodeRow(groups.get(g), outcomes.get(g)));
        }
        CoordinationSession session = runtime.coordination();
        if (session != null) {
            out.add(coordinatorRow(session, runtime.catalogManager().coordinatorVersions()));
        }
        return out;
    }

    /** Reads the node's own record of its schema. */
    static NodeVersions read(Connection c) throws SQLException {
        long schema = 0;
        long catalog = 0;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT key, value FROM synapse.meta"
                    + " WHERE key IN ('ddl_version', 'catalog_version')")) {
                while (rs.next()) {
                    long v = parse(rs.getString(1), rs.getString(2));
                    if ("ddl_version".equals(rs.getString(1))) {
                        schema = v;
                    } else {
                        catalog = v;
                    }
                }
            } catch (SQLException e) {
                if (!isMissingTable(e)) {
                    throw e;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT change, applied_at::text FROM synapse.schema_history"
                    + " ORDER BY version DESC LIMIT 1")) {
                if (rs.next()) {
                    return new NodeVersions(schema, catalog, rs.getString(1), rs.getString(2));
                }
            } catch (SQLException e) {
                // A node made by an older driver has no schema_history yet.
                if (!isMissingTable(e)) {
                    throw e;
                }
            }
        }
        return new NodeVersions(schema, catalog, null, null);
    }

    private static boolean isMissingTable(SQLException e) {
        return "42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState());
    }

    private static long parse(String key, String value) throws SQLException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new SQLException("synapse.meta " + key + " is not a number: " + value, "22P02", e);
        }
    }

    static String[] nodeRow(GroupInfo group, NodeReads.Outcome<NodeVersions> outcome) {
        if (!outcome.ok()) {
            return new String[] {group.name(), group.primary().toString(), null, null, null, null, "unreachable"};
        }
        NodeVersions v = outcome.value();
        return new String[] {group.name(), group.primary().toString(), Long.toString(v.schemaVersion()),
            Long.toString(v.catalogVersion()), v.lastChange(), v.appliedAt(), "ok"};
    }

    /**
     * The coordinator's row.
     *
     * @param versions {@code {catalogVersion, schemaVersion}} as last announced, or null
     */
    static String[] coordinatorRow(CoordinationSession session, long[] versions) {
        String state;
        try {
            state = session.hasQuorum() ? "ok" : "no quorum";
        } catch (RuntimeException e) {
            state = "unreachable";
        }
        return new String[] {COORDINATOR, session.describe(), versions == null ? null : Long.toString(versions[1]),
            versions == null ? null : Long.toString(versions[0]), null, null, state};
    }
}
