package io.synapsedb.placement;

import io.synapsedb.core.KeyType;
import io.synapsedb.core.SqlStates;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Converts a JDBC shard-key value to the value PostgreSQL would store for the key's type, with
 * PostgreSQL's input rules and SQLStates, so that the driver hashes exactly what the server will.
 */
final class KeyValues {

    static final String NUMERIC_VALUE_OUT_OF_RANGE = SqlStates.NUMERIC_VALUE_OUT_OF_RANGE;
    static final String INVALID_TEXT_REPRESENTATION = SqlStates.INVALID_TEXT_REPRESENTATION;
    static final String DATATYPE_MISMATCH = SqlStates.DATATYPE_MISMATCH;

    private KeyValues() {
    }

    /** The value of an int2/int4/int8 key, checked against the type's range. */
    static long toIntegerKey(KeyType type, Object value) throws SQLException {
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigInteger) {
            BigInteger bi = (BigInteger) value;
            if (bi.bitLength() > 63) {
                throw outOfRange(type, value, bi.toString());
            }
            v = bi.longValue();
        } else if (value instanceof BigDecimal) {
            v = fromDecimal(type, (BigDecimal) value);
        } else if (value instanceof String) {
            v = parseInteger(type, (String) value);
        } else {
            throw new SQLException(type.sqlName() + " shard key: expected an integer (Short, Integer, Long, "
                    + "BigInteger, BigDecimal or String), got " + value.getClass().getName(), DATATYPE_MISMATCH);
        }
        if (v < minOf(type) || v > maxOf(type)) {
            throw outOfRange(type, value, Long.toString(v));
        }
        return v;
    }

    /** The value of a text/varchar key. */
    static String toTextKey(KeyType type, Object value) throws SQLException {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        throw new SQLException(type.sqlName() + " shard key: expected a character string (String, "
                + "CharSequence or Character), got " + value.getClass().getName(), DATATYPE_MISMATCH);
    }

    /** The value of a uuid key. */
    static UUID toUuidKey(Object value) throws SQLException {
        if (value instanceof UUID) {
            return (UUID) value;
        }
        if (value instanceof String) {
            UUID u = parseUuid((String) value);
            if (u == null) {
                // The text is not quoted: a key may be sensitive.
                throw new SQLException("uuid shard key: a java.lang.String of length " + ((String) value).length()
                        + " that is not valid input for type uuid", INVALID_TEXT_REPRESENTATION);
            }
            return u;
        }
        throw new SQLException("uuid shard key: expected a java.util.UUID or a String, got "
                + value.getClass().getName(), DATATYPE_MISMATCH);
    }

    private static long fromDecimal(KeyType type, BigDecimal d) throws SQLException {
        if (d.signum() == 0) {
            return 0;
        }
        // Digits left of the point, without building a huge BigInteger for e.g. 1E+1000000.
        if (d.precision() - d.scale() > 19) {
            throw outOfRange(type, d, d.toString());
        }
        BigInteger bi;
        try {
            bi = d.toBigIntegerExact();
        } catch (ArithmeticException notIntegral) {
            throw new SQLException(type.sqlName() + " shard key: java.math.BigDecimal " + d
                    + " has a fractional part", INVALID_TEXT_REPRESENTATION);
        }
        if (bi.bitLength() > 63) {
            throw outOfRange(type, d, bi.toString());
        }
        return bi.longValue();
    }

    /**
     * PostgreSQL's {@code pg_strtoint16/32/64}: surrounding whitespace, an optional sign, decimal
     * digits or a {@code 0x}/{@code 0o}/{@code 0b} prefix (PostgreSQL 16+), single underscores
     * between digits. Magnitudes are accumulated unsigned up to {@code |MIN|} of the type, which is
     * where PostgreSQL reports "out of range" even before it looks at the rest of the text; the
     * final range check per sign is the caller's.
     */
    static long parseInteger(KeyType type, String s) throws SQLException {
        final int n = s.length();
        // |MIN| of the type, as an unsigned long: 2^15, 2^31 or 2^63.
        final long bound = type == KeyType.INT2 ? 1L << 15 : type == KeyType.INT4 ? 1L << 31 : Long.MIN_VALUE;
        int p = 0;
        while (p < n && isSpace(s.charAt(p))) {
            p++;
        }
        boolean neg = false;
        if (p < n && (s.charAt(p) == '-' || s.charAt(p) == '+')) {
            neg = s.charAt(p) == '-';
            p++;
        }
        int radix = 10;
        if (p + 1 < n && s.charAt(p) == '0') {
            char x = s.charAt(p + 1);
            if (x == 'x' || x == 'X') {
                radix = 16;
            } else if (x == 'o' || x == 'O') {
                radix = 8;
            } else if (x == 'b' || x == 'B') {
                radix = 2;
            }
            if (radix != 10) {
                p += 2;
            }
        }
        final int firstDigit = p;
        long mag = 0;
        final long limit = Long.divideUnsigned(bound, radix);
        while (p < n) {
            char ch = s.charAt(p);
            int d = Character.digit(ch, radix);
            if (d >= 0 && ch < 0x80) {
                if (Long.compareUnsigned(mag, limit) > 0) {
                    throw outOfRangeText(type);
                }
                mag = mag * radix + d;
                p++;
            } else if (ch == '_') {
                // PostgreSQL: not first in a decimal number (a prefixed one may start with one), and
                // always followed by another digit.
                if (radix == 10 && p == firstDigit) {
                    throw invalidInteger(type, s);
                }
                p++;
                if (p >= n || s.charAt(p) >= 0x80 || Character.digit(s.charAt(p), radix) < 0) {
                    throw invalidInteger(type, s);
                }
            } else {
                break;
            }
        }
        if (p == firstDigit) {
            throw invalidInteger(type, s);
        }
        while (p < n && isSpace(s.charAt(p))) {
            p++;
        }
        if (p != n) {
            throw invalidInteger(type, s);
        }
        if (neg) {
            if (Long.compareUnsigned(mag, bound) > 0) {
                throw outOfRangeText(type);
            }
            return -mag; // -(2^63) wraps to Long.MIN_VALUE, as intended
        }
        if (Long.compareUnsigned(mag, bound - 1) > 0) {
            throw outOfRangeText(type);
        }
        return mag;
    }

    /**
     * PostgreSQL's {@code uuid} input: 32 hex digits, optionally in braces, with an optional hyphen
     * after any group of four digits (but not after the last). Returns {@code null} when invalid.
     */
    static UUID parseUuid(String s) {
        final int n = s.length();
        int p = 0;
        boolean braces = false;
        if (n > 0 && s.charAt(0) == '{') {
            braces = true;
            p = 1;
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 16; i++) {
            if (p + 1 >= n) {
                return null;
            }
            int hi = hexDigit(s.charAt(p));
            int lo = hexDigit(s.charAt(p + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            int byteVal = hi << 4 | lo;
            if (i < 8) {
                msb = msb << 8 | byteVal;
            } else {
                lsb = lsb << 8 | byteVal;
            }
            p += 2;
            if (p < n && s.charAt(p) == '-' && (i & 1) == 1 && i < 15) {
                p++;
            }
        }
        if (braces) {
            if (p >= n || s.charAt(p) != '}') {
                return null;
            }
            p++;
        }
        return p == n ? new UUID(msb, lsb) : null;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** C's {@code isspace} in the C locale, which PostgreSQL's integer input uses. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static long minOf(KeyType type) {
        return type == KeyType.INT2 ? Short.MIN_VALUE : type == KeyType.INT4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
    }

    private static long maxOf(KeyType type) {
        return type == KeyType.INT2 ? Short.MAX_VALUE : type == KeyType.INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
    }

    private static SQLException outOfRange(KeyType type, Object value, String number) {
        return new SQLException(type.sqlName() + " shard key: value " + number + " (" + value.getClass().getName()
                + ") is out of range for type " + type.sqlName(), NUMERIC_VALUE_OUT_OF_RANGE);
    }

    private static SQLException outOfRangeText(KeyType type) {
        return new SQLException(type.sqlName() + " shard key: a java.lang.String whose value is out of range for type "
                + type.sqlName(), NUMERIC_VALUE_OUT_OF_RANGE);
    }

    private static SQLException invalidInteger(KeyType type, String s) {
        // Not quoted: a string bound to a key may be anything the application holds.
        return new SQLException(type.sqlName() + " shard key: a java.lang.String of length " + s.length()
                + " that is not valid input for type " + type.sqlName(), INVALID_TEXT_REPRESENTATION);
    }
}
