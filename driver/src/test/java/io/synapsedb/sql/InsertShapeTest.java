package io.synapsedb.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.sql.KeyRef.Literal;
import io.synapsedb.sql.KeyRef.Param;
import java.util.Arrays;
import java.util.List;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.api.Test;

class InsertShapeTest {

    private static StatementPlan plan(String sql) {
        return StatementAnalysis.analyze(sql, TestCatalog.LOOKUP, 1);
    }

    private static int[] rows(int... r) {
        return r;
    }

    @Test
    void rowKeysFromLiteralsAndParams() {
        StatementPlan p = plan("insert into orders (id, customer_id, total) values (?, ?, ?), (10, 42, 1.5), (?, '7'::bigint, ?)");
        InsertShape s = p.insert();
        assertThat(s.table()).isEqualTo("orders");
        assertThat(s.fromSelect()).isFalse();
        assertThat(s.rowCount()).isEqualTo(3);
        assertThat(s.rowKeys()).containsExactly(new Param(2), new Literal(42L), new Literal(7L));
        assertThat(p.keys()).containsExactly(new Param(2), new Literal(42L), new Literal(7L));
        assertThat(p.parameterCount()).isEqualTo(5);
    }

    @Test
    void allRowsInOrderKeepTheOriginalText() {
        String sql = "insert into orders (id, customer_id) values (?, ?), (?, ?)";
        PhysicalSql out = plan(sql).insert().render(rows(0, 1), false);
        assertThat(out.sql()).isSameAs(sql);
        assertThat(out.paramMap()).containsExactly(1, 2, 3, 4);
        String one = "insert into orders (id, customer_id) values (?, ?) returning id";
        assertThat(plan(one).insert().render(rows(0), false).sql()).isSameAs(one);
    }

    @Test
    void subsetsRenumberParametersAndKeepTheTail() {
        String sql = "INSERT INTO orders (id, customer_id, data, note) VALUES (?, ?, ?::jsonb, 'a, (b)'), "
                + "(?, ?, '{\"x\": 1}'::jsonb, now()::text), (?, ?, ?::jsonb, \"quoted\"(?)) "
                + "ON CONFLICT (id) DO UPDATE SET data = excluded.data || ?::jsonb RETURNING id, \"customer_id\"";
        InsertShape s = plan(sql).insert();
        assertThat(s.rowKeys()).containsExactly(new Param(2), new Param(5), new Param(7));
        PhysicalSql out = s.render(rows(2, 0), false);
        assertThat(out.sql()).isEqualTo("INSERT INTO orders (id, customer_id, data, note) VALUES "
                + "(?, ?, ?::jsonb, \"quoted\"(?)), (?, ?, ?::jsonb, 'a, (b)') "
                + "ON CONFLICT (id) DO UPDATE SET data = excluded.data || ?::jsonb RETURNING id, \"customer_id\"");
        assertThat(out.paramMap()).containsExactly(6, 7, 8, 9, 1, 2, 3, 10);
        PhysicalSql middle = s.render(rows(1), false);
        assertThat(middle.sql()).contains("VALUES (?, ?, '{\"x\": 1}'::jsonb, now()::text) ON CONFLICT");
        assertThat(middle.paramMap()).containsExactly(4, 5, 10);
        assertThat(reparses(out.sql())).isTrue();
    }

    @Test
    void commasInsideBracketsDoNotSplitValues() {
        InsertShape s = plan("insert into orders (tags, customer_id) values (array[?, 2], ?), ('{}', 3)").insert();
        assertThat(s.rowKeys()).containsExactly(new Param(2), new Literal(3L));
        PhysicalSql out = s.render(rows(0), false);
        assertThat(out.sql()).isEqualTo("insert into orders (tags, customer_id) values (array[?, 2], ?)");
        assertThat(out.paramMap()).containsExactly(1, 2);
    }

    @Test
    void defaultKeyIsReplacedInPlace() {
        String sql = "insert into events (id, kind) values (DEFAULT, ?), (5, ?), (default, 'x')";
        StatementPlan p = plan(sql);
        InsertShape s = p.insert();
        assertThat(s.rowKeys()).containsExactly(null, new Literal(5L), null);
        assertThat(p.keys()).isEmpty();
        PhysicalSql out = s.render(rows(0, 2), true);
        assertThat(out.sql()).isEqualTo("insert into events (id, kind) OVERRIDING SYSTEM VALUE values (?, ?), (?, 'x')");
        assertThat(out.paramMap()).containsExactly(PhysicalSql.generatedKeyOf(0), 1, PhysicalSql.generatedKeyOf(2));
        assertThat(reparses(out.sql())).isTrue();
    }

    @Test
    void omittedKeyColumnIsAppended() {
        String sql = "insert into events (kind, payload) values (?, ?::jsonb), ('b', '{}') returning id";
        InsertShape s = plan(sql).insert();
        assertThat(s.rowKeys()).containsExactly(null, null);
        PhysicalSql out = s.render(rows(1, 0), false);
        assertThat(out.sql()).isEqualTo(
                "insert into events (kind, payload, \"id\") values ('b', '{}', ?), (?, ?::jsonb, ?) returning id");
        assertThat(out.paramMap()).containsExactly(PhysicalSql.generatedKeyOf(1), 1, 2, PhysicalSql.generatedKeyOf(0));
        assertThat(reparses(out.sql())).isTrue();
    }

