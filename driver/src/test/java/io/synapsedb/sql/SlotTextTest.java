package io.synapsedb.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The direct-partition texts of {@link StatementPlan#slotText(int)} and when there are none. */
class SlotTextTest {

    private static StatementPlan plan(String sql) {
        return StatementAnalysis.analyze(sql, TestCatalog.LOOKUP, 1);
    }

    private static String slot17(String sql) {
        return plan(sql).slotText(17);
    }

    @Test
    void selectWithoutAliasKeepsTheTableNameAsAlias() {
        assertThat(slot17("select orders.total from orders where customer_id = ?"))
                .isEqualTo("select orders.total from orders_s17 AS orders where customer_id = ?");
        assertThat(slot17("SELECT * FROM Orders WHERE customer_id IN (?, ?)"))
                .isEqualTo("SELECT * FROM Orders_s17 AS Orders WHERE customer_id IN (?, ?)");
        assertThat(slot17("select * from orders where customer_id = any(?)"))
                .isEqualTo("select * from orders_s17 AS orders where customer_id = any(?)");
    }

    @Test
    void selectWithAliasAndSchemaAndQuotes() {
        assertThat(slot17("select o.total from orders o where o.customer_id = 5"))
                .isEqualTo("select o.total from orders_s17 o where o.customer_id = 5");
        assertThat(slot17("select * from public.orders as o where o.customer_id = 5"))
                .isEqualTo("select * from public.orders_s17 as o where o.customer_id = 5");
        assertThat(slot17("select * from audit.logs where tenant = ?"))
                .isEqualTo("select * from audit.logs_s17 AS logs where tenant = ?");
        assertThat(slot17("select * from \"MixedCase\" m where \"UserId\" = ?"))
                .isEqualTo("select * from \"MixedCase_s17\" m where \"UserId\" = ?");
        assertThat(slot17("select * from \"MixedCase\" where \"UserId\" = ?"))
                .isEqualTo("select * from \"MixedCase_s17\" AS \"MixedCase\" where \"UserId\" = ?");
    }

    @Test
    void positionsSurviveLineBreaksTabsAndComments() {
        assertThat(slot17("-- point read\r\nselect *\n\tfrom /* parent */ orders\r\n where customer_id = ?"))
                .isEqualTo("-- point read\r\nselect *\n\tfrom /* parent */ orders_s17 AS orders\r\n where customer_id = ?");
    }

    @Test
    void coLocatedTablesShareTheSlot() {
        assertThat(slot17("select * from orders o join items i on i.customer_id = o.customer_id"
                + " where o.customer_id = ?"))
                .isEqualTo("select * from orders_s17 o join items_s17 i on i.customer_id = o.customer_id"
                        + " where o.customer_id = ?");
        assertThat(slot17("select * from orders where customer_id = ? and exists (select 1 from items"
                + " where items.customer_id = orders.customer_id)"))
                .isEqualTo("select * from orders_s17 AS orders where customer_id = ? and exists (select 1 from"
                        + " items_s17 AS items where items.customer_id = orders.customer_id)");
    }

    @Test
    void referenceAndSystemTablesAreUntouched() {
        assertThat(slot17("select o.*, c.name from orders o join countries c on c.code = o.country"
                + " where o.customer_id = ?"))
                .isEqualTo("select o.*, c.name from orders_s17 o join countries c on c.code = o.country"
                        + " where o.customer_id = ?");
        assertThat(slot17("select (select count(*) from pg_locks where relation = 'orders'::regclass)"
                + " from orders where customer_id = ?"))
                .isEqualTo("select (select count(*) from pg_locks where relation = 'orders'::regclass)"
                        + " from orders_s17 AS orders where customer_id = ?");
    }

    @Test
    void updateDeleteAndInsert() {
        assertThat(slot17("update orders set total = orders.total + 1 where customer_id = ? returning total"))
                .isEqualTo("update orders_s17 AS orders set total = orders.total + 1 where customer_id = ?"
                        + " returning total");
        assertThat(slot17("delete from orders where customer_id = ? returning *"))
                .isEqualTo("delete from orders_s17 AS orders where customer_id = ? returning *");
        assertThat(slot17("delete from orders o using items i where i.customer_id = o.customer_id"
                + " and o.customer_id = ?"))
                .isEqualTo("delete from orders_s17 o using items_s17 i where i.customer_id = o.customer_id"
                        + " and o.customer_id = ?");
        assertThat(slot17("insert into orders (id, customer_id, total) values (?, ?, ?), (?, ?, ?)"
                + " on conflict (id, customer_id) do update set total = orders.total + 1 returning id"))
                .isEqualTo("insert into orders_s17 AS orders (id, customer_id, total) values (?, ?, ?), (?, ?, ?)"
                        + " on conflict (id, customer_id) do update set total = orders.total + 1 returning id");
        assertThat(slot17("insert into orders as o (id, customer_id) values (?, ?)"))
                .isEqualTo("insert into orders_s17 as o (id, customer_id) values (?, ?)");
    }

    @Test
    void textsAreMadeOncePerSlotAndBoundedByTheSlots() {
        StatementPlan p = plan("select * from orders where customer_id = ?");
        assertThat(p.slotText(3)).isSameAs(p.slotText(3)).isEqualTo("select * from orders_s3 AS orders"
                + " where customer_id = ?");
        assertThat(p.slotText(127)).startsWith("select * from orders_s127 AS orders");
        assertThat(p.slotText(128)).isNull();
        assertThat(p.slotText(-1)).isNull();
    }

    @Test
    void fallsBackWhenUnsureOrNotOneSlot() {
        // ON CONFLICT ON CONSTRAINT: the partition's constraint has another name.
        assertThat(slot17("insert into orders (id, customer_id) values (?, ?)"
                + " on conflict on constraint orders_pkey do nothing")).isNull();
        // Unparsed, and statements that cannot be bounded to one slot.
        assertThat(slot17("select * from orders where customer_id = ? fetch first 1 rows with ties whatever"))
                .isNull();
        assertThat(slot17("select * from orders")).isNull();
        assertThat(slot17("select * from orders o join accounts a on a.id = o.id where o.customer_id = ?"))
                .isNull();
        assertThat(slot17("update orders set customer_id = ? where customer_id = ?")).isNull();
        assertThat(slot17("insert into events (payload) values (?)")).isNull(); // generated key
        assertThat(slot17("explain select * from orders where customer_id = ?")).isNull();
        // A name that is not (only) a table reference: CTE, whole-row value, column, ONLY, TABLE.
        assertThat(slot17("with orders as (select * from items where customer_id = ?) select * from orders"))
                .isNull();
        assertThat(slot17("select orders from orders where customer_id = ?")).isNull();
        assertThat(slot17("select row_to_json(orders) from orders where customer_id = ?")).isNull();
        assertThat(slot17("select * from only orders where customer_id = ?")).isNull();
        assertThat(slot17("select * from orders where customer_id = ? and public.orders.total > 0")).isNull();
        // No distributed table at all.
        assertThat(slot17("select * from countries where code = ?")).isNull();
        assertThat(slot17("select 1")).isNull();
    }

    @Test
    void partitionNamesPostgresWouldTruncateStayOnTheParent() {
        String longName = "t" + "x".repeat(59); // 60 characters + "_s127" > 63 bytes
        var lookup = TestCatalog.of(TestCatalog.distributed(longName, "k", io.synapsedb.core.KeyType.INT8, 128, 0,
                null, false));
        assertThat(StatementAnalysis.analyze("select * from " + longName + " where k = 1", lookup, 1).slotText(5))
                .isNull();
    }
}
