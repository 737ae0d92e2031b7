package io.synapsedb.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.sql.KeyRef.ArrayParam;
import io.synapsedb.sql.KeyRef.Literal;
import io.synapsedb.sql.KeyRef.Param;
import org.junit.jupiter.api.Test;

class KeyExtractionTest {

    private static StatementPlan plan(String sql) {
        return StatementAnalysis.analyze(sql, TestCatalog.LOOKUP, 1);
    }

    @Test
    void equalityBothWays() {
        assertThat(plan("select * from orders where customer_id = ?").keys()).containsExactly(new Param(1));
        assertThat(plan("select * from orders where ? = customer_id").keys()).containsExactly(new Param(1));
        assertThat(plan("select * from orders where 42 = customer_id").keys()).containsExactly(new Literal(42L));
        assertThat(plan("select * from orders where status = ? and customer_id = ?").keys())
                .containsExactly(new Param(2));
    }

    @Test
    void inListsAndAny() {
        assertThat(plan("select * from orders where customer_id in (1, 2, 2, 3)").keys())
                .containsExactly(new Literal(1L), new Literal(2L), new Literal(3L));
        assertThat(plan("select * from orders where customer_id in (?, ?)").keys())
                .containsExactly(new Param(1), new Param(2));
        assertThat(plan("select * from orders where customer_id = ANY(?)").keys()).containsExactly(new ArrayParam(1));
        assertThat(plan("select * from orders where x = ? and customer_id = any(?::bigint[])").keys())
                .containsExactly(new ArrayParam(2));
        assertThat(plan("select * from orders where customer_id = any(array[5, 6])").keys())
                .containsExactly(new Literal(5L), new Literal(6L));
        assertThat(plan("select * from orders where customer_id not in (1, 2)").keys()).isEmpty();
    }

