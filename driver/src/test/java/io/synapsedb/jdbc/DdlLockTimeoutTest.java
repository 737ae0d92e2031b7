package io.synapsedb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synapsedb.catalog.CatalogManager;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ddlLockTimeoutMs} bounds DDL's wait for the advisory lock on the home group that orders
 * the DDL of every application (static mode, two real PostgreSQL groups). The default wait is a
 * minute; with 500 ms the test ends long before it, whatever the machine's speed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DdlLockTimeoutTest {

    private static LocalCluster cluster;
    private static SynapseDataSource ds;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder().name("test-ddl-lock-timeout").nodes(2).durable(false).start();
        ds = new SynapseDataSource(cluster.synapseUrl() + "&ddlLockTimeoutMs=500&recoveryIntervalMs=0");
        ds.setMeterRegistry(new SimpleMeterRegistry());
        // Starts the runtime, whose first start creates the catalog schema under the same lock.
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        }
    }

    @AfterAll
    static void stop() {
        if (ds != null) {
            ds.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void ddlGivesUpAfterDdlLockTimeoutMsWhileAnotherApplicationsDdlHoldsTheLock() throws Exception {
        LocalNode home = cluster.node(0); // g1, the home group
        try (Connection other = home.connect(); Statement otherSt = other.createStatement();
                Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // Another application in the middle of its DDL: the lock is held by its open transaction.
            other.setAutoCommit(false);
            otherSt.execute("SELECT pg_advisory_xact_lock(" + CatalogManager.DDL_LOCK + ")");

            SQLException e = catchThrowableOfType(SQLException.class,
                    () -> st.execute("CREATE TABLE ddl_lock_wait (id int PRIMARY KEY)"));

            assertThat((Throwable) e).as("DDL must fail, not wait for the lock").isNotNull();
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("55P03");
            assertThat(e.getMessage()).contains("CREATE TABLE ddl_lock_wait").contains("waited 500 ms (ddlLockTimeoutMs)")
                    .contains("home group g1");
            for (LocalNode n : cluster.nodes()) {
                assertThat(exists(n, "ddl_lock_wait")).as("nothing changed on %s", n).isFalse();
            }

            other.rollback(); // the other application's DDL ends
            st.execute("CREATE TABLE ddl_lock_wait (id int PRIMARY KEY)");
            for (LocalNode n : cluster.nodes()) {
                assertThat(exists(n, "ddl_lock_wait")).as("created on %s", n).isTrue();
            }
        }
    }

    @Test
    void aDeclarationGivesUpToo() throws Exception {
        LocalNode home = cluster.node(0);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ddl_lock_declared (id bigint PRIMARY KEY)");
        }
        try (Connection other = home.connect(); Statement otherSt = other.createStatement();
                Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            other.setAutoCommit(false);
            otherSt.execute("SELECT pg_advisory_xact_lock(" + CatalogManager.DDL_LOCK + ")");

            SQLException e = catchThrowableOfType(SQLException.class,
                    () -> st.execute("SELECT synapse.distribute_table('ddl_lock_declared', 'id')"));

            assertThat((Throwable) e).as("the declaration must fail, not wait for the lock").isNotNull();
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("55P03");
            assertThat(e.getMessage()).contains("distribute_table ddl_lock_declared")
                    .contains("waited 500 ms (ddlLockTimeoutMs)").contains("Nothing was changed");
            other.rollback();

            st.execute("SELECT synapse.distribute_table('ddl_lock_declared', 'id')");
        }
    }

    private static boolean exists(LocalNode node, String table) throws SQLException {
        try (Connection c = node.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
