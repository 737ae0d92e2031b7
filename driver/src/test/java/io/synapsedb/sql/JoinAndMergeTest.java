package io.synapsedb.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.sql.KeyRef.Literal;
import io.synapsedb.sql.KeyRef.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JoinAndMergeTest {

    private static StatementPlan plan(String sql) {
        return StatementAnalysis.analyze(sql, TestCatalog.LOOKUP, 1);
    }

    @Test
    void tableListsAreNormalisedAndSplit() {
        StatementPlan p = plan("select * from public.orders o join Countries c on c.code = o.country "
                + "join audit.logs l on l.tenant = o.x join \"Products\" pr on pr.id = o.product_id "
                + "join pg_class pc on true join information_schema.tables t on true join synapse.placements s on true "
                + "join other.things th on true");
        assertThat(p.tables()).containsExactly("orders", "countries", "audit.logs", "Products", "pg_class",
                "information_schema.tables", "synapse.placements", "other.things");
        assertThat(p.distributedTables()).containsExactly("orders", "audit.logs");
        assertThat(p.referenceTables()).containsExactly("countries");
        assertThat(p.homeTables()).containsExactly("Products", "other.things");
    }

    @Test
    void colocatedJoinOnKeys() {
        StatementPlan p = plan("select * from orders o join items i on i.customer_id = o.customer_id "
                + "where o.customer_id = ?");
        assertThat(p.joinsOnShardKeys()).isTrue();
        assertThat(p.keys()).containsExactly(new Param(1));
        StatementPlan using = plan("select * from orders join items using (customer_id) where customer_id = 7");
        assertThat(using.joinsOnShardKeys()).isTrue();
        assertThat(using.keys()).containsExactly(new Literal(7L));
        StatementPlan where = plan("select * from orders o, items i where o.customer_id = i.customer_id "
                + "and i.customer_id in (1, 2)");
        assertThat(where.joinsOnShardKeys()).isTrue();
        assertThat(where.keys()).containsExactly(new Literal(1L), new Literal(2L));
        StatementPlan left = plan("select * from orders o left join items i on i.customer_id = o.customer_id");
        assertThat(left.joinsOnShardKeys()).isTrue();
        assertThat(left.mergeReason()).isNull();
        // int4 and int8 keys hash alike: items (int4) and orders (int8) are co-located.
        StatementPlan three = plan("select * from orders a join items b on a.customer_id = b.customer_id "
                + "join orders c on c.customer_id = b.customer_id");
        assertThat(three.joinsOnShardKeys()).isTrue();
    }

    @Test
    void joinsThatDoNotPinEverything() {
        assertThat(plan("select * from orders o join items i on i.order_id = o.id").joinsOnShardKeys()).isFalse();
        assertThat(plan("select * from orders o, items i").joinsOnShardKeys()).isFalse();
        assertThat(plan("select * from orders o join items i on i.customer_id = o.customer_id or i.x = o.y")
                .joinsOnShardKeys()).isFalse();
        // Different slot counts: not co-located.
        assertThat(plan("select * from orders o join accounts a on a.id = o.customer_id").joinsOnShardKeys())
                .isFalse();
        // Different hash families.
        assertThat(plan("select * from orders o join sessions s on s.sid = o.customer_id").joinsOnShardKeys())
                .isFalse();
        // A self-join not on the key.
        assertThat(plan("select * from orders a join orders b on a.id = b.parent_id").joinsOnShardKeys()).isFalse();
        // Both bound to constants but not to each other: conservative.
        assertThat(plan("select * from orders o, items i where o.customer_id = 1 and i.customer_id = 1")
                .joinsOnShardKeys()).isFalse();
    }

    @Test
    void referenceAndHomeTablesDoNotBreakTheJoin() {
        StatementPlan p = plan("select * from orders o join countries c on c.code = o.country where o.customer_id = 3");
        assertThat(p.joinsOnShardKeys()).isTrue();
        assertThat(p.keys()).containsExactly(new Literal(3L));
    }

    @Test
    void semiJoinOnKeys() {
        StatementPlan p = plan("select * from orders where customer_id in (select customer_id from items where sku = ?)");
        assertThat(p.joinsOnShardKeys()).isTrue();
        assertThat(plan("select * from orders where customer_id in (select order_id from items)").joinsOnShardKeys())
                .isFalse();
        assertThat(plan("select * from orders o where exists (select 1 from items i where i.customer_id = o.customer_id)")
                .joinsOnShardKeys()).isTrue();
    }

    @Test
    void updateFromAndDeleteUsing() {
        StatementPlan up = plan("update orders o set total = i.amount from items i "
                + "where i.customer_id = o.customer_id and o.customer_id = ?");
        assertThat(up.tables()).containsExactly("orders", "items");
        assertThat(up.joinsOnShardKeys()).isTrue();
        assertThat(up.keys()).containsExactly(new Param(2 - 1));
        StatementPlan del = plan("delete from orders o using items i where i.customer_id = o.customer_id and i.sku = 'x'");
        assertThat(del.tables()).containsExactly("orders", "items");
        assertThat(del.joinsOnShardKeys()).isTrue();
        assertThat(plan("delete from orders o using items i where i.order_id = o.id").joinsOnShardKeys()).isFalse();
    }

    @Test
    void dataModifyingCte() {
        StatementPlan p = plan("with moved as (delete from orders where customer_id = 5 returning *) "
                + "insert into archive select * from moved");
        assertThat(p.kind()).isEqualTo(StatementKind.INSERT);
        assertThat(p.writes()).isTrue();
        assertThat(p.tables()).containsExactly("orders", "archive");
        assertThat(p.keys()).containsExactly(new Literal(5L));
        StatementPlan sel = plan("with u as (update orders set total = 0 where customer_id = ? returning id) "
                + "select count(*) from u");
        assertThat(sel.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(sel.writes()).isTrue();
        assertThat(sel.keys()).containsExactly(new Param(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select * from orders order by id | ORDER BY",
        "select * from orders limit 10 | LIMIT",
        "select * from orders offset 10 | OFFSET",
        "select * from orders fetch first 3 rows only | FETCH",
        "select count(*) from orders | aggregate count",
        "select customer_id, sum(total) from orders group by customer_id | aggregate sum",
        "select status from orders group by status | GROUP BY",
        "select 1 from orders having count(*) > 1 | aggregate count",
        "select distinct status from orders | DISTINCT",
        "select distinct on (status) status, id from orders order by status, id | DISTINCT",
        "select id, row_number() over (order by id) from orders | window function",
        "select array_agg(id order by id) from orders | aggregate array_agg",
        "select string_agg(status, ',') from orders | aggregate string_agg",
        "select bool_and(paid) from orders | aggregate bool_and",
        "select count(*) filter (where paid) from orders | aggregate count",
        "select percentile_cont(0.5) within group (order by total) from orders | aggregate percentile_cont",
        "select id from orders union select id from orders | UNION",
        "select id from orders intersect select id from items | INTERSECT",
        "select id from orders except select id from items | EXCEPT",
        "select id from orders union all select id from orders order by 1 | ORDER BY",
    })
    void mergeReasons(String sql, String reason) {
        assertThat(plan(sql).mergeReason()).isEqualTo(reason);
    }

    @Test
    void noMergeNeeded() {
        assertThat(plan("select * from orders where total > 5").mergeReason()).isNull();
        assertThat(plan("select id, (select name from countries c where c.code = o.country) from orders o")
                .mergeReason()).isNull();
        assertThat(plan("insert into orders (id, customer_id) values (1, 2) returning *").mergeReason()).isNull();
        assertThat(plan("select * from orders o where exists (select 1 from items i where i.customer_id = "
                + "o.customer_id group by i.sku having count(*) > 2)").mergeReason()).isNull();
        assertThat(plan("select * from (select customer_id, count(*) from orders group by customer_id) x")
                .mergeReason()).isNull();
    }

    @Test
    void subqueriesThatCannotBeSplitBySlot() {
        StatementPlan p = plan("select * from orders o where o.total > (select avg(total) from orders)");
        assertThat(p.joinsOnShardKeys()).isFalse();
        StatementPlan derived = plan("select * from (select count(*) c from orders) x");
        assertThat(derived.joinsOnShardKeys()).isTrue();
        assertThat(derived.mergeReason()).startsWith(QueryAnalyzer.NOT_MERGEABLE).contains("aggregate count");
        StatementPlan limited = plan("select * from (select * from orders order by id limit 5) x");
        assertThat(limited.mergeReason()).startsWith(QueryAnalyzer.NOT_MERGEABLE).contains("LIMIT");
        // On one key, the whole statement runs on one group: nothing to merge.
        assertThat(plan("select * from (select count(*) c from orders where customer_id = ?) x").mergeReason())
                .isNull();
        assertThat(plan("select (select count(*) from orders where customer_id = ?)").keys())
                .containsExactly(new Param(1));
    }

    @Test
    void rowsNotOwnedByADistributedTable() {
        StatementPlan p = plan("select * from countries where code in (select country from orders)");
        assertThat(p.mergeReason()).startsWith(QueryAnalyzer.NOT_MERGEABLE);
        StatementPlan outer = plan("select * from countries c left join orders o on o.country = c.code");
        assertThat(outer.mergeReason()).startsWith(QueryAnalyzer.NOT_MERGEABLE);
        StatementPlan unionAll = plan("select id from orders union all select 1");
        assertThat(unionAll.mergeReason()).startsWith(QueryAnalyzer.NOT_MERGEABLE);
        StatementPlan pinned = plan("select * from countries c where exists "
                + "(select 1 from orders o where o.country = c.code and o.customer_id = ?)");
        assertThat(pinned.keys()).containsExactly(new Param(1));
        assertThat(pinned.mergeReason()).isNull();
    }

    @Test
    void parserPrecedenceBugsNeverNarrowTheKeys() {
        assertThat(plan("select * from orders where customer_id = 5 and x in (1) or true").keys()).isEmpty();
        assertThat(plan("select * from orders where customer_id = 5 and data->>'k' = 'x' or true").keys()).isEmpty();
        assertThat(plan("select * from orders where x not in (select 1) and customer_id = 5 or y = 2").keys())
                .isEmpty();
        assertThat(plan("select * from orders where customer_id in (1, 2) or x = 1").keys()).isEmpty();
        assertThat(plan("select * from orders where (customer_id = 5 and x in (1, 2) or y = 1) and z = 3").keys())
                .isEmpty();
    }

    @Test
    void parserPrecedenceBugsAreRepaired() {
        assertThat(plan("select * from orders where x in (1, 2) and customer_id = 1").keys())
                .containsExactly(new Literal(1L));
        assertThat(plan("select * from orders where data ->> 'k' = ? and customer_id = ?").keys())
                .containsExactly(new Param(2));
        assertThat(plan("select * from orders where data -> 'a' ->> 'b' = ? and customer_id = ?").keys())
                .containsExactly(new Param(2));
        assertThat(plan("select * from orders where not x in (1) and customer_id = 5").keys())
                .containsExactly(new Literal(5L));
        assertThat(plan("select * from orders where x in (1) and customer_id = 5 and y in (select 1) and z = 2")
                .keys()).containsExactly(new Literal(5L));
        assertThat(plan("select * from orders where (x in (1) and customer_id = 5 or y = 1) and customer_id = 6")
                .keys()).containsExactly(new Literal(6L));
    }
}
