package io.synapsedb.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.GroupInfo;
import io.synapsedb.catalog.KeyType;
import io.synapsedb.catalog.NodeAddress;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.catalog.TableKind;
import io.synapsedb.sql.SqlAnalyzer;
import io.synapsedb.sql.StatementPlan;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The slot a route is bounded to, for direct partitions; same catalog as {@link RouterTest}. */
class RouteSlotTest {

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
