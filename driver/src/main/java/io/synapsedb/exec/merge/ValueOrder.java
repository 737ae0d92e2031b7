package io.synapsedb.exec.merge;

import io.synapsedb.core.SqlStates;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.temporal.Temporal;
import java.util.UUID;

/**
 * Orders and compares the Java values pgJDBC returns the way PostgreSQL orders the SQL values they
 * came from, so that rows merged from several groups come out in the order one server would give.
 *
 * <p>Text compares by Unicode code point, which is PostgreSQL's order under the {@code C}
 * collation (the byte order of UTF-8); under a linguistic collation the groups' own sorts differ,
 * and ORDER BY text across groups should name {@code COLLATE "C"}. A value of a type whose order
 * the driver does not know (json, arrays, geometric types, ...) fails with {@code 0A000} instead
 * of being merged in a wrong order.
 */
public final class ValueOrder {

    private ValueOrder() {
    }

    /** Compares two non-null values of one column. */
    public static int compare(Object a, Object b) throws SQLException {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareText(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof java.util.Date x && b instanceof java.util.Date y) {
            int c = x.compareTo(y);
            if (c == 0 && a instanceof java.sql.Timestamp tx && b instanceof java.sql.Timestamp ty) {
                return Integer.compare(tx.getNanos(), ty.getNanos());
            }
            return c;
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            // PostgreSQL compares the 16 bytes unsigned; UUID.compareTo compares signed longs.
            int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.compareUnsigned(x, y);
        }
        if (a instanceof Temporal && a instanceof Comparable && a.getClass() == b.getClass()) {
            @SuppressWarnings("unchecked")
            Comparable<Object> c = (Comparable<Object>) a;
            return c.compareTo(b);
        }
        throw new SQLFeatureNotSupportedException("cannot order values of type " + a.getClass().getName()
                + " across groups: the driver does not know PostgreSQL's order for them; order by a column of a"
                + " number, text, boolean, date/time or uuid type, or bound the shard key to one group", SqlStates.FEATURE_NOT_SUPPORTED);
    }

    private static int compareNumbers(Number x, Number y) {
        if ((x instanceof Long || x instanceof Integer || x instanceof Short)
                && (y instanceof Long || y instanceof Integer || y instanceof Short)) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            // PostgreSQL: NaN is above every other value and equal to itself; -0 equals 0.
            if (Double.isNaN(dx) || Double.isNaN(dy)) {
                return Boolean.compare(Double.isNaN(dx), Double.isNaN(dy));
            }
            return Double.compare(dx + 0.0, dy + 0.0);
        }
        return decimal(x).compareTo(decimal(y));
    }

    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** Code-point order (UTF-16 code units would put supplementary characters before U+E000..U+FFFF). */
    static int compareText(String x, String y) {
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            char cx = x.charAt(i);
            char cy = y.charAt(i);
            if (cx != cy) {
                if (Character.isSurrogate(cx) || Character.isSurrogate(cy)) {
                    return Integer.compare(x.codePointAt(i), y.codePointAt(i));
                }
                return Character.compare(cx, cy);
            }
        }
        return Integer.compare(x.length(), y.length());
    }

    /**
     * Compares two values of one sort key with its direction and NULL placement.
     */
    public static int compareKey(Object a, Object b, boolean descending, boolean nullsFirst) throws SQLException {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == nullsFirst ? -1 : 1;
        }
        int c = compare(a, b);
        return descending ? -c : c;
    }

    /** SQL equality of two values for DISTINCT and GROUP BY keys (NULLs equal, numbers by value). */
    public static Object groupKey(Object v) {
        if (v instanceof BigDecimal d) {
            // 1.0 and 1.00 are one numeric value.
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof byte[] b) {
            return java.nio.ByteBuffer.wrap(b);
        }
        if (v instanceof Double d && d == 0.0) {
            return 0.0d;
        }
        if (v instanceof Float f && f == 0.0f) {
            return 0.0f;
        }
        return v;
    }
}
