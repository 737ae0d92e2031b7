package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Multi-group reads: parallel, cancellable, streamed, and merged into what one PostgreSQL answers. */
@LocalPostgres(nodes = 4)
class ScatterGatherIT {

    private static LocalCluster servers;
    private static OracleCluster db;

    @BeforeAll
    static void start() throws Exception {
        db = OracleCluster.on(servers, null);
        db.both("CREATE TABLE sg (k bigint PRIMARY KEY, a int, b int, c text, d numeric(10,2))");
        try (Statement st = db.synapse.createStatement()) {
            st.execute("SELECT synapse.distribute_table('sg', 'k')");
        }
        StringBuilder values = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        for (int k = 1; k <= 600; k++) {
            values.append(k == 1 ? "" : ",").append('(').append(k).append(',')
                    .append(r.nextInt(10) == 0 ? "NULL" : String.valueOf(r.nextInt(8))).append(',')
                    .append(r.nextInt(1000)).append(',')
                    .append(r.nextInt(7) == 0 ? "NULL" : "'c" + r.nextInt(5) + "'").append(',')
                    .append(r.nextInt(100000) / 100.0).append(')');
        }
        db.both("INSERT INTO sg VALUES " + values);
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private static void same(String sql, Object... params) throws SQLException {
        List<List<String>> mine;
        List<List<String>> oracle;
        try (PreparedStatement ps = db.synapse.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                mine = OracleCluster.rows(rs);
            }
        }
        try (PreparedStatement ps = db.plain.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                oracle = OracleCluster.rows(rs);
            }
        }
        assertThat(mine).as(sql).isEqualTo(oracle);
    }

    @Test
    void orderByMergesAcrossGroupsWithLimitOffsetNullsAndHiddenKeys() throws SQLException {
        same("SELECT k, a, c FROM sg ORDER BY a DESC NULLS LAST, k LIMIT 25 OFFSET 10");
        same("SELECT k, a FROM sg ORDER BY a NULLS FIRST, k DESC");
        same("SELECT k FROM sg ORDER BY b, k LIMIT ? OFFSET ?", 7, 3);
        same("SELECT k, c FROM sg ORDER BY 2 DESC, 1 FETCH FIRST 12 ROWS ONLY");
        same("SELECT k FROM sg ORDER BY d * -1, k OFFSET 590");
        same("SELECT * FROM sg ORDER BY c, d, k LIMIT 40");
        same("SELECT k AS id, b FROM sg WHERE a > ? ORDER BY id DESC LIMIT 5", 3);
    }

    @Test
    void aggregatesCombineAcrossGroups() throws SQLException {
        same("SELECT count(*), count(a), sum(b), min(c), max(d), avg(b), avg(d) FROM sg");
        same("SELECT a, count(*), avg(d) FROM sg GROUP BY a ORDER BY a NULLS FIRST");
        same("SELECT c, sum(d) AS total FROM sg GROUP BY c HAVING count(*) > ? AND sum(d) > 1000 ORDER BY total"
                + " DESC", 80);
        same("SELECT a, max(b) FROM sg WHERE c IS NOT NULL GROUP BY a ORDER BY max(b) DESC, a LIMIT 3 OFFSET 1");
        same("SELECT count(*) FROM sg WHERE k < 0");
        same("SELECT sum(b), avg(a) FROM sg WHERE k < 0");
        same("SELECT DISTINCT a FROM sg ORDER BY a");
        same("SELECT DISTINCT c, a FROM sg ORDER BY c DESC NULLS LAST, a LIMIT 9");
    }

    @Test
    void mergedMetadataHidesDriverColumnsAndTypesAverages() throws SQLException {
        try (Statement st = db.synapse.createStatement();
                ResultSet rs = st.executeQuery("SELECT a, avg(b) FROM sg GROUP BY a ORDER BY count(*) DESC, a")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(2);
            assertThat(md.getColumnLabel(2)).isEqualTo("avg");
            assertThat(md.getColumnType(2)).isEqualTo(Types.NUMERIC);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal(2)).isNotNull();
        }
        try (Statement st = db.synapse.createStatement();
                ResultSet rs = st.executeQuery("SELECT k FROM sg ORDER BY b, k LIMIT 3")) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
            assertThatThrownBy(() -> rs.findColumn("synapse_m1")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void queriesThatCannotMergeAreRefusedWith0A000() {
        for (String sql : List.of("SELECT count(DISTINCT a) FROM sg", "SELECT k, rank() OVER (ORDER BY b) FROM sg",
                "SELECT a, sum(b) + 1 FROM sg GROUP BY a", "SELECT a FROM sg GROUP BY a HAVING sum(b) > avg(d) * 2")) {
            assertThatThrownBy(() -> db.synapse.createStatement().executeQuery(sql)).as(sql)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
        }
    }

    @Test
    void groupsRunInParallelAndCancelReachesEveryGroup() throws Exception {
        try (Connection c = DriverManager.getConnection(db.synapseUrl("ApplicationName=sg-cancel"));
                Statement st = c.createStatement()) {
            CompletableFuture<SQLException> run = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = st.executeQuery("SELECT k, pg_sleep(60) FROM sg WHERE k IN (1, 2, 3, 4, 5, 6)"
                        + " ORDER BY k")) {
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            // Parallel: the query is running on all three nodes at the same time.
            waitUntil(() -> sleepingBackends("sg-cancel") == 3, run);
            st.cancel();
            SQLException e = run.get(30, TimeUnit.SECONDS);
            assertThat((Throwable) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("57014");
            waitUntil(() -> sleepingBackends("sg-cancel") == 0, null);
        }
    }

    @Test
    void queryTimeoutReachesEveryGroup() throws Exception {
        try (Connection c = DriverManager.getConnection(db.synapseUrl("ApplicationName=sg-timeout"));
                Statement st = c.createStatement()) {
            st.setQueryTimeout(1);
            long start = System.nanoTime();
            assertThatThrownBy(() -> st.executeQuery("SELECT k, pg_sleep(60) FROM sg WHERE k IN (1, 2, 3, 4, 5, 6)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
            waitUntil(() -> sleepingBackends("sg-timeout") == 0, null);
        }
    }

    private static int sleepingBackends(String app) throws SQLException {
        int n = 0;
        for (int i = 0; i < 3; i++) {
            n += Integer.parseInt(ClusterSupport.onNode(db.servers.node(i), "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name = '" + app + "' AND state = 'active' AND query LIKE '%pg_sleep%'")
                    .get(0));
        }
        return n;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Waits for {@code check}, failing at once if {@code mustNotFinish} (when given) ends first. */
    private static void waitUntil(Check check, CompletableFuture<?> mustNotFinish) throws Exception {
        ClusterSupport.waitFor(Duration.ofSeconds(60), () -> {
            if (mustNotFinish != null && mustNotFinish.isDone()) {
                throw new AssertionError("the query ended early: " + mustNotFinish.get());
            }
            return check.ok() ? Boolean.TRUE : null;
        });
    }

    @Test
    void fetchSizeStreamsInShortReadTransactionsInAutocommit() throws SQLException {
        try (Connection c = DriverManager.getConnection(db.synapseUrl(null));
                Statement st = c.createStatement()) {
            st.setFetchSize(10);
            List<Long> keys = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT k FROM sg ORDER BY k")) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
            }
            assertThat(keys).hasSize(600).isSorted();
            assertThat(c.getAutoCommit()).isTrue();
            // Another statement on the connection ends the read transactions first: the old result says so.
            ResultSet open = st.executeQuery("SELECT k FROM sg ORDER BY k");
            assertThat(open.next()).isTrue();
            try (Statement other = c.createStatement()) {
                other.executeUpdate("UPDATE sg SET b = b WHERE k = 1");
            }
            assertThatThrownBy(() -> {
                while (open.next()) {
                    // read on
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("another statement used the connection");
            open.close();
        }
    }

    @Test
    void fullFanoutGuardAndExplain() throws SQLException {
        try (Statement st = db.synapse.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("/*+ synapse:no_fanout */ SELECT count(*) FROM sg"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("full fan-out")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
            List<String> plan = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("EXPLAIN SELECT k FROM sg ORDER BY b LIMIT 10")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            String text = String.join("\n", plan);
            assertThat(text).contains("Synapse scatter-gather", "3 of 3 groups", "k-way merge", "Group g1:",
                    "Group g2:", "Group g3:", "Limit");
        }
        try (Connection c = DriverManager.getConnection(db.synapseUrl("failOnFullFanout=true"));
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT count(*) FROM sg"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("failOnFullFanout");
            try (ResultSet rs = st.executeQuery("/*+ synapse:allow_fanout */ SELECT count(*) FROM sg")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(600);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sg WHERE k IN (1, 2, 3)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
        }
    }
}
