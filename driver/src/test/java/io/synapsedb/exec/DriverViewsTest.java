package io.synapsedb.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.KeyType;
import io.synapsedb.core.TableKind;
import io.synapsedb.sql.SqlAnalyzer;
import io.synapsedb.sql.StatementPlan;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements may use the driver's views, with the analyser's real plans. */
class DriverViewsTest {

    private static final TableInfo ORDERS = new TableInfo("orders", TableKind.DISTRIBUTED, "id", KeyType.INT8, 128, 0,
            null, false);
    private static final TableInfo COUNTRIES = TableInfo.reference("countries");

    private static StatementPlan plan(String sql) {
        return new SqlAnalyzer(0).analyze(sql, name -> name.equals("orders") ? ORDERS
                : name.equals("countries") ? COUNTRIES : null, 1);
    }

    @Test
    void theThreeViewsAreKnownByTheirQualifiedNames() {
        assertThat(DriverViews.find("synapse.distributed_transactions")).isSameAs(DistributedTransactionsView.VIEW);
        assertThat(DriverViews.find("synapse.cluster_nodes")).isSameAs(ClusterNodesView.VIEW);
        assertThat(DriverViews.find("synapse.schema_versions")).isSameAs(SchemaVersionsView.VIEW);
        assertThat(DriverViews.find("synapse.tables")).isNull();
        assertThat(DriverViews.find("cluster_nodes")).isNull();
    }

    @Test
    void selectsOfViewsAreReferencesAndOtherStatementsAreNot() throws SQLException {
        assertThat(DriverViews.references(plan("SELECT * FROM synapse.cluster_nodes WHERE state = ?"))).isTrue();
        assertThat(DriverViews.references(plan("SELECT count(DISTINCT schema_version) FROM synapse.schema_versions"
                + " WHERE group_name <> 'coordinator'"))).isTrue();
        assertThat(DriverViews.references(plan("SELECT * FROM \"synapse\".\"cluster_nodes\""))).isTrue();
        assertThat(DriverViews.references(plan("SELECT * FROM synapse.tables"))).isFalse();
        assertThat(DriverViews.references(plan("SELECT * FROM orders WHERE id = 1"))).isFalse();
        ViewQuery q = DriverViews.query(plan("SELECT * FROM synapse.cluster_nodes WHERE state = ?"), true);
        assertThat(q.userParams()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO synapse.cluster_nodes (kind) VALUES ('x')",
        "UPDATE synapse.schema_versions SET state = 'ok'",
        "DELETE FROM synapse.distributed_transactions",
        "WITH gone AS (DELETE FROM countries RETURNING *) SELECT * FROM synapse.cluster_nodes",
    })
    void writingAViewIsRefused(String sql) {
        StatementPlan p = plan(sql);
        assertThat(DriverViews.references(p)).isTrue();
        assertThatThrownBy(() -> DriverViews.query(p, true)).isInstanceOf(SQLException.class)
                .hasMessageContaining("is a read-only view answered by the driver")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
    }

    @Test
    void aViewWithADistributedTableIsRefusedAndWithAReferenceTableAccepted() throws SQLException {
        StatementPlan joined = plan("SELECT * FROM synapse.cluster_nodes n JOIN orders o ON o.note = n.name");
        assertThatThrownBy(() -> DriverViews.query(joined, true)).isInstanceOf(SQLException.class)
                .hasMessageContaining("distributed table orders")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
        ViewQuery q = DriverViews.query(plan("SELECT * FROM synapse.cluster_nodes n, countries c"), true);
        assertThat(q.views()).containsExactly(ClusterNodesView.VIEW);
    }
}
