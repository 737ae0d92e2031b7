package io.synapsedb.sql;

import java.util.List;

/**
 * How the results of one SELECT from several groups become the answer one PostgreSQL would give:
 * the SQL each group runs, and what the driver does with the groups' rows. Made by the analyser
 * from the parsed statement; immutable and cached with the plan.
 *
 * <p>Columns are 1-based positions in the rows the groups return. Columns the driver added (sort
 * keys missing from the select list, the count half of an {@code AVG}, aggregates only HAVING or
 * ORDER BY name) trail the application's columns and are hidden from the merged result.
 *
 * @param groupSql the SQL each group runs (the application's text when nothing was rewritten)
 * @param paramMap for a rewritten text, the logical parameter (1-based) bound to each of its
 *     parameters; {@code null} when the group text has the application's parameters unchanged
 * @param hiddenColumns trailing columns the driver added
 * @param sortKeys the final order (over result columns); empty when the order is unspecified
 * @param limit at most this many rows, or {@code null}
 * @param offset rows skipped first, or {@code null}
 * @param distinct duplicate rows are removed after the merge
 * @param aggregates for an aggregating query, how each column (visible and hidden) of the groups'
 *     partial rows is combined; {@code null} when rows pass through as they are
 * @param groupColumns for an aggregating query, the columns that make up the GROUP BY key
 * @param having for an aggregating query, the HAVING condition evaluated on combined rows, or
 *     {@code null}
 * @param describe a short text for EXPLAIN ({@code "k-way merge on 2 DESC; LIMIT"})
 * @param refusal when set, the merge is not possible and this says why (for a {@code 0A000})
 */
public record MergePlan(
        String groupSql,
        int[] paramMap,
        int hiddenColumns,
        List<SortKey> sortKeys,
        Bound limit,
        Bound offset,
        boolean distinct,
        List<Combine> aggregates,
        List<Integer> groupColumns,
        Having having,
        String describe,
        String refusal) {

    public MergePlan {
        sortKeys = sortKeys == null ? List.of() : List.copyOf(sortKeys);
        aggregates = aggregates == null ? null : List.copyOf(aggregates);
        groupColumns = groupColumns == null ? List.of() : List.copyOf(groupColumns);
    }

    /** A plan that cannot merge; {@code why} is the whole reason. */
    static MergePlan refused(String why) {
        return new MergePlan(null, null, 0, null, null, null, false, null, null, null, null, why);
    }

    /** True when the groups' partial rows are combined per GROUP BY key (or into one row). */
    public boolean aggregating() {
        return aggregates != null;
    }

    /**
     * One ORDER BY key over result columns.
     *
     * @param column 1-based column
     * @param descending DESC
     * @param nullsFirst where NULLs go (PostgreSQL's default: last for ASC, first for DESC)
     */
    public record SortKey(int column, boolean descending, boolean nullsFirst) { }

    /** LIMIT or OFFSET: a constant, or a bind parameter read at execution ({@code param > 0}). */
    public record Bound(long value, int param) {

        static Bound constant(long value) {
            return new Bound(value, 0);
        }

        static Bound param(int index) {
            return new Bound(0, index);
        }
    }

    /** How the partial values of one column of an aggregating query are combined. */
    public enum Op {
        /** A GROUP BY key (or a constant): equal in every partial row of one group. */
        KEY,
        /** Partial counts: added. */
        COUNT,
        /** Partial sums: added (NULL when every partial is NULL). */
        SUM,
        MIN,
        MAX,
        /** The sum half of an AVG: divided by the count column {@link Combine#countColumn()}. */
        AVG
    }

    /**
     * @param op how partials combine
     * @param countColumn for {@link Op#AVG}, the 1-based column holding the partial counts; else 0
     */
    public record Combine(Op op, int countColumn) { }

    /** The HAVING condition, over combined rows: comparisons joined by AND, OR and NOT. */
    public sealed interface Having {
    }

    /** All must hold. */
    public record And(List<Having> parts) implements Having {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** One must hold. */
    public record Or(List<Having> parts) implements Having {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    public record Not(Having part) implements Having { }

    /** {@code left op right} with op one of {@code = <> < <= > >=}. */
    public record Compare(String op, Operand left, Operand right) implements Having { }

    /** {@code operand IS [NOT] NULL}. */
    public record IsNull(Operand operand, boolean negated) implements Having { }

    /** A value in a HAVING comparison. */
    public sealed interface Operand {
    }

    /** A combined column (1-based). */
    public record ColumnOperand(int column) implements Operand { }

    /** A literal: Long, BigDecimal, String, Boolean or null. */
    public record ConstantOperand(Object value) implements Operand { }

    /** A bind parameter (1-based logical index). */
    public record ParamOperand(int index) implements Operand { }
}
