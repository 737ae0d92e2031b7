package io.synapsedb.catalog;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.local.LocalCluster;
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
 * The DDL lock's bounded wait on a real PostgreSQL node: the session-level form used by catalog changes
 * (autocommit, on a connection that goes back to a pool) leaves the session's {@code lock_timeout} as it
 * found it, whether it got the lock or gave up.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DdlLockTest {

    private static final GroupInfo HOME = GroupInfo.of("g1", new NodeAddress("127.0.0.1", 5432, "shop"));

    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder().name("test-ddl-lock").nodes(1).durable(false).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theSessionsLockTimeoutIsPutBackAfterTheLockAndAfterGivingUp() throws Exception {
        try (Connection c = cluster.node(0).connect(); Statement st = c.createStatement();
                Connection other = cluster.node(0).connect(); Statement otherSt = other.createStatement()) {
            st.execute("SET lock_timeout = '7s'");

            DdlLock.forSession(c, 300, "distribute_table t", HOME);
            assertThat(lockTimeout(c)).isEqualTo("7s");
            assertThat(holdsDdlLock(otherSt)).isTrue();
            st.execute("SELECT pg_advisory_unlock_all()");

            other.setAutoCommit(false);
            otherSt.execute("SELECT pg_advisory_xact_lock(" + CatalogManager.DDL_LOCK + ")");
            assertThatThrownBy(() -> DdlLock.forSession(c, 300, "distribute_table t", HOME))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("distribute_table t refused")
                    .hasMessageContaining("waited 300 ms (ddlLockTimeoutMs)")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
            assertThat(lockTimeout(c)).isEqualTo("7s");
            other.rollback();
        }
    }

    private static String lockTimeout(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW lock_timeout")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Whether some other session holds the DDL lock (seen from {@code st}'s session, which does not). */
    private static boolean holdsDdlLock(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
