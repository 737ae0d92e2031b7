package io.synapsedb.route;

import io.synapsedb.placement.Placement;
import io.synapsedb.placement.SlotHasher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.KeyType;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.RouteKind;
import io.synapsedb.core.TableKind;
import io.synapsedb.sql.SqlAnalyzer;
import io.synapsedb.sql.StatementPlan;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route decision, on real plans from the analyser and a 3-group catalog. */
class RouterTest {

    private static final List<String> NAMES = List.of("g1", "g2", "g3");
    private static final Catalog CATALOG = new Catalog(7,
            List.of(group("g1", 5001), group("g2", 5002), group("g3", 5003)), 0,
            Map.of("orders", new TableInfo("orders", TableKind.DISTRIBUTED, "customer_id", KeyType.INT8, 128, 0,
                            "orders_id_seq", false),
                    "items", new TableInfo("items", TableKind.DISTRIBUTED, "customer_id", KeyType.INT8, 128, 0, null,
                            false),
                    "countries", TableInfo.reference("countries")),
            Map.of());
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer(100);
    private static final Placement PLACEMENT = Placement.compute(128, NAMES);

    private static GroupInfo group(String name, int port) {
        return GroupInfo.of(name, new NodeAddress("127.0.0.1", port, "db"));
    }

    private static StatementPlan plan(String sql) {
        return ANALYZER.analyze(sql, CATALOG, CATALOG.version());
    }

    private static int owner(long key) {
        return PLACEMENT.groupOf(SlotHasher.slotOfLong(key, 128));
    }

    private static Route route(String sql, Object... params) throws SQLException {
        return Router.route(plan(sql), i -> params[i - 1], CATALOG, null, -1);
    }

    /** Two keys owned by different groups. */
    private static long[] keysOnTwoGroups() {
        long a = 1;
        long b = 2;
        while (owner(b) == owner(a)) {
            b++;
        }
        return new long[] {a, b};
    }

    @Test
    void oneKeyGoesToItsOwner() throws SQLException {
        for (long k = 0; k < 50; k++) {
            Route r = route("SELECT * FROM orders WHERE customer_id = ?", k);
            assertThat(r.kind()).isEqualTo(RouteKind.SINGLE);
            assertThat(r.groups()).containsExactly(owner(k));
        }
        assertThat(route("SELECT * FROM orders WHERE customer_id = 42").groups()).containsExactly(owner(42));
    }

    @Test
    void inAndAnyGoToExactlyTheOwners() throws SQLException {
        long[] k = keysOnTwoGroups();
        Route in = route("SELECT * FROM orders WHERE customer_id IN (?, ?)", k[0], k[1]);
        assertThat(in.kind()).isEqualTo(RouteKind.MULTI);
        assertThat(in.groups()).containsExactlyInAnyOrder(owner(k[0]), owner(k[1]));
        Route any = route("SELECT * FROM orders WHERE customer_id = ANY(?)", (Object) new Long[] {k[0], k[1], k[0]});
        assertThat(any.groups()).containsExactlyInAnyOrder(owner(k[0]), owner(k[1]));
        Route prim = route("SELECT * FROM orders WHERE customer_id = ANY(?)", (Object) new long[] {k[0]});
        assertThat(prim.groups()).containsExactly(owner(k[0]));
    }

