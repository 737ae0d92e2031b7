package io.synapsedb.it;

import static io.synapsedb.it.ClusterSupport.countOnNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Nodes with {@code max_prepared_transactions = 0}: a clear error at the first two-phase commit. */
@LocalPostgres(nodes = 2, settings = "max_prepared_transactions=0")
class NoPreparedTransactionsIT {

    private static LocalCluster cluster;

    @Test
    void aTwoGroupCommitFailsNamingTheSettingAndOneGroupStillWorks() throws SQLException {
        long a = 1;
        long b = 2;
        try (Connection c = ClusterSupport.connect(cluster, null); Statement st = c.createStatement()) {
            // DDL on both groups would need two-phase commit too: create the table group by group.
            for (int n = 0; n < 2; n++) {
                try (Connection direct = cluster.node(n).connect(); Statement d = direct.createStatement()) {
                    d.execute("CREATE TABLE plain_t (k bigint PRIMARY KEY, v text)");
                }
            }
            st.executeUpdate("INSERT INTO plain_t VALUES (" + a + ", 'home')"); // undeclared: home group only
            c.setAutoCommit(false);
            st.executeUpdate("INSERT INTO plain_t VALUES (" + b + ", 'one group')");
            c.commit();
            c.setAutoCommit(true);
            // DDL runs on every group: its commit is two-phase, refused before anything commits.
            assertThatThrownBy(() -> st.execute("CREATE TABLE t2 (k int)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("max_prepared_transactions")
                    .hasMessageContaining("retry is safe")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55000"));
        }
        for (int n = 0; n < 2; n++) {
            assertThat(ClusterSupport.onNode(cluster.node(n), "SELECT to_regclass('t2') IS NULL")).containsExactly("t");
        }
        assertThat(countOnNode(cluster.node(0), "plain_t")).isEqualTo(2);
        assertThat(countOnNode(cluster.node(1), "plain_t")).isZero();
    }
}
