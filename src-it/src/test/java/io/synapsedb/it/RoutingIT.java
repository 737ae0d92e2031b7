package io.synapsedb.it;

import static io.synapsedb.it.ClusterSupport.countOnNode;
import static io.synapsedb.it.ClusterSupport.onNode;
import static io.synapsedb.it.ClusterSupport.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.core.KeyType;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Every single-key statement form lands on the group that owns the key, checked by querying each
 * node directly; statements the driver cannot place fail with 0A000 before anything runs.
 */
@LocalPostgres(nodes = 3)
class RoutingIT {

    private static LocalCluster cluster;
    private static Connection conn;

    @BeforeAll
    static void connect() throws Exception {
        conn = ClusterSupport.connect(cluster, null);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (conn != null) {
            conn.close();
        }
    }

    private static String distributed(String prefix, String keyType) throws SQLException {
        String t = ClusterSupport.table(prefix);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + t + " (k " + keyType + " PRIMARY KEY, v text, n int DEFAULT 0)");
            try (ResultSet rs = st.executeQuery("SELECT synapse.distribute_table('" + t + "', 'k')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("distributed");
            }
        }
        return t;
    }

    /** Rows of {@code table} on each node, as the key column's text. */
    private static List<Set<String>> rowsByNode(String table) throws SQLException {
        List<Set<String>> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(new HashSet<>(onNode(cluster.node(i), "SELECT k::text FROM " + table)));
        }
        return out;
    }

    private static void assertPlaced(String table, KeyType type, List<?> keys) throws SQLException {
        List<Set<String>> rows = rowsByNode(table);
        for (Object key : keys) {
            int owner = owner(3, type, key);
            for (int n = 0; n < 3; n++) {
                assertThat(rows.get(n).contains(key.toString()))
                        .as("key %s on node %d (owner %d)", key, n, owner)
                        .isEqualTo(n == owner);
            }
        }
    }

    @Test
    void createTableRunsOnEveryGroupAndDistributionPartitionsBySlot() throws SQLException {
        String t = distributed("layout", "bigint");
        int total = 0;
        for (int n = 0; n < 3; n++) {
            List<String> partitions = onNode(cluster.node(n),
                    "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                            + " WHERE i.inhparent = '" + t + "'::regclass");
            assertThat(onNode(cluster.node(n), "SELECT relkind::text FROM pg_class WHERE relname = '" + t + "'"))
                    .containsExactly("p");
            assertThat(partitions).isNotEmpty();
            total += partitions.size();
            assertThat(onNode(cluster.node(n), "SELECT shard_key FROM synapse.tables WHERE name = '" + t + "'"))
                    .containsExactly("k");
        }
        assertThat(total).isEqualTo(128);
    }

    @Test
    void singleAndMultiRowInsertsLandOnTheOwningGroups() throws SQLException {
        String t = distributed("ins", "bigint");
        List<Long> keys = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, ?)")) {
            for (long k = 1; k <= 30; k++) {
                ps.setLong(1, k);
                ps.setString(2, "v" + k);
                assertThat(ps.executeUpdate()).isEqualTo(1);
                keys.add(k);
            }
        }
        try (Statement st = conn.createStatement()) {
            assertThat(st.executeUpdate("INSERT INTO " + t + " (k, v) VALUES (101, 'a'), (102, 'b'), (103, 'c'),"
                    + " (104, 'd'), (105, 'e'), (106, 'f')")).isEqualTo(6);
        }
        for (long k = 101; k <= 106; k++) {
            keys.add(k);
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?), (?, ?, ?)")) {
            ps.setLong(1, 201);
            ps.setString(2, "x");
            ps.setInt(3, 1);
            ps.setLong(4, 202);
            ps.setString(5, "y");
            ps.setInt(6, 2);
            assertThat(ps.executeUpdate()).isEqualTo(2);
        }
        keys.add(201L);
        keys.add(202L);
        assertPlaced(t, KeyType.INT8, keys);
        assertThat(rowsByNode(t).stream().mapToInt(Set::size).sum()).isEqualTo(keys.size());
        Set<Integer> owners = new HashSet<>();
        for (Object k : keys) {
            owners.add(owner(3, KeyType.INT8, k));
        }
        assertThat(owners).hasSize(3);
    }

    @Test
    void selectUpdateDeleteByKeyInAndAnyGoToTheOwners() throws SQLException {
        String t = distributed("sud", "text");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, ?)")) {
            for (int i = 0; i < 20; i++) {
                ps.setString(1, "key-" + i);
                ps.setString(2, "v" + i);
                ps.executeUpdate();
            }
        }
        assertPlaced(t, KeyType.TEXT, List.of("key-0", "key-7", "key-19"));
        try (PreparedStatement ps = conn.prepareStatement("SELECT v FROM " + t + " WHERE k = ?")) {
            ps.setString(1, "key-7");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("v7");
                assertThat(rs.next()).isFalse();
                assertThat(rs.getStatement()).isSameAs(ps);
            }
        }
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT k FROM " + t + " WHERE k IN ('key-1', 'key-2', 'key-3',"
                        + " 'key-4', 'key-5')")) {
            Set<String> got = new HashSet<>();
            while (rs.next()) {
                got.add(rs.getString(1));
            }
            assertThat(got).containsExactlyInAnyOrder("key-1", "key-2", "key-3", "key-4", "key-5");
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT k FROM " + t + " WHERE k = ANY(?)")) {
            ps.setArray(1, conn.createArrayOf("text", new Object[] {"key-10", "key-11", "key-12", "nope"}));
            Set<String> got = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    got.add(rs.getString(1));
                }
            }
            assertThat(got).containsExactlyInAnyOrder("key-10", "key-11", "key-12");
        }
        try (PreparedStatement ps = conn.prepareStatement("UPDATE " + t + " SET n = n + 1 WHERE k = ?")) {
            ps.setString(1, "key-3");
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        int owner = owner(3, KeyType.TEXT, "key-3");
        assertThat(onNode(cluster.node(owner), "SELECT n FROM " + t + " WHERE k = 'key-3'")).containsExactly("1");
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + t + " WHERE k = ?")) {
            ps.setString(1, "key-3");
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(onNode(cluster.node(owner), "SELECT count(*) FROM " + t + " WHERE k = 'key-3'"))
                .containsExactly("0");
        try (Statement st = conn.createStatement()) {
            // A multi-group UPDATE in autocommit runs on exactly the owning groups.
            assertThat(st.executeUpdate("UPDATE " + t + " SET n = 5 WHERE k IN ('key-1', 'key-2', 'key-4')"))
                    .isEqualTo(3);
        }
        for (String k : List.of("key-1", "key-2", "key-4")) {
            assertThat(onNode(cluster.node(owner(3, KeyType.TEXT, k)), "SELECT n FROM " + t + " WHERE k = '" + k + "'"))
                    .containsExactly("5");
        }
    }

    @Test
    void uuidAndIntegerKeysRoute() throws SQLException {
        String t = distributed("uuid", "uuid");
        List<UUID> keys = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, ?)")) {
            for (int i = 0; i < 15; i++) {
                UUID u = UUID.nameUUIDFromBytes(("u" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ps.setObject(1, u);
                ps.setString(2, "x");
                ps.executeUpdate();
                keys.add(u);
            }
        }
        assertPlaced(t, KeyType.UUID, keys);
        String ti = distributed("int4", "integer");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + ti + " (k, v) VALUES (?, ?)")) {
            for (int i = -5; i < 10; i++) {
                ps.setInt(1, i);
                ps.setString(2, "x");
                ps.executeUpdate();
            }
        }
        assertPlaced(ti, KeyType.INT4, List.of(-5, 0, 3, 9));
    }

    @Test
    void onConflictAndReturningWork() throws SQLException {
        String t = distributed("upsert", "bigint");
        String upsert = "INSERT INTO " + t + " (k, v, n) VALUES (?, ?, 1) ON CONFLICT (k) DO UPDATE SET n = "
                + t + ".n + 1, v = EXCLUDED.v RETURNING k, n";
        for (int i = 1; i <= 3; i++) {
            try (PreparedStatement ps = conn.prepareStatement(upsert)) {
                ps.setLong(1, 77);
                ps.setString(2, "round" + i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(77);
                    assertThat(rs.getInt(2)).isEqualTo(i);
                }
            }
        }
        assertThat(onNode(cluster.node(owner(3, KeyType.INT8, 77L)), "SELECT v FROM " + t + " WHERE k = 77"))
                .containsExactly("round3");
        try (PreparedStatement ps = conn.prepareStatement("UPDATE " + t + " SET v = ? WHERE k = ? RETURNING v")) {
            ps.setString(1, "updated");
            ps.setLong(2, 77);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("updated");
            }
        }
    }

    @Test
    void batchesAreGroupedPerGroup() throws SQLException {
        String t = distributed("batch", "bigint");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, ?)")) {
            for (long k = 1; k <= 200; k++) {
                ps.setLong(1, k);
                ps.setString(2, "b" + k);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertThat(counts).hasSize(200).containsOnly(1);
        }
        long total = 0;
        for (int n = 0; n < 3; n++) {
            long c = countOnNode(cluster.node(n), t);
            assertThat(c).isPositive();
            total += c;
        }
        assertThat(total).isEqualTo(200);
        assertPlaced(t, KeyType.INT8, List.of(1L, 50L, 199L));
    }

    @Test
    void serialKeyOmittedGetsAClusterUniqueValueBeforeRouting() throws SQLException {
        String t = ClusterSupport.table("products");
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id SERIAL PRIMARY KEY, name TEXT NOT NULL, price DECIMAL(10,2))");
            st.execute("SELECT synapse.distribute_table('" + t + "', 'id')");
            for (int i = 0; i < 12; i++) {
                st.executeUpdate("INSERT INTO " + t + " (name, price) VALUES ('p" + i + "', 9.99)");
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (name, price) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "with-keys");
            ps.setBigDecimal(2, new java.math.BigDecimal("1.50"));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getInt("id")).isPositive();
            }
        }
        List<Integer> ids = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            onNode(cluster.node(n), "SELECT id FROM " + t).forEach(s -> ids.add(Integer.parseInt(s)));
        }
        assertThat(ids).hasSize(13).doesNotHaveDuplicates();
        assertPlaced2(t, ids);
    }

    private static void assertPlaced2(String table, List<Integer> ids) throws SQLException {
        for (int n = 0; n < 3; n++) {
            for (String id : onNode(cluster.node(n), "SELECT id FROM " + table)) {
                assertThat(owner(3, KeyType.INT4, Integer.parseInt(id))).isEqualTo(n);
            }
        }
    }

    @Test
    void referenceTablesAreCopiedEverywhereAndReadFromAnyGroup() throws SQLException {
        String t = ClusterSupport.table("countries");
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + t + " (code text PRIMARY KEY, name text)");
        }
        try (Connection home = cluster.node(0).connect(); Statement st = home.createStatement()) {
            st.executeUpdate("INSERT INTO " + t + " VALUES ('de', 'Germany'), ('fr', 'France')");
        }
        try (Statement st = conn.createStatement()) {
            st.execute("SELECT synapse.reference_table('" + t + "')");
            try (ResultSet rs = st.executeQuery("SELECT name FROM " + t + " WHERE code = 'fr'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("France");
            }
        }
        for (int n = 0; n < 3; n++) {
            assertThat(countOnNode(cluster.node(n), t)).isEqualTo(2);
        }
    }

    @Test
    void undeclaredTablesLiveOnTheHomeGroupAndUnparsableSqlStillRuns() throws SQLException {
        String t = ClusterSupport.table("plain");
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id int, v text)");
            st.executeUpdate("INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b')");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            // PostgreSQL-only syntax the parser cannot read, naming no declared table, runs on the home group.
            st.execute("LISTEN plain_channel");
            // A DO block's body is code the driver cannot see into (issue 11): refused, or placed by a hint.
            assertThatThrownBy(() -> st.execute("DO $$ BEGIN INSERT INTO " + t + " VALUES (3, 'c'); END $$"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("DO block")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
            st.execute("/*+ synapse:home */ DO $$ BEGIN INSERT INTO " + t + " VALUES (3, 'c'); END $$");
        }
        assertThat(countOnNode(cluster.node(0), t)).isEqualTo(3);
        assertThat(countOnNode(cluster.node(1), t)).isZero();
        assertThat(countOnNode(cluster.node(2), t)).isZero();
    }

    @Test
    void setAppliesToEveryPhysicalConnection() throws SQLException {
        String t = distributed("setting", "bigint");
        try (Connection c = ClusterSupport.connect(cluster, null); Statement st = c.createStatement()) {
            st.execute("SET application_name = 'synapse_it_set'");
            for (long k = 1; k <= 20; k++) {
                st.executeUpdate("INSERT INTO " + t + " (k, v) VALUES (" + k + ", current_setting('application_name'))");
            }
            for (int n = 0; n < 3; n++) {
                assertThat(onNode(cluster.node(n), "SELECT DISTINCT v FROM " + t)).containsExactly("synapse_it_set");
            }
        }
    }

    @Test
    void transactionsCommitAndRollBackWithinOneGroupAndCommitTwoWriteGroupsAtomically() throws SQLException {
        String t = distributed("txn", "bigint");
        long a = 1;
        long b = 2;
        while (owner(3, KeyType.INT8, b) == owner(3, KeyType.INT8, a)) {
            b++;
        }
        try (Connection c = ClusterSupport.connect(cluster, null)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, 'x')")) {
                ps.setLong(1, a);
                ps.executeUpdate();
                java.sql.Savepoint sp = c.setSavepoint();
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE " + t + " SET v = 'changed' WHERE k = " + a);
                }
                c.rollback(sp);
                // A second write group is allowed: the commit is two-phase.
                ps.setLong(1, b);
                ps.executeUpdate();
            }
            c.commit();
            // Reads across groups inside a transaction are fine.
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT k FROM " + t)) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(2);
            }
            c.rollback();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, 'y')")) {
                ps.setLong(1, b + 1000);
                ps.executeUpdate();
                ps.setLong(1, a + 1000);
                ps.executeUpdate();
            }
            c.rollback();
        }
        assertThat(onNode(cluster.node(owner(3, KeyType.INT8, a)), "SELECT k || v FROM " + t + " WHERE k = " + a))
                .containsExactly(a + "x");
        assertThat(onNode(cluster.node(owner(3, KeyType.INT8, b)), "SELECT k || v FROM " + t + " WHERE k = " + b))
                .containsExactly(b + "x");
        long total = 0;
        for (int n = 0; n < 3; n++) {
            total += countOnNode(cluster.node(n), t);
            assertThat(onNode(cluster.node(n), "SELECT count(*) FROM pg_prepared_xacts")).containsExactly("0");
        }
        assertThat(total).isEqualTo(2);
    }

    @Test
    void crossGroupMergesRunAndUnmergeableQueriesAreRefusedWith0A000() throws SQLException {
        String t = distributed("merge", "bigint");
        try (Statement st = conn.createStatement()) {
            st.executeUpdate("INSERT INTO " + t + " (k, v) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
            try (ResultSet rs = st.executeQuery("SELECT k FROM " + t + " ORDER BY k DESC LIMIT 2")) {
                List<Long> keys = new ArrayList<>();
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
                assertThat(keys).containsExactly(4L, 3L);
            }
            assertThatThrownBy(() -> st.executeQuery("SELECT count(DISTINCT v) FROM " + t))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
                    .hasMessageContaining(t);
            // Without a merge the rows of every group are simply concatenated.
            try (ResultSet rs = st.executeQuery("SELECT k FROM " + t + " WHERE v > 'a'")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(3);
            }
        }
    }

    @Test
    void unwrapGivesTheCurrentGroupsPgConnection() throws SQLException {
        try (Connection c = ClusterSupport.connect(cluster, null)) {
            PGConnection pg = c.unwrap(PGConnection.class);
            assertThat(pg).isNotNull();
            assertThat(c.isValid(2)).isTrue();
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
    }

    @Test
    void batchFailureReportsBatchUpdateException() throws SQLException {
        String t = distributed("badbatch", "bigint");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (k, v) VALUES (?, ?)")) {
            ps.setLong(1, 1);
            ps.setString(2, "a");
            ps.addBatch();
            ps.setLong(1, 1);
            ps.setString(2, "duplicate");
            ps.addBatch();
            assertThatThrownBy(ps::executeBatch).isInstanceOf(BatchUpdateException.class);
        }
        assertThat(countOnNode(cluster.node(owner(3, KeyType.INT8, 1L)), t)).isZero();
    }

    @Test
    void colocatedJoinOnShardKeysIsPushedDownAndOtherJoinsAreRefused() throws SQLException {
        String orders = ClusterSupport.table("orders");
        String items = ClusterSupport.table("items");
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + orders + " (customer_id bigint, id int, PRIMARY KEY (customer_id, id))");
            st.execute("CREATE TABLE " + items + " (customer_id bigint, order_id int, sku text,"
                    + " PRIMARY KEY (customer_id, order_id, sku))");
            st.execute("SELECT synapse.distribute_table('" + orders + "', 'customer_id')");
            st.execute("SELECT synapse.distribute_table('" + items + "', 'customer_id')");
            for (long c = 1; c <= 6; c++) {
                st.executeUpdate("INSERT INTO " + orders + " VALUES (" + c + ", 1)");
                st.executeUpdate("INSERT INTO " + items + " VALUES (" + c + ", 1, 'a'), (" + c + ", 1, 'b')");
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT i.sku FROM " + orders + " o JOIN " + items
                + " i ON i.customer_id = o.customer_id AND i.order_id = o.id WHERE o.customer_id = ?")) {
            ps.setLong(1, 4);
            List<String> skus = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    skus.add(rs.getString(1));
                }
            }
            assertThat(skus).containsExactlyInAnyOrder("a", "b");
        }
        try (Statement st = conn.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT * FROM " + orders + " o JOIN " + items
                    + " i ON i.order_id = o.id WHERE o.customer_id = 4"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
                    .hasMessageContaining("reference table");
        }
    }

    @Test
    void identityKeyAndReferenceTableWrites() throws SQLException {
        String t = ClusterSupport.table("ident");
        String ref = ClusterSupport.table("ref");
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE " + t + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)");
            st.execute("SELECT synapse.distribute_table('" + t + "', 'id')");
            assertThat(st.executeUpdate("INSERT INTO " + t + " (v) VALUES ('a'), ('b'), ('c'), ('d'), ('e')"))
                    .isEqualTo(5);
            st.execute("CREATE TABLE " + ref + " (code text PRIMARY KEY, name text)");
            st.execute("SELECT synapse.reference_table('" + ref + "')");
            assertThat(st.executeUpdate("INSERT INTO " + ref + " VALUES ('x', 'X'), ('y', 'Y')")).isEqualTo(2);
        }
        List<Integer> ids = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            for (String id : onNode(cluster.node(n), "SELECT id FROM " + t)) {
                ids.add(Integer.parseInt(id));
                assertThat(owner(3, KeyType.INT8, Long.parseLong(id))).isEqualTo(n);
            }
            assertThat(countOnNode(cluster.node(n), ref)).isEqualTo(2);
        }
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void aDeclarationMadeByAnotherApplicationReachesARunningOne() throws Exception {
        String t = ClusterSupport.table("late");
        try (Connection other = ClusterSupport.connect(cluster, "ApplicationName=other-app&catalogRefreshMs=100");
                Statement st = other.createStatement()) {
            st.execute("SELECT 1"); // the other application is up and has loaded the catalog
            try (Statement mine = conn.createStatement()) {
                mine.execute("CREATE TABLE " + t + " (k bigint PRIMARY KEY)");
                mine.execute("SELECT synapse.distribute_table('" + t + "', 'k')");
            }
            ClusterSupport.waitFor(java.time.Duration.ofSeconds(30), () -> {
                try {
                    st.executeUpdate("INSERT INTO " + t + " VALUES (1), (2), (3), (4), (5), (6)");
                    return Boolean.TRUE;
                } catch (SQLException e) {
                    // before the refresh the table looks undeclared: a write to the home group that
                    // PostgreSQL refuses for slots it does not hold; the driver then refreshes.
                    return null;
                }
            });
        }
        for (long k = 1; k <= 6; k++) {
            assertThat(onNode(cluster.node(owner(3, KeyType.INT8, k)), "SELECT count(*) FROM " + t + " WHERE k = " + k))
                    .containsExactly("1");
        }
    }
}
