package io.synapsedb.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViewQueryTest {

    private static final String NODES = ClusterNodesView.VIEW.relation();
    private static final String VERSIONS = SchemaVersionsView.VIEW.relation();
    private static final List<String> NODE_ARRAYS = List.of("cluster_nodes.kind", "cluster_nodes.name",
            "cluster_nodes.address", "cluster_nodes.role", "cluster_nodes.state", "cluster_nodes.detail");

    private static ViewQuery rewrite(String sql) {
        return ViewQuery.rewrite(sql, DriverViews::find, true);
    }

    @Test
    void theRelationUnnestsOneTypedArrayPerColumn() {
        assertThat(VERSIONS).isEqualTo("(SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[],"
                + " ?::text[], ?::timestamptz[], ?::text[]) AS t(group_name, node, schema_version, catalog_version,"
                + " last_change, applied_at, state))");
    }

    @Test
    void aViewWithoutAliasIsNamedAfterItself() {
        ViewQuery q = rewrite("SELECT name, state FROM synapse.cluster_nodes WHERE kind = 'postgres' ORDER BY name");
        assertThat(q.sql()).isEqualTo("SELECT name, state FROM " + NODES
                + " AS cluster_nodes WHERE kind = 'postgres' ORDER BY name");
        assertThat(q.views()).containsExactly(ClusterNodesView.VIEW);
        assertThat(q.layoutNames()).isEqualTo(NODE_ARRAYS);
        assertThat(q.physicalParams()).isEqualTo(6);
    }

    @Test
    void anAliasIsKept() {
        ViewQuery q = rewrite("SELECT n.state FROM synapse.cluster_nodes n");
        assertThat(q.sql()).isEqualTo("SELECT n.state FROM " + NODES + " n");
        q = rewrite("SELECT n.state FROM synapse.cluster_nodes AS n");
        assertThat(q.sql()).isEqualTo("SELECT n.state FROM " + NODES + " AS n");
    }

    @Test
    void parametersKeepTheirPlacesAroundTheViewsArrays() {
        ViewQuery q = rewrite("SELECT ? AS tag, state FROM synapse.cluster_nodes WHERE name = ? AND kind = ?");
        assertThat(q.userParams()).isEqualTo(3);
        assertThat(q.layoutNames()).startsWith("?1").endsWith("?2", "?3").hasSize(9);
        assertThat(q.layoutNames().subList(1, 7)).isEqualTo(NODE_ARRAYS);
    }

    @Test
    void everyOccurrenceGetsItsOwnArraysAndEachViewIsCollectedOnce() {
        ViewQuery q = rewrite("SELECT (SELECT count(*) FROM synapse.cluster_nodes WHERE state = ?),"
                + " count(*) FROM synapse.cluster_nodes c JOIN synapse.schema_versions v ON v.group_name = c.name");
        assertThat(q.views()).containsExactly(ClusterNodesView.VIEW, SchemaVersionsView.VIEW);
        assertThat(q.physicalParams()).isEqualTo(6 + 1 + 6 + 7);
        assertThat(q.layoutNames().get(6)).isEqualTo("?1");
        assertThat(q.sql()).isEqualTo("SELECT (SELECT count(*) FROM " + NODES + " AS cluster_nodes WHERE state = ?),"
                + " count(*) FROM " + NODES + " c JOIN " + VERSIONS + " v ON v.group_name = c.name");
    }

    @Test
    void quotedNamesSpacesAndCommentsAroundTheDot() {
        ViewQuery q = rewrite("SELECT * FROM \"synapse\" /* x */ . \"schema_versions\";");
        assertThat(q.sql()).isEqualTo("SELECT * FROM " + VERSIONS + " AS schema_versions;");
        q = rewrite("select * from SYNAPSE.Cluster_Nodes");
        assertThat(q.views()).containsExactly(ClusterNodesView.VIEW);
    }

    @Test
    void literalsCommentsAndOtherNamesAreLeftAlone() {
        String sql = "SELECT 'synapse.cluster_nodes ?', E'it\\'s synapse.cluster_nodes ?', $$ ? $$, $q$ ? $q$,"
                + " \"synapse.cluster_nodes\", \"Synapse\".cluster_nodes, x.synapse.cluster_nodes, synapse.tables"
                + " /* synapse.cluster_nodes ? /* nested ? */ ? */ -- ? synapse.cluster_nodes\n"
                + " FROM synapse.cluster_nodes";
        ViewQuery q = rewrite(sql);
        assertThat(q.userParams()).isZero();
        assertThat(q.layoutNames()).isEqualTo(NODE_ARRAYS);
        assertThat(q.sql()).isEqualTo(sql.replace("FROM synapse.cluster_nodes", "FROM " + NODES + " AS cluster_nodes"));
    }

    @Test
    void theEscapedQuestionMarkOperatorIsNoParameter() {
        ViewQuery q = rewrite("SELECT detail::jsonb ?? 'x' FROM synapse.cluster_nodes WHERE name = ?");
        assertThat(q.userParams()).isEqualTo(1);
        assertThat(q.layoutNames()).endsWith("?1").hasSize(7);
    }

    @Test
    void forAPlainStatementQuestionMarksAreOperatorsAndGetEscaped() {
        ViewQuery q = ViewQuery.rewrite("SELECT '{}'::jsonb ? 'a' FROM synapse.cluster_nodes", DriverViews::find, false);
        assertThat(q.sql()).isEqualTo("SELECT '{}'::jsonb ?? 'a' FROM " + NODES + " AS cluster_nodes");
        assertThat(q.layoutNames()).isEqualTo(NODE_ARRAYS);
    }

    @Test
    void aColumnQualifiedWithSchemaAndViewNamesTheSubquery() {
        ViewQuery q = rewrite("SELECT synapse.cluster_nodes.state FROM synapse.cluster_nodes");
        assertThat(q.sql()).isEqualTo("SELECT cluster_nodes.state FROM " + NODES + " AS cluster_nodes");
        assertThat(q.physicalParams()).isEqualTo(6);
    }

    @Test
    void aRowOfTheWrongWidthIsRefusedBeforeAnythingIsBound() {
        assertThatThrownBy(() -> ClusterNodesView.VIEW.bind(null, null, 1, List.<String[]>of(new String[] {"x"})))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 values for 6 columns");
    }

    @Test
    void columnNamesAndTypesMustBePlainIdentifiers() {
        assertThatThrownBy(() -> new DriverView.Column("x; drop", "text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DriverView.Column("x", "text[]")).isInstanceOf(IllegalArgumentException.class);
    }
}