    @Test
    void withoutColumnListTheKeyIsAtItsOrdinal() {
        // orders' key is its second column.
        StatementPlan p = plan("insert into orders values (1, 42, 'new'), (2, ?, 'old')");
        assertThat(p.insert().rowKeys()).containsExactly(new Literal(42L), new Param(1));
        // audit.logs' key is its third column; these rows stop before it.
        StatementPlan shortRows = plan("insert into audit.logs values (1, 'x')");
        assertThat(shortRows.insert().rowKeys()).containsExactly((KeyRef) null);
        PhysicalSql out = shortRows.insert().render(rows(0), false);
        assertThat(out.sql()).isEqualTo("insert into audit.logs values (1, 'x', ?)");
        StatementPlan shorter = plan("insert into audit.logs values (1)");
        assertThat(shorter.insert().render(rows(0), false).sql())
                .isEqualTo("insert into audit.logs values (1, DEFAULT, ?)");
    }

    @Test
    void quotedIdentifiersAndOverridingAlreadyWritten() {
        StatementPlan p = plan("INSERT INTO \"MixedCase\" AS m (\"UserId\", \"Name\") OVERRIDING SYSTEM VALUE "
                + "VALUES (?, 'a'), (?, 'b')");
        assertThat(p.insert().table()).isEqualTo("MixedCase");
        assertThat(p.insert().rowKeys()).containsExactly(new Param(1), new Param(2));
        PhysicalSql out = p.insert().render(rows(1), true);
        assertThat(out.sql()).isEqualTo("INSERT INTO \"MixedCase\" AS m (\"UserId\", \"Name\") "
                + "OVERRIDING SYSTEM VALUE VALUES (?, 'b')");
        assertThat(out.paramMap()).containsExactly(2);
    }

    @Test
    void commentsAndEscapedQuestionMarksSurvive() {
        String sql = "insert into orders (id, customer_id, tags) /* ? */ values (?, ?, ?), -- ?\n (?, ?, "
                + "case when ?::jsonb ?? 'k' then 'y' end)";
        StatementPlan p = plan(sql);
        assertThat(p.parameterCount()).isEqualTo(6);
        assertThat(p.insert().rowKeys()).containsExactly(new Param(2), new Param(5));
        PhysicalSql out = p.insert().render(rows(1), false);
        assertThat(out.sql()).isEqualTo("insert into orders (id, customer_id, tags) /* ? */ values "
                + "(?, ?, case when ?::jsonb ?? 'k' then 'y' end)");
        assertThat(out.paramMap()).containsExactly(4, 5, 6);
    }

    @Test
    void insertSelectHasNoRows() {
        InsertShape s = plan("insert into orders (id, customer_id) select id, customer_id from orders_staging").insert();
        assertThat(s.fromSelect()).isTrue();
        assertThat(s.rowKeys()).isEmpty();
        PhysicalSql out = s.render(new int[0], true);
        assertThat(out.sql()).isEqualTo(
                "insert into orders (id, customer_id) OVERRIDING SYSTEM VALUE select id, customer_id from orders_staging");
        assertThatThrownBy(() -> s.render(rows(0), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void insertIntoNonDistributedTablesHasNoShape() {
        assertThat(plan("insert into countries (code) values ('nl')").insert()).isNull();
        assertThat(plan("insert into scratch values (1)").insert()).isNull();
        assertThat(plan("insert into scratch values (1)").homeTables()).containsExactly("scratch");
    }

    @Test
    void unroutableKeyExpressionIsRefused() {
        StatementPlan p = plan("insert into orders (id, customer_id) values (1, nextval('s'))");
        assertThat(p.kind()).isEqualTo(StatementKind.UNPARSED);
        assertThat(p.parseError()).contains("customer_id").contains("orders").contains("row 1");
        assertThat(p.tables()).containsExactly("orders");
    }

    @Test
    void renderRejectsRowsOutOfRange() {
        InsertShape s = plan("insert into orders (id, customer_id) values (1, 2)").insert();
        assertThatThrownBy(() -> s.render(rows(1), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orders");
    }

    @Test
    void onConflictUpdatingTheKey() {
        assertThat(plan("insert into orders (id, customer_id) values (1, 2) on conflict (id) do update "
                + "set customer_id = excluded.customer_id").updatesShardKey()).isTrue();
        assertThat(plan("insert into orders (id, customer_id) values (1, 2) on conflict do nothing").updatesShardKey())
                .isFalse();
    }

    static boolean reparses(String sql) {
        try {
            CCJSqlParserUtil.newParser(SqlLexer.forParser(sql, SqlLexer.tokenize(sql))).Statement();
            return true;
        } catch (Exception e) {
            throw new AssertionError("does not parse: " + sql + ": " + e.getMessage(), e);
        }
    }

    static List<Integer> boxed(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }
}
