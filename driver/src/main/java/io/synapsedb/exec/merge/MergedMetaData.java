package io.synapsedb.exec.merge;

import io.synapsedb.core.SqlStates;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The metadata of a merged result: a group's metadata without the trailing columns the driver
 * added, and with the type of an AVG column (sent to the groups as SUM) as PostgreSQL types
 * {@code avg}: {@code numeric}, or {@code double precision} for floating-point input.
 */
public final class MergedMetaData implements ResultSetMetaData {

    private final ResultSetMetaData group;
    private final int columns;
    /** Per column (1-based, index 0 unused): true when it is an AVG computed by the driver. */
    private final boolean[] average;

    public MergedMetaData(ResultSetMetaData group, int hidden, boolean[] average) throws SQLException {
        this.group = group;
        this.columns = group.getColumnCount() - hidden;
        this.average = average;
    }

    private int check(int column) throws SQLException {
        if (column < 1 || column > columns) {
            throw new SQLException("column index " + column + " is out of range 1.." + columns, SqlStates.INVALID_PARAMETER_VALUE);
        }
        return column;
    }

    private boolean isAverage(int column) {
        return average != null && column < average.length && average[column];
    }

    private boolean floatAverage(int column) throws SQLException {
        int t = group.getColumnType(column);
        return t == Types.REAL || t == Types.DOUBLE || t == Types.FLOAT;
    }

    @Override
    public int getColumnCount() {
        return columns;
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        return !isAverage(check(column)) && group.isAutoIncrement(column);
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return group.isCaseSensitive(check(column));
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        return group.isSearchable(check(column));
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        return group.isCurrency(check(column));
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return group.isNullable(check(column));
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return isAverage(check(column)) || group.isSigned(column);
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return isAverage(check(column)) ? (floatAverage(column) ? 25 : 131089) : group.getColumnDisplaySize(column);
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return group.getColumnLabel(check(column));
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return group.getColumnName(check(column));
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        return group.getSchemaName(check(column));
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return isAverage(check(column)) ? (floatAverage(column) ? 17 : 0) : group.getPrecision(column);
    }

    @Override
    public int getScale(int column) throws SQLException {
        return isAverage(check(column)) ? (floatAverage(column) ? 17 : 0) : group.getScale(column);
    }

    @Override
    public String getTableName(int column) throws SQLException {
        return group.getTableName(check(column));
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        return group.getCatalogName(check(column));
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return isAverage(check(column)) ? (floatAverage(column) ? Types.DOUBLE : Types.NUMERIC)
                : group.getColumnType(column);
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return isAverage(check(column)) ? (floatAverage(column) ? "float8" : "numeric")
                : group.getColumnTypeName(column);
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        return group.isReadOnly(check(column));
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        return group.isWritable(check(column));
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        return group.isDefinitelyWritable(check(column));
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return isAverage(check(column)) ? (floatAverage(column) ? "java.lang.Double" : "java.math.BigDecimal")
                : group.getColumnClassName(column);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), SqlStates.GENERAL_ERROR);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