    @Test
    void literalsOfEachTypeAndCasts() {
        assertThat(plan("select * from orders where customer_id = -7").keys()).containsExactly(new Literal(-7L));
        assertThat(plan("select * from orders where customer_id = '17'::bigint").keys())
                .containsExactly(new Literal(17L));
        assertThat(plan("select * from orders where customer_id = CAST(? AS bigint)").keys())
                .containsExactly(new Param(1));
        assertThat(plan("select * from orders where customer_id = ?::int8").keys()).containsExactly(new Param(1));
        assertThat(plan("select * from sessions where sid = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid").keys())
                .containsExactly(new Literal("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertThat(plan("select * from audit.logs where tenant = 'it''s'").keys()).containsExactly(new Literal("it's"));
        assertThat(plan("select * from audit.logs where tenant = 42::text").keys()).containsExactly(new Literal("42"));
        assertThat(plan("select * from orders where customer_id = null").keys()).containsExactly(new Literal(null));
        assertThat(plan("select * from orders where customer_id = (5)").keys()).containsExactly(new Literal(5L));
    }

    @Test
    void backslashEscapedStringsAreReadButNeverTakenForKeys() {
        assertThat(plan("select * from orders where note = E'it\\'s' and customer_id = 5").keys())
                .containsExactly(new Literal(5L));
        StatementPlan p = plan("select * from audit.logs where tenant = E'a\\\\b'");
        assertThat(p.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(p.keys()).isEmpty();
        assertThat(plan("select * from audit.logs where tenant = E'plain'").keys()).containsExactly(new Literal("plain"));
    }

    @Test
    void theSmallestOfSeveralBoundsWins() {
        assertThat(plan("select * from orders where customer_id in (1, 2) and customer_id = 1").keys())
                .containsExactly(new Literal(1L));
        assertThat(plan("select * from orders where customer_id = any(?) and customer_id in (3, 4)").keys())
                .containsExactly(new Literal(3L), new Literal(4L));
    }

    @Test
    void nonKeyComparisonsAndOrGiveNoKeys() {
        assertThat(plan("select * from orders where customer_id > 5").keys()).isEmpty();
        assertThat(plan("select * from orders where customer_id = 1 or customer_id = 2").keys()).isEmpty();
        assertThat(plan("select * from orders where customer_id = 1 or total > 3").keys()).isEmpty();
        assertThat(plan("select * from orders where abs(customer_id) = 1").keys()).isEmpty();
        assertThat(plan("select * from orders where customer_id = abs(?)").keys()).isEmpty();
        assertThat(plan("select * from orders where customer_id = id + 1").keys()).isEmpty();
        assertThat(plan("select * from orders where id = 5").keys()).isEmpty();
        assertThat(plan("select * from orders where not (customer_id = 5)").keys()).isEmpty();
        assertThat(plan("select * from orders where (customer_id = 5 and x = 1) or y = 2").keys()).isEmpty();
        assertThat(plan("select * from orders where customer_id::text = '5'").keys()).isEmpty();
    }

    @Test
    void parenthesisedConjunctionsStillBound() {
        assertThat(plan("select * from orders where (customer_id = ? and (status = 'x'))").keys())
                .containsExactly(new Param(1));
    }

    @Test
    void qualifiedAndAliasedColumns() {
        assertThat(plan("select * from orders o where o.customer_id = ?").keys()).containsExactly(new Param(1));
        assertThat(plan("select * from public.orders where orders.customer_id = 3").keys())
                .containsExactly(new Literal(3L));
        assertThat(plan("select * from orders as o where o.\"customer_id\" = 3").keys()).containsExactly(new Literal(3L));
        assertThat(plan("select * from \"MixedCase\" m where m.\"UserId\" = ?").keys()).containsExactly(new Param(1));
        // Unquoted UserId folds to userid, which is not the key.
        assertThat(plan("select * from \"MixedCase\" m where m.UserId = ?").keys()).isEmpty();
        assertThat(plan("select * from audit.logs l where l.tenant = 'acme'").keys()).containsExactly(new Literal("acme"));
        // A column of another table with the key's name is not the key.
        assertThat(plan("select * from orders o join countries c on c.code = o.country where c.customer_id = 1").keys())
                .isEmpty();
    }

    @Test
    void hibernateStyle() {
        StatementPlan p = plan("select o1_0.id,o1_0.customer_id,o1_0.total from orders o1_0 "
                + "where o1_0.customer_id=? order by o1_0.id fetch first ? rows only");
        assertThat(p.keys()).containsExactly(new Param(1));
        assertThat(p.parameterCount()).isEqualTo(2);
        assertThat(p.mergeReason()).isEqualTo("ORDER BY");
        StatementPlan products = plan("select p1_0.id,p1_0.name from products p1_0 where p1_0.id=?");
        assertThat(products.homeTables()).containsExactly("products");
        assertThat(products.keys()).isEmpty();
    }

    @Test
    void parameterIndexesFollowTheText() {
        StatementPlan p = plan("with recent as (select * from orders where created_at > ?) "
                + "select * from recent r where r.status = ? and r.customer_id in (?, ?) limit ?");
        assertThat(p.keys()).containsExactly(new Param(3), new Param(4));
        assertThat(p.parameterCount()).isEqualTo(5);
        assertThat(plan("select * from orders where data ->> 'k' = ? and data @> ?::jsonb and customer_id = ?").keys())
                .containsExactly(new Param(3));
    }

    @Test
    void escapedQuestionMarkOperatorIsNoParameter() {
        StatementPlan p = plan("select * from orders where data ?? 'vip' and customer_id = ?");
        assertThat(p.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(p.parameterCount()).isEqualTo(1);
        assertThat(p.keys()).containsExactly(new Param(1));
        assertThat(plan("select * from orders where data ??| array['a'] and customer_id = ?").keys())
                .containsExactly(new Param(1));
    }

    @Test
    void keysOfUpdateAndDelete() {
        StatementPlan up = plan("update orders set total = total + ? where customer_id = ? returning id");
        assertThat(up.keys()).containsExactly(new Param(2));
        assertThat(up.updatesShardKey()).isFalse();
        assertThat(up.mergeReason()).isNull();
        assertThat(plan("update orders o set customer_id = ? where o.id = ?").updatesShardKey()).isTrue();
        assertThat(plan("update countries set customer_id = 1").updatesShardKey()).isFalse();
        assertThat(plan("delete from orders where customer_id in (?, ?)").keys())
                .containsExactly(new Param(1), new Param(2));
    }

    @Test
    void subqueryBoundsDoNotLeakOut() {
        // items is bound in its own subquery; orders is not bound at all.
        StatementPlan p = plan("select * from orders o where o.customer_id = 1 and exists "
                + "(select 1 from items i where i.customer_id = 2)");
        assertThat(p.joinsOnShardKeys()).isFalse();
        StatementPlan notExists = plan("select * from orders o where not exists "
                + "(select 1 from items i where i.customer_id = o.customer_id and i.customer_id = 5)");
        assertThat(notExists.joinsOnShardKeys()).isTrue();
        assertThat(notExists.keys()).isEmpty();
        StatementPlan selectList = plan("select o.*, (select count(*) from items i "
                + "where i.customer_id = o.customer_id and i.customer_id = 5) from orders o");
        assertThat(selectList.keys()).isEmpty();
        assertThat(selectList.joinsOnShardKeys()).isTrue();
        assertThat(selectList.mergeReason()).isNull();
    }

    @Test
    void correlatedBoundsThatRestrictTheOuterRowsCount() {
        StatementPlan p = plan("select * from orders o where exists "
                + "(select 1 from items i where i.customer_id = o.customer_id and i.customer_id = ?)");
        assertThat(p.joinsOnShardKeys()).isTrue();
        assertThat(p.keys()).containsExactly(new Param(1));
        StatementPlan semi = plan("select * from orders where customer_id in "
                + "(select customer_id from items where customer_id = 9 and sku = ?)");
        assertThat(semi.joinsOnShardKeys()).isTrue();
        assertThat(semi.keys()).containsExactly(new Literal(9L));
    }

    @Test
    void derivedTablesAndCtes() {
        assertThat(plan("select * from (select * from orders where customer_id = 4) x").keys())
                .containsExactly(new Literal(4L));
        assertThat(plan("select * from (select id, customer_id as c from orders) x where x.c = 4").keys())
                .containsExactly(new Literal(4L));
        assertThat(plan("with x as (select * from orders) select * from x where customer_id = ?").keys())
                .containsExactly(new Param(1));
        assertThat(plan("with x(a, cid) as (select id, customer_id from orders) select * from x where cid = 3").keys())
                .containsExactly(new Literal(3L));
        StatementPlan outer = plan("select * from orders o left join (select * from items where customer_id = 4) x "
                + "on x.customer_id = o.customer_id");
        assertThat(outer.keys()).isEmpty();
        assertThat(outer.joinsOnShardKeys()).isTrue();
    }

    @Test
    void cteNamesAreNotTablesAndEachReferenceIsItsOwnRead() {
        StatementPlan p = plan("with x as (select * from orders) select * from x a, x b "
                + "where a.customer_id = 1 and b.customer_id = 2");
        assertThat(p.tables()).containsExactly("orders");
        assertThat(p.joinsOnShardKeys()).isFalse();
        StatementPlan same = plan("with x as (select * from orders) select * from x a join x b "
                + "on a.customer_id = b.customer_id where a.customer_id = 1");
        assertThat(same.joinsOnShardKeys()).isTrue();
        assertThat(same.keys()).containsExactly(new Literal(1L));
    }

    @Test
    void insertSelectTakesTheSourceBounds() {
        StatementPlan p = plan("insert into items (customer_id, sku) select customer_id, 'x' from orders "
                + "where customer_id = ?");
        assertThat(p.kind()).isEqualTo(StatementKind.INSERT);
        assertThat(p.joinsOnShardKeys()).isTrue();
        assertThat(p.keys()).containsExactly(new Param(1));
        assertThat(p.insert().fromSelect()).isTrue();
        assertThat(p.insert().rowKeys()).isEmpty();
        StatementPlan other = plan("insert into items (customer_id, sku) select id, 'x' from orders");
        assertThat(other.joinsOnShardKeys()).isFalse();
    }
}
