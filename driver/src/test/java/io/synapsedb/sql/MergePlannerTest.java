package io.synapsedb.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.sql.MergePlan.Op;
import io.synapsedb.sql.MergePlan.SortKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the analyser plans for merging multi-group SELECTs, and the SQL the groups get. */
class MergePlannerTest {

    private static MergePlan merge(String sql) {
        StatementPlan plan = new SqlAnalyzer(0).analyze(sql, TestCatalog.LOOKUP, 1);
        assertThat(plan.merge()).as(sql + " -> " + plan).isNotNull();
        return plan.merge();
    }

    private static MergePlan ok(String sql) {
        MergePlan m = merge(sql);
        assertThat(m.refusal()).as(sql).isNull();
        return m;
    }

    @Test
    void orderByKeepsTheTextWhenNoRewriteIsNeeded() {
        MergePlan m = ok("SELECT customer_id, total FROM orders ORDER BY total DESC, 1");
        assertThat(m.groupSql()).isEqualTo("SELECT customer_id, total FROM orders ORDER BY total DESC, 1");
        assertThat(m.sortKeys()).containsExactly(new SortKey(2, true, true), new SortKey(1, false, false));
        assertThat(m.hiddenColumns()).isZero();
    }

    @Test
    void sortKeysOutsideTheSelectListBecomeHiddenColumns() {
        MergePlan m = ok("SELECT id FROM orders ORDER BY total NULLS FIRST, lower(note) DESC LIMIT 5 OFFSET 2");
        assertThat(m.hiddenColumns()).isEqualTo(2);
        assertThat(m.sortKeys()).containsExactly(new SortKey(2, false, true), new SortKey(3, true, true));
        assertThat(m.groupSql()).contains("total AS synapse_m1", "lower(note) AS synapse_m2", "LIMIT 5 + 2")
                .doesNotContain("OFFSET");
        assertThat(m.limit().value()).isEqualTo(5);
        assertThat(m.offset().value()).isEqualTo(2);
    }

    @Test
    void starSelectsCountHiddenColumnsFromTheEnd() {
        MergePlan m = ok("SELECT * FROM orders ORDER BY total, id");
        assertThat(m.sortKeys()).extracting(SortKey::column).containsExactly(-1, -2);
        MergePlan positions = ok("SELECT * FROM orders ORDER BY 2 DESC");
        assertThat(positions.sortKeys()).containsExactly(new SortKey(2, true, true));
    }

    @Test
    void limitAndOffsetParametersKeepTheirTextualOrder() {
        MergePlan m = ok("SELECT id FROM orders WHERE total > ? ORDER BY id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY");
        assertThat(m.limit().param()).isEqualTo(3);
        assertThat(m.offset().param()).isEqualTo(2);
        assertThat(m.groupSql()).contains("LIMIT ? + ?");
        assertThat(m.paramMap()).isNull();
    }

    @Test
    void averagesBecomeSumAndCountAndHavingRunsAfterTheMerge() {
        MergePlan m = ok("SELECT note, avg(total), count(*) FROM orders WHERE id > ? GROUP BY note"
                + " HAVING sum(total) > ? ORDER BY 2 DESC LIMIT ?");
        assertThat(m.aggregating()).isTrue();
        assertThat(m.groupSql()).contains("sum(total) AS avg", "count(total) AS synapse_m1", "sum(total) AS synapse_m2")
                .doesNotContain("HAVING", "ORDER BY", "LIMIT");
        assertThat(m.aggregates()).extracting(MergePlan.Combine::op)
                .containsExactly(Op.KEY, Op.AVG, Op.COUNT, Op.COUNT, Op.SUM);
        assertThat(m.aggregates().get(1).countColumn()).isEqualTo(4);
        assertThat(m.groupColumns()).containsExactly(1);
        assertThat(m.paramMap()).containsExactly(1);
        assertThat(m.having()).isEqualTo(new MergePlan.Compare(">", new MergePlan.ColumnOperand(5),
                new MergePlan.ParamOperand(2)));
        assertThat(m.limit().param()).isEqualTo(3);
    }

    @Test
    void whatCannotBeCombinedIsRefusedWithAReason() {
        for (String sql : List.of("SELECT count(DISTINCT note) FROM orders", "SELECT string_agg(note, ',') FROM orders",
                "SELECT note, sum(total) * 2 FROM orders GROUP BY note",
                "SELECT note FROM orders GROUP BY note HAVING sum(total) > avg(total) * 2",
                "SELECT DISTINCT ON (note) note, id FROM orders ORDER BY note, id",
                "SELECT id FROM orders UNION SELECT id FROM orders ORDER BY 1")) {
            assertThat(merge(sql).refusal()).as(sql).isNotBlank();
        }
    }

    @Test
    void hintsAreReadFromALeadingComment() {
        assertThat(FanoutHint.of("/*+ synapse:no_fanout */ SELECT 1")).isEqualTo(FanoutHint.NO_FANOUT);
        assertThat(FanoutHint.of(" /*+ synapse:allow_fanout */SELECT 1")).isEqualTo(FanoutHint.ALLOW_FANOUT);
        assertThat(FanoutHint.of("SELECT 1 /*+ synapse:no_fanout */")).isEqualTo(FanoutHint.NONE);
        assertThat(FanoutHint.of("SELECT 'synapse:no_fanout'")).isEqualTo(FanoutHint.NONE);
    }
}
