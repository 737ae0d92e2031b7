package io.synapsedb.exec.merge;

import io.synapsedb.core.SqlStates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.Map;

/**
 * A result the driver computed itself (combined aggregates, EXPLAIN of a route): rows of values in
 * memory with the metadata of the groups' result. Getters convert the values the way pgJDBC
 * converts the same SQL values. Forward-only, read-only.
 */
public final class RowsResultSet extends DelegatingResultSet {

    private final List<Object[]> rows;
    private final ResultSetMetaData meta;
    private int index = -1;
    private boolean wasNull;

    public RowsResultSet(Statement owner, List<Object[]> rows, ResultSetMetaData meta) {
        super(owner);
        this.rows = rows;
        this.meta = meta;
    }

    @Override
    protected ResultSet current() throws SQLException {
        throw new SQLFeatureNotSupportedException("this operation is not supported on a result the driver merged"
                + " from several groups", SqlStates.FEATURE_NOT_SUPPORTED);
    }

    @Override
    protected void closePhysical() {
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (index < rows.size()) {
            index++;
        }
        return index < rows.size();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return meta;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        int n = meta.getColumnCount();
        for (int i = 1; i <= n; i++) {
            if (meta.getColumnLabel(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        throw new SQLException("the result has no column " + label, SqlStates.UNDEFINED_COLUMN);
    }

    private Object value(int column) throws SQLException {
        checkOpen();
        if (index < 0 || index >= rows.size()) {
            throw new SQLException("the result set is not on a row", SqlStates.INVALID_CURSOR_STATE);
        }
        if (column < 1 || column > meta.getColumnCount()) {
            throw new SQLException("column index " + column + " is out of range 1.." + meta.getColumnCount(),
                    SqlStates.INVALID_PARAMETER_VALUE);
        }
        Object v = rows.get(index)[column - 1];
        wasNull = v == null;
        return v;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public Object getObject(int column) throws SQLException {
        return value(column);
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        return getObject(column);
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        Object v = value(column);
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        Object converted;
        if (type == String.class) {
            converted = getString(column);
        } else if (type == Long.class) {
            converted = getLong(column);
        } else if (type == Integer.class) {
            converted = getInt(column);
        } else if (type == Short.class) {
            converted = getShort(column);
        } else if (type == Double.class) {
            converted = getDouble(column);
        } else if (type == Float.class) {
            converted = getFloat(column);
        } else if (type == BigDecimal.class) {
            converted = getBigDecimal(column);
        } else if (type == Boolean.class) {
            converted = getBoolean(column);
        } else {
            throw new SQLException("cannot convert " + v.getClass().getName() + " to " + type.getName(), SqlStates.INVALID_PARAMETER_VALUE);
        }
        return type.cast(converted);
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public String getString(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (v instanceof byte[] b) {
            StringBuilder sb = new StringBuilder("\\x");
            for (byte x : b) {
                sb.append(String.format("%02x", x & 0xff));
            }
            return sb.toString();
        }
        return v.toString();
    }

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
        switch (s) {
            case "t": case "true": case "1": case "yes": case "on": case "y":
                return true;
            case "f": case "false": case "0": case "no": case "off": case "n":
                return false;
            default:
                throw new SQLException("cannot convert " + s + " to boolean", SqlStates.INVALID_CHARACTER_VALUE_FOR_CAST);
        }
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    private BigDecimal decimal(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(v.toString());
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new SQLException("cannot convert " + v + " to a number", SqlStates.INVALID_CHARACTER_VALUE_FOR_CAST);
        }
    }

    private long integral(int column, long min, long max, String type) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return 0;
        }
        long n;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else {
            BigDecimal d = decimal(column);
            try {
                n = d.setScale(0, RoundingMode.DOWN).longValueExact();
            } catch (ArithmeticException e) {
                throw new SQLException("value " + d + " is out of range for " + type, SqlStates.NUMERIC_VALUE_OUT_OF_RANGE);
            }
        }
        if (n < min || n > max) {
            throw new SQLException("value " + n + " is out of range for " + type, SqlStates.NUMERIC_VALUE_OUT_OF_RANGE);
        }
        return n;
    }

    @Override
    public byte getByte(int column) throws SQLException {
        return (byte) integral(column, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(int column) throws SQLException {
        return (short) integral(column, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(int column) throws SQLException {
        return (int) integral(column, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(int column) throws SQLException {
        return integral(column, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : v instanceof Number n ? n.floatValue() : decimal(column).floatValue();
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : v instanceof Number n ? n.doubleValue() : decimal(column).doubleValue();
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        return decimal(column);
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return decimal(findColumn(label));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = decimal(column);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        Object v = value(column);
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        return getString(column).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    private <T> T temporal(int column, Class<T> type) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        if (v instanceof java.util.Date d) {
            long ms = d.getTime();
            Object r = type == Timestamp.class ? new Timestamp(ms) : type == Date.class ? new Date(ms) : new Time(ms);
            return type.cast(r);
        }
        throw new SQLException("cannot convert " + v.getClass().getName() + " to " + type.getSimpleName(), SqlStates.INVALID_CHARACTER_VALUE_FOR_CAST);
    }

    @Override
    public Date getDate(int column) throws SQLException {
        return temporal(column, Date.class);
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Date getDate(int column, Calendar cal) throws SQLException {
        return getDate(column);
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(int column) throws SQLException {
        return temporal(column, Time.class);
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Time getTime(int column, Calendar cal) throws SQLException {
        return getTime(column);
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        return temporal(column, Timestamp.class);
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
        return getTimestamp(column);
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public java.sql.Array getArray(int column) throws SQLException {
        Object v = value(column);
        if (v == null || v instanceof java.sql.Array) {
            return (java.sql.Array) v;
        }
        throw new SQLException("column " + column + " is not an array", SqlStates.INVALID_CHARACTER_VALUE_FOR_CAST);
    }

    @Override
    public java.sql.Array getArray(String label) throws SQLException {
        return getArray(findColumn(label));
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return index >= 0 && index < rows.size() ? index + 1 : 0;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return index < 0 && !rows.isEmpty();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return index >= rows.size() && !rows.isEmpty();
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return index == 0 && !rows.isEmpty();
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return index == rows.size() - 1 && !rows.isEmpty();
    }

    @Override
    public int getType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public int getFetchSize() {
        return 0;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
    }

    @Override
    public int getHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }
}
