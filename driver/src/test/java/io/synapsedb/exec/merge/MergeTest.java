package io.synapsedb.exec.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.sql.MergePlan.Combine;
import io.synapsedb.sql.MergePlan.Op;
import io.synapsedb.sql.MergePlan.SortKey;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The merges on in-memory partial results: what each group returned goes in, the rows one server
 * holding every group's rows would return come out.
 */
class MergeTest {

    /** Metadata of {@code columns} columns; the merges read only the count. */
    private static ResultSetMetaData meta(int columns) {
        return (ResultSetMetaData) Proxy.newProxyInstance(MergeTest.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getColumnCount" -> columns;
                    case "getColumnLabel", "getColumnName" -> "c" + args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** One group's result: rows of {@code width} values. */
    private static ResultSet part(int width, Object[]... rows) {
        return new RowsResultSet(null, new ArrayList<>(Arrays.asList(rows)), meta(width));
    }

    private static Object[] row(Object... values) {
        return values;
    }

    /** Every merged row's first {@code width} columns, as objects. */
    private static List<List<Object>> read(MergedRows rows, int width) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        while (rows.next()) {
            List<Object> r = new ArrayList<>();
            for (int c = 1; c <= width; c++) {
                r.add(rows.current().getObject(c));
            }
            out.add(r);
        }
        rows.close();
        return out;
    }

    @Test
    void concatenationKeepsTheGroupsOrder() throws SQLException {
        MergedRows rows = StreamedRows.concat(List.of(part(1, row(3), row(1)), part(1), part(1, row(2))));
        assertThat(read(rows, 1)).containsExactly(List.of(3), List.of(1), List.of(2));
        assertThat(rows.done()).isTrue();
        assertThat(rows.row()).isZero();
    }

    @Test
    void orderByMergesSortedGroupsAndBreaksTiesByGroupOrder() throws SQLException {
        MergedRows rows = new StreamedRows(List.of(
                part(2, row(1, "g0"), row(3, "g0"), row(5, "g0")),
                part(2, row(2, "g1"), row(3, "g1"), row(6, "g1")),
                part(2, row(0, "g2"), row(7, "g2"))),
                List.of(new SortKey(1, false, false)), 0, false, 0, -1, null);
        assertThat(read(rows, 2)).containsExactly(List.of(0, "g2"), List.of(1, "g0"), List.of(2, "g1"),
                List.of(3, "g0"), List.of(3, "g1"), List.of(5, "g0"), List.of(6, "g1"), List.of(7, "g2"));
    }

    @Test
    void descendingWithNullsFirstAsPostgresOrdersIt() throws SQLException {
        MergedRows rows = new StreamedRows(List.of(
                part(1, row((Object) null), row(9), row(4)),
                part(1, row((Object) null), row(5))),
                List.of(new SortKey(1, true, true)), 0, false, 0, -1, null);
        List<List<Object>> got = read(rows, 1);
        assertThat(got).hasSize(5);
        assertThat(got.get(0).get(0)).isNull();
        assertThat(got.get(1).get(0)).isNull();
        assertThat(got.subList(2, 5)).containsExactly(List.of(9), List.of(5), List.of(4));
    }

    @Test
    void aHiddenSortColumnOrdersTheRowsAndIsNotPartOfTheResult() throws SQLException {
        // SELECT name FROM t ORDER BY score: the groups return (name, score), score hidden.
        MergedRows rows = new StreamedRows(List.of(
                part(2, row("b", 2), row("d", 4)),
                part(2, row("a", 1), row("c", 3))),
                List.of(new SortKey(-1, false, false)), 1, false, 0, -1, null);
        assertThat(rows.width()).isEqualTo(1);
        assertThat(read(rows, 1)).containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
    }

    @Test
    void distinctOffsetAndLimitApplyToTheMergedRows() throws SQLException {
        MergedRows rows = new StreamedRows(List.of(
                part(1, row(1), row(2), row(4)),
                part(1, row(1), row(3), row(4), row(5))),
                List.of(new SortKey(1, false, false)), 0, true, 1, 3, null);
        assertThat(read(rows, 1)).containsExactly(List.of(2), List.of(3), List.of(4));
    }

    @Test
    void aLimitStopsReadingAndTheFinisherRunsOnClose() throws SQLException {
        int[] finished = {0};
        MergedRows rows = new StreamedRows(List.of(part(1, row(1), row(2)), part(1, row(3))), List.of(), 0, false,
                0, 2, () -> finished[0]++);
        assertThat(read(rows, 1)).containsExactly(List.of(1), List.of(2));
        assertThat(finished[0]).isEqualTo(1);
    }

    @Test
    void anInvalidatedStreamFailsOnItsNextRow() throws SQLException {
        StreamedRows rows = StreamedRows.concat(List.of(part(1, row(1), row(2))));
        assertThat(rows.next()).isTrue();
        rows.invalidate("another statement used the connection");
        org.assertj.core.api.Assertions.assertThatThrownBy(rows::next).isInstanceOf(SQLException.class)
                .hasMessageContaining("another statement used the connection")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("24000"));
    }

    @Test
    void partialAggregatesCombineByGroupKey() throws SQLException {
        // SELECT k, count(*), sum(v), min(v), max(v), avg(v) ... GROUP BY k: avg travels as sum + count.
        List<Combine> combine = List.of(new Combine(Op.KEY, 0), new Combine(Op.COUNT, 0), new Combine(Op.SUM, 0),
                new Combine(Op.MIN, 0), new Combine(Op.MAX, 0), new Combine(Op.AVG, 2));
        PartialAggregates agg = new PartialAggregates(combine, List.of(1));
        agg.add(row("a", 2L, 10L, 3, 7, new BigDecimal("10")));
        agg.add(row("b", 1L, 5L, 5, 5, new BigDecimal("5")));
        agg.add(row("a", 3L, 20L, 1, 9, new BigDecimal("20")));
        List<Object[]> rows = agg.finish();
        assertThat(rows).hasSize(2);
        Object[] a = rows.get(0);
        assertThat(a[0]).isEqualTo("a");
        assertThat(((Number) a[1]).longValue()).isEqualTo(5);
        assertThat(((Number) a[2]).longValue()).isEqualTo(30);
        assertThat(((Number) a[3]).intValue()).isEqualTo(1);
        assertThat(((Number) a[4]).intValue()).isEqualTo(9);
        assertThat(new BigDecimal(a[5].toString())).isEqualByComparingTo("6");
    }

    @Test
    void aSumOverOnlyNullsStaysNullAsOnOneServer() throws SQLException {
        PartialAggregates agg = new PartialAggregates(List.of(new Combine(Op.SUM, 0)), List.of());
        agg.add(row((Object) null));
        agg.add(row((Object) null));
        assertThat(agg.finish()).hasSize(1);
        assertThat(agg.finish().get(0)[0]).isNull();
    }

    @Test
    void computedRowsReadThroughPgjdbcStyleGetters() throws SQLException {
        MergedRows rows = SingleRows.ofValues(List.of(row(42L, "x"), row(null, "y")), meta(2));
        assertThat(rows.next()).isTrue();
        assertThat(rows.current().getInt(1)).isEqualTo(42);
        assertThat(rows.current().getString(1)).isEqualTo("42");
        assertThat(rows.next()).isTrue();
        assertThat(rows.current().getLong(1)).isZero();
        assertThat(rows.current().wasNull()).isTrue();
        assertThat(rows.next()).isFalse();
        assertThat(rows.width()).isEqualTo(2);
    }
}
