package io.synapsedb.exec;

import io.synapsedb.catalog.SchemaRecord;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.exec.ClusterRuntime;
import io.synapsedb.spi.CoordinationSession;
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

    static List<String[]> rows(ClusterRuntime runtime) {
        List<GroupInfo> groups = runtime.catalog().groups();
        List<NodeReads.Opener> primaries = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            primaries.add(NodeReads.primary(runtime, g));
        }
        List<NodeReads.Outcome<SchemaRecord>> outcomes = NodeReads.readAll(primaries, SchemaRecord::read,
                runtime.config().pool().connectionTimeoutMs(), runtime.scatterExecutor());
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

    static String[] nodeRow(GroupInfo group, NodeReads.Outcome<SchemaRecord> outcome) {
        if (!outcome.ok()) {
            return new String[] {group.name(), group.primary().toString(), null, null, null, null, "unreachable"};
        }
        SchemaRecord v = outcome.value();
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
