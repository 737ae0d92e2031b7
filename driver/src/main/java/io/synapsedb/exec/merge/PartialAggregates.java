package io.synapsedb.exec.merge;

import io.synapsedb.core.SqlStates;
import io.synapsedb.sql.MergePlan.Combine;
import io.synapsedb.sql.MergePlan.Op;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the partial aggregate rows of several groups into the rows one PostgreSQL would
 * compute: counts and sums added, minima and maxima compared, averages divided from their sum and
 * count with PostgreSQL's numeric scale. Rows are combined per GROUP BY key in a hash table, so
 * memory grows with the number of distinct keys, not with the rows the groups scanned. Not
 * thread-safe.
 */
public final class PartialAggregates {

    private final List<Combine> combines;
    private final int[] groupColumns;
    private final Map<List<Object>, Object[]> byKey = new LinkedHashMap<>();

    /**
     * @param combines how each column combines (the row width)
     * @param groupColumns 1-based GROUP BY key columns; empty for one row over everything
     */
    public PartialAggregates(List<Combine> combines, List<Integer> groupColumns) {
        this.combines = List.copyOf(combines);
        this.groupColumns = groupColumns.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Adds one group's partial row (its values are kept; do not reuse the array). */
    public void add(Object[] partial) throws SQLException {
        List<Object> key = new ArrayList<>(groupColumns.length);
        for (int c : groupColumns) {
            key.add(ValueOrder.groupKey(partial[c - 1]));
        }
        Object[] acc = byKey.get(key);
        if (acc == null) {
            byKey.put(key, partial);
            return;
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] = combine(combines.get(i).op(), acc[i], partial[i]);
        }
    }

    /**
     * The combined rows, averages divided. Without GROUP BY there is exactly one row, as on one
     * server (the groups each return one).
     */
    public List<Object[]> finish() throws SQLException {
        List<Object[]> rows = new ArrayList<>(byKey.size());
        for (Object[] acc : byKey.values()) {
            Object[] row = Arrays.copyOf(acc, acc.length);
            for (int i = 0; i < row.length; i++) {
                Combine c = combines.get(i);
                if (c.op() == Op.AVG) {
                    row[i] = average(acc[i], acc[c.countColumn() - 1]);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object combine(Op op, Object a, Object b) throws SQLException {
        switch (op) {
            case KEY:
                return a;
            case COUNT:
            case SUM:
            case AVG:
                return add(a, b);
            case MIN:
                return a == null ? b : b == null ? a : ValueOrder.compare(b, a) < 0 ? b : a;
            case MAX:
                return a == null ? b : b == null ? a : ValueOrder.compare(b, a) > 0 ? b : a;
            default:
                throw new IllegalStateException(op.name());
        }
    }

    /** SQL SUM of two partial sums: NULL only when both are. */
    static Object add(Object a, Object b) throws SQLException {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a instanceof Long x && b instanceof Long y) {
            try {
                return Math.addExact(x, y);
            } catch (ArithmeticException e) {
                throw new SQLException("bigint out of range while adding partial sums of the groups", SqlStates.NUMERIC_VALUE_OUT_OF_RANGE);
            }
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.add(y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x + y;
        }
        if (a instanceof Float x && b instanceof Float y) {
            return x + y;
        }
        if (a instanceof Integer x && b instanceof Integer y) {
            return Math.addExact(x, y);
        }
        throw new SQLFeatureNotSupportedException("cannot add partial sums of type " + a.getClass().getName()
                + " from several groups; sum numbers, or bound the shard key to one group", SqlStates.FEATURE_NOT_SUPPORTED);
    }

    /** avg = sum / count as PostgreSQL computes it (numeric division, or float8 for floats). */
    static Object average(Object sum, Object count) throws SQLException {
        long n = count == null ? 0 : ((Number) count).longValue();
        if (sum == null || n == 0) {
            return null;
        }
        if (sum instanceof Double || sum instanceof Float) {
            return ((Number) sum).doubleValue() / n;
        }
        BigDecimal s = ValueOrder.decimal((Number) sum);
        BigDecimal c = BigDecimal.valueOf(n);
        return s.divide(c, divScale(s, c), RoundingMode.HALF_UP);
    }

    /**
     * The result scale of PostgreSQL's numeric division ({@code select_div_scale} in numeric.c):
     * at least 16 significant digits, at least the inputs' display scales.
     */
    static int divScale(BigDecimal a, BigDecimal b) {
        long[] wa = weightAndFirstDigit(a);
        long[] wb = weightAndFirstDigit(b);
        long qweight = wa[0] - wb[0];
        if (wa[1] <= wb[1]) {
            qweight--;
        }
        long rscale = 16 - qweight * 4;
        rscale = Math.max(rscale, Math.max(0, a.scale()));
        rscale = Math.max(rscale, Math.max(0, b.scale()));
        rscale = Math.max(rscale, 0);
        return (int) Math.min(rscale, 1000);
    }

    /** PostgreSQL's base-10000 weight and first digit of a numeric value (0, 0 for zero). */
    static long[] weightAndFirstDigit(BigDecimal v) {
        BigDecimal a = v.abs();
        if (a.signum() == 0) {
            return new long[] {0, 0};
        }
        int intDigits = a.precision() - a.scale();
        long weight = intDigits > 0 ? (intDigits - 1) / 4 : -((-intDigits) / 4 + 1);
        long first = a.movePointLeft((int) (4 * weight)).setScale(0, RoundingMode.DOWN).longValue();
        return new long[] {weight, first};
    }
}