    @Test
    void noKeyMeansEveryGroupMergeableQueriesRouteAndOthersAreRefused() throws SQLException {
        Route all = route("SELECT * FROM orders WHERE total > 10");
        assertThat(all.kind()).isEqualTo(RouteKind.ALL);
        assertThat(all.groups()).containsExactly(0, 1, 2);
        // Merged by the driver: ORDER BY/LIMIT and combinable aggregates route to every group.
        assertThat(route("SELECT * FROM orders ORDER BY customer_id LIMIT 3").groups()).containsExactly(0, 1, 2);
        long[] k = keysOnTwoGroups();
        assertThat(route("SELECT count(*) FROM orders WHERE customer_id IN (?, ?)", k[0], k[1]).groups())
                .containsExactlyInAnyOrder(owner(k[0]), owner(k[1]));
        // Not mergeable from partial results: refused before anything runs.
        assertThatThrownBy(() -> route("SELECT count(DISTINCT total) FROM orders"))
                .isInstanceOf(SQLException.class).hasMessageContaining("count(DISTINCT")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> route("SELECT customer_id, rank() OVER (ORDER BY total) FROM orders"))
                .isInstanceOf(SQLException.class).hasMessageContaining("window function")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> route("SELECT string_agg(note, ',') FROM orders"))
                .isInstanceOf(SQLException.class).hasMessageContaining("string_agg");
        // One group needs no merge.
        assertThat(route("SELECT count(DISTINCT total) FROM orders WHERE customer_id = ?", k[0]).groups())
                .containsExactly(owner(k[0]));
    }

    @Test
    void insertRowsAreSplitByGroupAndGeneratedKeysRoute() throws SQLException {
        long[] k = keysOnTwoGroups();
        Route split = route("INSERT INTO orders (customer_id, v) VALUES (?, 'a'), (?, 'b'), (?, 'c')", k[0], k[1],
                k[0]);
        assertThat(split.kind()).isEqualTo(RouteKind.MULTI);
        int ia = split.groups()[0] == owner(k[0]) ? 0 : 1;
        assertThat(split.rowsByGroup()[ia]).containsExactly(0, 2);
        assertThat(split.rowsByGroup()[1 - ia]).containsExactly(1);
        Route generated = Router.route(plan("INSERT INTO orders (v) VALUES ('a')"), ParamSource.NONE, CATALOG,
                new long[] {k[1]}, -1);
        assertThat(generated.groups()).containsExactly(owner(k[1]));
        assertThatThrownBy(() -> Router.route(plan("INSERT INTO items (v) VALUES ('a')"), ParamSource.NONE, CATALOG,
                null, -1)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23502"));
    }

    @Test
    void referenceAndUndeclaredTables() throws SQLException {
        assertThat(route("SELECT * FROM countries").kind()).isEqualTo(RouteKind.ANY);
        assertThat(Router.route(plan("SELECT * FROM countries"), ParamSource.NONE, CATALOG, null, 2).groups())
                .containsExactly(2);
        Route write = route("INSERT INTO countries VALUES ('de', 'Germany')");
        assertThat(write.kind()).isEqualTo(RouteKind.BROADCAST);
        assertThat(write.groups()).containsExactly(0, 1, 2);
        assertThat(route("SELECT * FROM plain_table").kind()).isEqualTo(RouteKind.HOME);
        assertThat(route("SELECT 1").groups()).containsExactly(0);
        assertThat(route("SELECT * FROM orders o JOIN countries c ON c.code = o.country WHERE o.customer_id = 5")
                .groups()).containsExactly(owner(5));
    }

    @Test
    void statementsThatCannotBePlacedAreRefusedWith0A000() {
        String[] refused = {
            "SELECT * FROM orders o JOIN plain_table p ON p.id = o.customer_id WHERE o.customer_id = 1",
            "SELECT * FROM orders o JOIN items i ON i.order_id = o.id WHERE o.customer_id = 1",
            "UPDATE orders SET customer_id = 2 WHERE customer_id = 1",
            "INSERT INTO orders SELECT * FROM items",
            // Found by the statement corpus: each group would build the copy from its own rows only.
            "SELECT * INTO orders_backup FROM orders",
            "CREATE TABLE orders_copy AS SELECT * FROM orders WHERE customer_id = 1",
            "CREATE MATERIALIZED VIEW mv AS SELECT customer_id, sum(total) FROM orders GROUP BY customer_id",
            // EXPLAIN of a query refused on several groups is refused too.
            "EXPLAIN SELECT rank() OVER (ORDER BY total) FROM orders",
        };
        for (String sql : refused) {
            assertThatThrownBy(() -> route(sql)).as(sql).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
        }
    }

    @Test
    void wrongKeyTypesNameTheKey() {
        assertThatThrownBy(() -> route("SELECT * FROM orders WHERE customer_id = ?", "abc"))
                .isInstanceOf(SQLException.class).hasMessageContaining("orders.customer_id")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"));
        assertThatThrownBy(() -> route("SELECT * FROM orders WHERE customer_id = ?", java.util.UUID.randomUUID()))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42804"));
    }

    @Test
    void coLocatedJoinOnKeysFollowsTheKey() throws SQLException {
        Route r = route("SELECT * FROM orders o JOIN items i ON i.customer_id = o.customer_id WHERE o.customer_id = ?",
                9L);
        assertThat(r.groups()).containsExactly(owner(9));
    }

    // The slot a route is bounded to, for direct partitions.

    private static int slot(long key) {
        return SlotHasher.slotOfLong(key, 128);
    }

    /** Two keys in different slots of the same group. */
    private static long[] keysInTwoSlotsOfOneGroup() {
        long a = 1;
        long b = 2;
        while (owner(b) != owner(a) || slot(b) == slot(a)) {
            b++;
        }
        return new long[] {a, b};
    }

    /** Two distinct keys of the same slot. */
    private static long[] keysOfOneSlot() {
        long a = 1;
        long b = 2;
        while (slot(b) != slot(a)) {
            b++;
        }
        return new long[] {a, b};
    }

    @Test
    void oneKeyIsOneSlot() throws SQLException {
        for (long k = 0; k < 20; k++) {
            Route r = route("SELECT * FROM orders WHERE customer_id = ?", k);
            assertThat(r.slot()).isEqualTo(slot(k));
            assertThat(r.groups()).containsExactly(owner(k));
        }
        assertThat(route("SELECT * FROM orders WHERE customer_id = ?", (Object) null).slot()).isEqualTo(-1);
    }

    @Test
    void listsAreOneSlotOnlyWhenEveryValueHashesToIt() throws SQLException {
        long[] same = keysOfOneSlot();
        assertThat(route("SELECT * FROM orders WHERE customer_id IN (?, ?)", same[0], same[1]).slot())
                .isEqualTo(slot(same[0]));
        assertThat(route("SELECT * FROM orders WHERE customer_id = ANY(?)", (Object) new Long[] {same[0], same[1]})
                .slot()).isEqualTo(slot(same[0]));
        long[] twoSlots = keysInTwoSlotsOfOneGroup();
        Route r = route("SELECT * FROM orders WHERE customer_id IN (?, ?)", twoSlots[0], twoSlots[1]);
        assertThat(r.isSingle()).isTrue();
        assertThat(r.slot()).isEqualTo(-1);
        assertThat(route("SELECT * FROM orders WHERE customer_id = ANY(?)", (Object) new Long[0]).slot())
                .isEqualTo(-1);
        assertThat(route("SELECT * FROM orders").slot()).isEqualTo(-1);
    }

    @Test
    void insertRowsAreOneSlotOnlyWhenAllHashToIt() throws SQLException {
        long[] same = keysOfOneSlot();
        String two = "INSERT INTO orders (id, customer_id) VALUES (?, ?), (?, ?)";
        assertThat(route(two, 1, same[0], 2, same[1]).slot()).isEqualTo(slot(same[0]));
        long[] twoSlots = keysInTwoSlotsOfOneGroup();
        Route r = route(two, 1, twoSlots[0], 2, twoSlots[1]);
        assertThat(r.isSingle()).isTrue();
        assertThat(r.slot()).isEqualTo(-1);
    }
}
