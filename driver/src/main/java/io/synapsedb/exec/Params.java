package io.synapsedb.exec;

import io.synapsedb.core.SqlStates;
import io.synapsedb.route.ParamSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The values bound to a logical prepared statement. They are kept (not sent) until execution,
 * when the router has read the shard key and chosen the group; then they are bound to that
 * group's physical statement. The common setters are stored by type code without a lambda; the
 * rest as a {@link Binder}.
 */
public final class Params implements ParamSource {

    /** Binds one value to a physical statement at a physical index. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }

    private static final byte UNSET = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte STRING = 3;
    private static final byte OBJECT = 4;
    private static final byte NULL = 5;
    private static final byte BINDER = 6;

    private byte[] kinds;
    private Object[] values;
    private Object[] binders;
    private long[] longs;

    public Params(int count) {
        int n = Math.max(count, 0);
        kinds = new byte[n];
        values = new Object[n];
        binders = new Object[n];
        longs = new long[n];
    }

    private Params(Params other) {
        kinds = other.kinds.clone();
        values = other.values.clone();
        binders = other.binders.clone();
        longs = other.longs.clone();
    }

    /** A copy, for {@code addBatch}. */
    public Params snapshot() {
        return new Params(this);
    }

    public int count() {
        return kinds.length;
    }

    private int slot(int index) throws SQLException {
        if (index < 1) {
            throw new SQLException("parameter index " + index + " is out of range", SqlStates.INVALID_PARAMETER_VALUE);
        }
        if (index > kinds.length) {
            // The analyser counts '?'; a statement it could not read may have more: grow.
            int n = index;
            kinds = Arrays.copyOf(kinds, n);
            values = Arrays.copyOf(values, n);
            binders = Arrays.copyOf(binders, n);
            longs = Arrays.copyOf(longs, n);
        }
        return index - 1;
    }

    public void setInt(int index, int x) throws SQLException {
        int i = slot(index);
        kinds[i] = INT;
        longs[i] = x;
        values[i] = null;
    }

    public void setLong(int index, long x) throws SQLException {
        int i = slot(index);
        kinds[i] = LONG;
        longs[i] = x;
        values[i] = null;
    }

    public void setString(int index, String x) throws SQLException {
        int i = slot(index);
        kinds[i] = x == null ? NULL : STRING;
        values[i] = x;
        longs[i] = java.sql.Types.VARCHAR;
    }

    public void setObject(int index, Object x) throws SQLException {
        int i = slot(index);
        kinds[i] = x == null ? NULL : OBJECT;
        values[i] = x;
        longs[i] = java.sql.Types.OTHER;
    }

    public void setNull(int index, int sqlType) throws SQLException {
        int i = slot(index);
        kinds[i] = NULL;
        values[i] = null;
        longs[i] = sqlType;
    }

    /** Any other setter: {@code routeValue} is what the router sees as the value. */
    public void set(int index, Object routeValue, Binder binder) throws SQLException {
        int i = slot(index);
        kinds[i] = BINDER;
        values[i] = routeValue;
        binders[i] = binder;
    }

    public void clear() {
        Arrays.fill(kinds, UNSET);
        Arrays.fill(values, null);
        Arrays.fill(binders, null);
    }

    /** The value at 1-based {@code index} as the router reads it. */
    @Override
    public Object get(int index) throws SQLException {
        int i = index - 1;
        if (i < 0 || i >= kinds.length || kinds[i] == UNSET) {
            throw new SQLException("no value specified for parameter " + index, SqlStates.INVALID_PARAMETER_VALUE);
        }
        switch (kinds[i]) {
            case INT: return (int) longs[i];
            case LONG: return longs[i];
            default: return values[i];
        }
    }

    /** True when parameter {@code index} holds an integer bound with setInt/setLong; see {@link #longAt}. */
    public boolean isIntegral(int index) {
        int i = index - 1;
        return i >= 0 && i < kinds.length && (kinds[i] == INT || kinds[i] == LONG);
    }

    public long longAt(int index) {
        return longs[index - 1];
    }

    /** Binds logical parameter {@code logical} to physical index {@code physical} of {@code ps}. */
    public void bind(PreparedStatement ps, int physical, int logical) throws SQLException {
        int i = logical - 1;
        if (i < 0 || i >= kinds.length) {
            throw new SQLException("no value specified for parameter " + logical, SqlStates.INVALID_PARAMETER_VALUE);
        }
        switch (kinds[i]) {
            case INT: ps.setInt(physical, (int) longs[i]); break;
            case LONG: ps.setLong(physical, longs[i]); break;
            case STRING: ps.setString(physical, (String) values[i]); break;
            case OBJECT: ps.setObject(physical, values[i]); break;
            case NULL: ps.setNull(physical, (int) longs[i]); break;
            case BINDER: ((Binder) binders[i]).bind(ps, physical); break;
            default: throw new SQLException("no value specified for parameter " + logical, SqlStates.INVALID_PARAMETER_VALUE);
        }
    }

    /** Binds all parameters in order (the physical statement has the logical text). */
    public void bindAll(PreparedStatement ps) throws SQLException {
        for (int p = 1; p <= kinds.length; p++) {
            bind(ps, p, p);
        }
    }
}
