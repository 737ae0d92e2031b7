package io.synapsedb.it;

import static io.synapsedb.it.ClusterSupport.countOnNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets an SQLException with an SQLState and a message, and nothing is written. */
@LocalPostgres(nodes = 3)
class BadInputIT {

    private static LocalCluster cluster;
    private static Connection conn;
    private static String table;

    @BeforeAll
    static void connect() throws Exception {
        conn = ClusterSupport.connect(cluster, null);
        table = ClusterSupport.table("orders");
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + table + " (customer_id bigint NOT NULL, item text, PRIMARY KEY (customer_id, item))");
            st.execute("SELECT synapse.distribute_table('" + table + "', 'customer_id')");
        }
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (conn != null) {
            conn.close();
        }
    }

    private static void assertState(ThrowingCallable call, String state, String fragment) {
        assertThatThrownBy(call).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(state))
                .hasMessageContaining(fragment);
    }

    private static long rowsEverywhere() throws SQLException {
        long n = 0;
        for (int i = 0; i < 3; i++) {
            n += countOnNode(cluster.node(i), table);
        }
        return n;
    }

    @Test
    void malformedSql() throws SQLException {
        try (Statement st = conn.createStatement()) {
            assertState(() -> st.executeUpdate("INSERT INTO " + table + " (customer_id, item VALUES (1, 'x')"),
                    "0A000", table);
            assertState(() -> st.executeQuery("SELEC 1"), "42601", "syntax");
        }
        assertThat(rowsEverywhere()).isZero();
    }

    @Test
    void unknownTable() throws SQLException {
        try (Statement st = conn.createStatement()) {
            assertState(() -> st.executeQuery("SELECT * FROM no_such_table WHERE id = 1"), "42P01", "no_such_table");
            assertState(() -> st.executeQuery("SELECT synapse.distribute_table('no_such_table', 'id')"), "42P01",
                    "no_such_table");
        }
    }

    @Test
    void insertWithoutShardKeyAndNoDefault() throws SQLException {
        try (Statement st = conn.createStatement()) {
            assertState(() -> st.executeUpdate("INSERT INTO " + table + " (item) VALUES ('x')"), "23502",
                    "customer_id");
        }
        assertThat(rowsEverywhere()).isZero();
    }

    @Test
    void wrongKeyType() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " (customer_id, item) VALUES (?, ?)")) {
            ps.setString(1, "not-a-number");
            ps.setString(2, "x");
            assertState(ps::executeUpdate, "22P02", "customer_id");
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM " + table + " WHERE customer_id = ?")) {
            ps.setObject(1, java.util.UUID.randomUUID());
            assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42804", "22P02"));
        }
        assertThat(rowsEverywhere()).isZero();
    }

    @Test
    void unknownUrlProperty() {
        assertState(() -> DriverManager.getConnection(cluster.synapseUrl() + "&poolSise=3"), "22023", "poolSise");
    }

    @Test
    void notASynapseUrlIsNotOurs() throws SQLException {
        assertThat(new io.synapsedb.jdbc.SynapseDriver().acceptsURL(cluster.node(0).jdbcUrl())).isFalse();
        assertThat(new io.synapsedb.jdbc.SynapseDriver().connect(cluster.node(0).jdbcUrl(), new java.util.Properties()))
                .isNull();
    }

    @Test
    void updatingTheShardKeyIsRefused() throws SQLException {
        try (Statement st = conn.createStatement()) {
            assertState(() -> st.executeUpdate("UPDATE " + table + " SET customer_id = 5 WHERE customer_id = 1"),
                    "0A000", "shard key");
        }
    }
}
