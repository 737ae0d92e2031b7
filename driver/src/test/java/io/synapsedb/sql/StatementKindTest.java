package io.synapsedb.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementKindTest {

    private static StatementPlan plan(String sql) {
        return StatementAnalysis.analyze(sql, TestCatalog.LOOKUP, 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BEGIN | BEGIN",
        "begin work | BEGIN",
        "BEGIN ISOLATION LEVEL SERIALIZABLE | BEGIN",
        "START TRANSACTION READ ONLY | BEGIN",
        "COMMIT | COMMIT",
        "commit and chain | COMMIT",
        "END | COMMIT",
        "ROLLBACK | ROLLBACK",
        "rollback work | ROLLBACK",
        "ABORT | ROLLBACK",
        "PREPARE TRANSACTION 'tx1' | TWO_PHASE",
        "COMMIT PREPARED 'tx1' | TWO_PHASE",
        "ROLLBACK PREPARED 'tx1' | TWO_PHASE",
    })
    void transactionControl(String sql, TransactionOp op) {
        StatementPlan p = plan(sql);
        assertThat(p.kind()).isEqualTo(StatementKind.TRANSACTION);
        assertThat(p.transactionOp()).isEqualTo(op);
        assertThat(p.savepointName()).isNull();
        assertThat(p.tables()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SAVEPOINT s1 | SAVEPOINT | s1",
        "savepoint \"My Point\" | SAVEPOINT | My Point",
        "RELEASE SAVEPOINT S1 | RELEASE_SAVEPOINT | s1",
        "release s1 | RELEASE_SAVEPOINT | s1",
        "ROLLBACK TO SAVEPOINT s1 | ROLLBACK_TO_SAVEPOINT | s1",
        "rollback to s1 | ROLLBACK_TO_SAVEPOINT | s1",
        "ROLLBACK WORK TO SAVEPOINT s1 | ROLLBACK_TO_SAVEPOINT | s1",
    })
    void savepoints(String sql, TransactionOp op, String name) {
        StatementPlan p = plan(sql);
        assertThat(p.kind()).isEqualTo(StatementKind.TRANSACTION);
        assertThat(p.transactionOp()).isEqualTo(op);
        assertThat(p.savepointName()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SET search_path = public | false",
        "set session statement_timeout = 5000 | false",
        "SET LOCAL statement_timeout = 1000 | true",
        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ | true",
        "RESET ALL | false",
        "reset search_path | false",
        "DISCARD ALL | false",
    })
    void set(String sql, boolean local) {
        StatementPlan p = plan(sql);
        assertThat(p.kind()).isEqualTo(StatementKind.SET);
        assertThat(p.setLocal()).isEqualTo(local);
    }

    @Test
    void utilityStatements() {
        assertThat(plan("SHOW search_path").kind()).isEqualTo(StatementKind.UTILITY);
        assertThat(plan("VALUES (1, 2), (3, 4)").kind()).isEqualTo(StatementKind.UTILITY);
        StatementPlan explain = plan("EXPLAIN SELECT * FROM orders WHERE customer_id = ?");
        assertThat(explain.kind()).isEqualTo(StatementKind.UTILITY);
        assertThat(explain.distributedTables()).containsExactly("orders");
        assertThat(explain.keys()).containsExactly(new KeyRef.Param(1));
        assertThat(plan("").kind()).isEqualTo(StatementKind.UTILITY);
    }

    @Test
    void selectWithoutTables() {
        StatementPlan p = plan("select 1");
        assertThat(p.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(p.tables()).isEmpty();
        assertThat(p.joinsOnShardKeys()).isTrue();
        assertThat(p.mergeReason()).isNull();
        assertThat(plan("SELECT now(), version()").tables()).isEmpty();
        assertThat(plan("select * from generate_series(1, 10) g").tables()).isEmpty();
        assertThat(plan("select x from unnest(?::int[]) u(x)").tables()).isEmpty();
    }

    @Test
    void dmlKinds() {
        assertThat(plan("insert into orders (id, customer_id) values (1, 2)").kind()).isEqualTo(StatementKind.INSERT);
        assertThat(plan("update orders set total = 1 where customer_id = 2").kind()).isEqualTo(StatementKind.UPDATE);
        assertThat(plan("delete from orders where customer_id = 2").kind()).isEqualTo(StatementKind.DELETE);
        assertThat(plan("table orders").kind()).isEqualTo(StatementKind.SELECT);
        assertThat(plan("table orders").distributedTables()).containsExactly("orders");
        for (String sql : List.of("insert into orders (id, customer_id) values (1, 2)",
                "update orders set total = 1", "delete from orders")) {
            assertThat(plan(sql).writes()).as(sql).isTrue();
        }
        assertThat(plan("select * from orders").writes()).isFalse();
    }

    @Test
    void createAndDropTable() {
        StatementPlan create = plan("CREATE TABLE IF NOT EXISTS public.Shipments (id bigserial primary key, "
                + "customer_id bigint not null, data jsonb default '{}') PARTITION BY HASH (customer_id)");
        assertThat(create.kind()).isEqualTo(StatementKind.DDL);
        assertThat(create.ddlOp()).isEqualTo(DdlOp.CREATE_TABLE);
        assertThat(create.tables()).containsExactly("shipments");
        assertThat(create.homeTables()).containsExactly("shipments");

        assertThat(plan("create unlogged table \"Tmp\" (a int)").tables()).containsExactly("Tmp");
        assertThat(plan("create temp table t2 as select * from scratch").ddlOp()).isEqualTo(DdlOp.CREATE_TABLE);
        // From a distributed table every group would build t2 from its own rows only: refused (0A000 in
        // the router), found by the statement corpus.
        StatementPlan copy = plan("create temp table t2 as select * from orders");
        assertThat(copy.kind()).isEqualTo(StatementKind.UTILITY);
        assertThat(copy.refusal()).contains("distributed table orders");
        assertThat(plan("create table t3 (customer_id bigint references orders (customer_id))").refusal()).isNull();

        StatementPlan drop = plan("DROP TABLE IF EXISTS orders, audit.logs, scratch CASCADE");
        assertThat(drop.kind()).isEqualTo(StatementKind.DDL);
        assertThat(drop.ddlOp()).isEqualTo(DdlOp.DROP_TABLE);
        assertThat(drop.tables()).containsExactly("orders", "audit.logs", "scratch");
        assertThat(drop.distributedTables()).containsExactly("orders", "audit.logs");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "create index on orders (created_at) | orders",
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS o_idx ON ONLY orders USING btree (id) | orders",
        "create index i on public.scratch using gin (data jsonb_path_ops) | scratch",
        "ALTER TABLE IF EXISTS orders ADD COLUMN note text | orders",
        "alter table only scratch drop column x | scratch",
        "TRUNCATE orders, items | orders",
        "truncate table only countries | countries",
        "COMMENT ON TABLE orders IS 'the orders' | orders",
        "GRANT SELECT ON orders TO reporting | orders",
        "revoke all on countries from public | countries",
        "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100 | orders",
    })
    void otherDdl(String sql, String table) {
        StatementPlan p = plan(sql);
        assertThat(p.kind()).isEqualTo(StatementKind.DDL);
        assertThat(p.ddlOp()).isEqualTo(DdlOp.OTHER);
        assertThat(p.tables()).contains(table);
    }

    @Test
    void ddlWithoutTables() {
        StatementPlan ext = plan("CREATE EXTENSION IF NOT EXISTS vector");
        assertThat(ext.kind()).isEqualTo(StatementKind.DDL);
        assertThat(ext.tables()).isEmpty();
        StatementPlan fn = plan("create or replace function f(x int) returns int language sql as $$ select x + 1 $$");
        assertThat(fn.kind()).isEqualTo(StatementKind.DDL);
        assertThat(fn.ddlOp()).isEqualTo(DdlOp.OTHER);
        assertThat(plan("CREATE SEQUENCE s START 10").kind()).isEqualTo(StatementKind.DDL);
        assertThat(plan("truncate items").writes()).isTrue();
    }

    @Test
    void synapseCalls() {
        StatementPlan p = plan("SELECT synapse.distribute_table('orders', 'customer_id')");
        assertThat(p.kind()).isEqualTo(StatementKind.SYNAPSE_CALL);
        assertThat(p.call()).isEqualTo(new SynapseCall("distribute_table",
                List.of(new KeyRef.Literal("orders"), new KeyRef.Literal("customer_id"))));
        assertThat(plan("select synapse.distribute_table('orders','customer_id', 256)").call().args())
                .containsExactly(new KeyRef.Literal("orders"), new KeyRef.Literal("customer_id"),
                        new KeyRef.Literal(256L));
        assertThat(plan("SELECT SYNAPSE.Reference_Table('countries')").call())
                .isEqualTo(new SynapseCall("reference_table", List.of(new KeyRef.Literal("countries"))));
        assertThat(plan("select synapse.undistribute_table(?)").call())
                .isEqualTo(new SynapseCall("undistribute_table", List.of(new KeyRef.Param(1))));
        StatementPlan from = plan("SELECT * FROM synapse.distribute_table(?, ?, ?)");
        assertThat(from.kind()).isEqualTo(StatementKind.SYNAPSE_CALL);
        assertThat(from.call().args()).containsExactly(new KeyRef.Param(1), new KeyRef.Param(2), new KeyRef.Param(3));
        assertThat(plan("select synapse.rebalance()").call()).isEqualTo(new SynapseCall("rebalance", List.of()));
        assertThat(from.tables()).isEmpty();
    }

    @Test
    void synapseCallWithAnExpressionArgumentIsRefused() {
        StatementPlan p = plan("select synapse.distribute_table('ord' || 'ers', 'customer_id')");
        assertThat(p.kind()).isEqualTo(StatementKind.UNPARSED);
        assertThat(p.parseError()).contains("synapse.distribute_table").contains("literals or ? parameters");
    }

    @Test
    void synapseFunctionInsideAQueryIsNoCall() {
        StatementPlan p = plan("select synapse.slot_of(customer_id) from orders");
        assertThat(p.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(p.call()).isNull();
    }
}
