package io.synapsedb.exec.merge;

import io.synapsedb.core.SqlStates;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Map;

/**
 * A result set that reads from a physical (pgJDBC) result set chosen by {@link #current()}, and
 * answers {@link #getStatement()} with the logical statement. Subclasses decide what "current" is:
 * one group's result, or the groups' results one after another.
 */
public abstract class DelegatingResultSet implements ResultSet {

    protected final Statement owner;
    private boolean closed;

    protected DelegatingResultSet(Statement owner) {
        this.owner = owner;
    }

    /** The physical result set the getters read. */
    protected abstract ResultSet current() throws SQLException;

    /** Closes the physical result sets. */
    protected abstract void closePhysical() throws SQLException;

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            closePhysical();
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed;
    }

    protected final void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("result set is closed", SqlStates.OBJECT_NOT_IN_PREREQUISITE_STATE);
        }
    }

    @Override
    public Statement getStatement() throws SQLException {
        return owner;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return current().getMetaData();
    }

    @Override
    public Object getObject(int a0) throws SQLException {
        return current().getObject(a0);
    }

    @Override
    public Object getObject(String a0) throws SQLException {
        return current().getObject(a0);
    }

    @Override
    public Object getObject(int a0, Map<String, Class<?>> a1) throws SQLException {
        return current().getObject(a0, a1);
    }

    @Override
    public Object getObject(String a0, Map<String, Class<?>> a1) throws SQLException {
        return current().getObject(a0, a1);
    }

    @Override
    public <T> T getObject(int a0, Class<T> a1) throws SQLException {
        return current().getObject(a0, a1);
    }

    @Override
    public <T> T getObject(String a0, Class<T> a1) throws SQLException {
        return current().getObject(a0, a1);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return current().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || current().isWrapperFor(iface);
    }

    @Override
    public boolean wasNull() throws SQLException {
        return current().wasNull();
    }

    @Override
    public String getString(int a0) throws SQLException {
        return current().getString(a0);
    }

    @Override
    public boolean getBoolean(int a0) throws SQLException {
        return current().getBoolean(a0);
    }

    @Override
    public byte getByte(int a0) throws SQLException {
        return current().getByte(a0);
    }

    @Override
    public short getShort(int a0) throws SQLException {
        return current().getShort(a0);
    }

    @Override
    public int getInt(int a0) throws SQLException {
        return current().getInt(a0);
    }

    @Override
    public long getLong(int a0) throws SQLException {
        return current().getLong(a0);
    }

    @Override
    public float getFloat(int a0) throws SQLException {
        return current().getFloat(a0);
    }

    @Override
    public double getDouble(int a0) throws SQLException {
        return current().getDouble(a0);
    }

    @Override
    @Deprecated
    public java.math.BigDecimal getBigDecimal(int a0, int a1) throws SQLException {
        return current().getBigDecimal(a0, a1);
    }

    @Override
    public byte[] getBytes(int a0) throws SQLException {
        return current().getBytes(a0);
    }

    @Override
    public Date getDate(int a0) throws SQLException {
        return current().getDate(a0);
    }

    @Override
    public Time getTime(int a0) throws SQLException {
        return current().getTime(a0);
    }

    @Override
    public Timestamp getTimestamp(int a0) throws SQLException {
        return current().getTimestamp(a0);
    }

    @Override
    public java.io.InputStream getAsciiStream(int a0) throws SQLException {
        return current().getAsciiStream(a0);
    }

    @Override
    @Deprecated
    public java.io.InputStream getUnicodeStream(int a0) throws SQLException {
        return current().getUnicodeStream(a0);
    }

    @Override
    public java.io.InputStream getBinaryStream(int a0) throws SQLException {
        return current().getBinaryStream(a0);
    }

    @Override
    public String getString(String a0) throws SQLException {
        return current().getString(a0);
    }

    @Override
    public boolean getBoolean(String a0) throws SQLException {
        return current().getBoolean(a0);
    }

    @Override
    public byte getByte(String a0) throws SQLException {
        return current().getByte(a0);
    }

    @Override
    public short getShort(String a0) throws SQLException {
        return current().getShort(a0);
    }

    @Override
    public int getInt(String a0) throws SQLException {
        return current().getInt(a0);
    }

    @Override
    public long getLong(String a0) throws SQLException {
        return current().getLong(a0);
    }

    @Override
    public float getFloat(String a0) throws SQLException {
        return current().getFloat(a0);
    }

    @Override
    public double getDouble(String a0) throws SQLException {
        return current().getDouble(a0);
    }

    @Override
    @Deprecated
    public java.math.BigDecimal getBigDecimal(String a0, int a1) throws SQLException {
        return current().getBigDecimal(a0, a1);
    }

    @Override
    public byte[] getBytes(String a0) throws SQLException {
        return current().getBytes(a0);
    }

    @Override
    public Date getDate(String a0) throws SQLException {
        return current().getDate(a0);
    }

    @Override
    public Time getTime(String a0) throws SQLException {
        return current().getTime(a0);
    }

    @Override
    public Timestamp getTimestamp(String a0) throws SQLException {
        return current().getTimestamp(a0);
    }

    @Override
    public java.io.InputStream getAsciiStream(String a0) throws SQLException {
        return current().getAsciiStream(a0);
    }

    @Override
    @Deprecated
    public java.io.InputStream getUnicodeStream(String a0) throws SQLException {
        return current().getUnicodeStream(a0);
    }

    @Override
    public java.io.InputStream getBinaryStream(String a0) throws SQLException {
        return current().getBinaryStream(a0);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return current().getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        current().clearWarnings();
    }

    @Override
    public String getCursorName() throws SQLException {
        return current().getCursorName();
    }

    @Override
    public int findColumn(String a0) throws SQLException {
        return current().findColumn(a0);
    }

    @Override
    public java.io.Reader getCharacterStream(int a0) throws SQLException {
        return current().getCharacterStream(a0);
    }

    @Override
    public java.io.Reader getCharacterStream(String a0) throws SQLException {
        return current().getCharacterStream(a0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int a0) throws SQLException {
        return current().getBigDecimal(a0);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(String a0) throws SQLException {
        return current().getBigDecimal(a0);
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        return current().isBeforeFirst();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        return current().isAfterLast();
    }

    @Override
    public boolean isFirst() throws SQLException {
        return current().isFirst();
    }

    @Override
    public boolean isLast() throws SQLException {
        return current().isLast();
    }

    @Override
    public void beforeFirst() throws SQLException {
        current().beforeFirst();
    }

    @Override
    public void afterLast() throws SQLException {
        current().afterLast();
    }

    @Override
    public boolean first() throws SQLException {
        return current().first();
    }

    @Override
    public boolean last() throws SQLException {
        return current().last();
    }

    @Override
    public int getRow() throws SQLException {
        return current().getRow();
    }

    @Override
    public boolean absolute(int a0) throws SQLException {
        return current().absolute(a0);
    }

    @Override
    public boolean relative(int a0) throws SQLException {
        return current().relative(a0);
    }

    @Override
    public boolean previous() throws SQLException {
        return current().previous();
    }

    @Override
    public void setFetchDirection(int a0) throws SQLException {
        current().setFetchDirection(a0);
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return current().getFetchDirection();
    }

    @Override
    public void setFetchSize(int a0) throws SQLException {
        current().setFetchSize(a0);
    }

    @Override
    public int getFetchSize() throws SQLException {
        return current().getFetchSize();
    }

    @Override
    public int getType() throws SQLException {
        return current().getType();
    }

    @Override
    public int getConcurrency() throws SQLException {
        return current().getConcurrency();
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        return current().rowUpdated();
    }

    @Override
    public boolean rowInserted() throws SQLException {
        return current().rowInserted();
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        return current().rowDeleted();
    }

    @Override
    public void updateNull(int a0) throws SQLException {
        current().updateNull(a0);
    }

    @Override
    public void updateBoolean(int a0, boolean a1) throws SQLException {
        current().updateBoolean(a0, a1);
    }

    @Override
    public void updateByte(int a0, byte a1) throws SQLException {
        current().updateByte(a0, a1);
    }

    @Override
    public void updateShort(int a0, short a1) throws SQLException {
        current().updateShort(a0, a1);
    }

    @Override
    public void updateInt(int a0, int a1) throws SQLException {
        current().updateInt(a0, a1);
    }

    @Override
    public void updateLong(int a0, long a1) throws SQLException {
        current().updateLong(a0, a1);
    }

    @Override
    public void updateFloat(int a0, float a1) throws SQLException {
        current().updateFloat(a0, a1);
    }

    @Override
    public void updateDouble(int a0, double a1) throws SQLException {
        current().updateDouble(a0, a1);
    }

    @Override
    public void updateBigDecimal(int a0, java.math.BigDecimal a1) throws SQLException {
        current().updateBigDecimal(a0, a1);
    }

    @Override
    public void updateString(int a0, String a1) throws SQLException {
        current().updateString(a0, a1);
    }

    @Override
    public void updateBytes(int a0, byte[] a1) throws SQLException {
        current().updateBytes(a0, a1);
    }

    @Override
    public void updateDate(int a0, Date a1) throws SQLException {
        current().updateDate(a0, a1);
    }

    @Override
    public void updateTime(int a0, Time a1) throws SQLException {
        current().updateTime(a0, a1);
    }

    @Override
    public void updateTimestamp(int a0, Timestamp a1) throws SQLException {
        current().updateTimestamp(a0, a1);
    }

    @Override
    public void updateAsciiStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        current().updateAsciiStream(a0, a1, a2);
    }

    @Override
    public void updateBinaryStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        current().updateBinaryStream(a0, a1, a2);
    }

    @Override
    public void updateCharacterStream(int a0, java.io.Reader a1, int a2) throws SQLException {
        current().updateCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateObject(int a0, Object a1, int a2) throws SQLException {
        current().updateObject(a0, a1, a2);
    }

    @Override
    public void updateObject(int a0, Object a1) throws SQLException {
        current().updateObject(a0, a1);
    }

    @Override
    public void updateNull(String a0) throws SQLException {
        current().updateNull(a0);
    }

    @Override
    public void updateBoolean(String a0, boolean a1) throws SQLException {
        current().updateBoolean(a0, a1);
    }

    @Override
    public void updateByte(String a0, byte a1) throws SQLException {
        current().updateByte(a0, a1);
    }

    @Override
    public void updateShort(String a0, short a1) throws SQLException {
        current().updateShort(a0, a1);
    }

    @Override
    public void updateInt(String a0, int a1) throws SQLException {
        current().updateInt(a0, a1);
    }

    @Override
    public void updateLong(String a0, long a1) throws SQLException {
        current().updateLong(a0, a1);
    }

    @Override
    public void updateFloat(String a0, float a1) throws SQLException {
        current().updateFloat(a0, a1);
    }

    @Override
    public void updateDouble(String a0, double a1) throws SQLException {
        current().updateDouble(a0, a1);
    }

    @Override
    public void updateBigDecimal(String a0, java.math.BigDecimal a1) throws SQLException {
        current().updateBigDecimal(a0, a1);
    }

    @Override
    public void updateString(String a0, String a1) throws SQLException {
        current().updateString(a0, a1);
    }

    @Override
    public void updateBytes(String a0, byte[] a1) throws SQLException {
        current().updateBytes(a0, a1);
    }

    @Override
    public void updateDate(String a0, Date a1) throws SQLException {
        current().updateDate(a0, a1);
    }

    @Override
    public void updateTime(String a0, Time a1) throws SQLException {
        current().updateTime(a0, a1);
    }

    @Override
    public void updateTimestamp(String a0, Timestamp a1) throws SQLException {
        current().updateTimestamp(a0, a1);
    }

    @Override
    public void updateAsciiStream(String a0, java.io.InputStream a1, int a2) throws SQLException {
        current().updateAsciiStream(a0, a1, a2);
    }

    @Override
    public void updateBinaryStream(String a0, java.io.InputStream a1, int a2) throws SQLException {
        current().updateBinaryStream(a0, a1, a2);
    }

    @Override
    public void updateCharacterStream(String a0, java.io.Reader a1, int a2) throws SQLException {
        current().updateCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateObject(String a0, Object a1, int a2) throws SQLException {
        current().updateObject(a0, a1, a2);
    }

    @Override
    public void updateObject(String a0, Object a1) throws SQLException {
        current().updateObject(a0, a1);
    }

    @Override
    public void insertRow() throws SQLException {
        current().insertRow();
    }

    @Override
    public void updateRow() throws SQLException {
        current().updateRow();
    }

    @Override
    public void deleteRow() throws SQLException {
        current().deleteRow();
    }

    @Override
    public void refreshRow() throws SQLException {
        current().refreshRow();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        current().cancelRowUpdates();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        current().moveToInsertRow();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        current().moveToCurrentRow();
    }

    @Override
    public Ref getRef(int a0) throws SQLException {
        return current().getRef(a0);
    }

    @Override
    public Blob getBlob(int a0) throws SQLException {
        return current().getBlob(a0);
    }

    @Override
    public Clob getClob(int a0) throws SQLException {
        return current().getClob(a0);
    }

    @Override
    public Array getArray(int a0) throws SQLException {
        return current().getArray(a0);
    }

    @Override
    public Ref getRef(String a0) throws SQLException {
        return current().getRef(a0);
    }

    @Override
    public Blob getBlob(String a0) throws SQLException {
        return current().getBlob(a0);
    }

    @Override
    public Clob getClob(String a0) throws SQLException {
        return current().getClob(a0);
    }

    @Override
    public Array getArray(String a0) throws SQLException {
        return current().getArray(a0);
    }

    @Override
    public Date getDate(int a0, java.util.Calendar a1) throws SQLException {
        return current().getDate(a0, a1);
    }

    @Override
    public Date getDate(String a0, java.util.Calendar a1) throws SQLException {
        return current().getDate(a0, a1);
    }

    @Override
    public Time getTime(int a0, java.util.Calendar a1) throws SQLException {
        return current().getTime(a0, a1);
    }

    @Override
    public Time getTime(String a0, java.util.Calendar a1) throws SQLException {
        return current().getTime(a0, a1);
    }

    @Override
    public Timestamp getTimestamp(int a0, java.util.Calendar a1) throws SQLException {
        return current().getTimestamp(a0, a1);
    }

    @Override
    public Timestamp getTimestamp(String a0, java.util.Calendar a1) throws SQLException {
        return current().getTimestamp(a0, a1);
    }

    @Override
    public java.net.URL getURL(int a0) throws SQLException {
        return current().getURL(a0);
    }

    @Override
    public java.net.URL getURL(String a0) throws SQLException {
        return current().getURL(a0);
    }

    @Override
    public void updateRef(int a0, Ref a1) throws SQLException {
        current().updateRef(a0, a1);
    }

    @Override
    public void updateRef(String a0, Ref a1) throws SQLException {
        current().updateRef(a0, a1);
    }

    @Override
    public void updateBlob(int a0, Blob a1) throws SQLException {
        current().updateBlob(a0, a1);
    }

    @Override
    public void updateBlob(String a0, Blob a1) throws SQLException {
        current().updateBlob(a0, a1);
    }

    @Override
    public void updateClob(int a0, Clob a1) throws SQLException {
        current().updateClob(a0, a1);
    }

    @Override
    public void updateClob(String a0, Clob a1) throws SQLException {
        current().updateClob(a0, a1);
    }

    @Override
    public void updateArray(int a0, Array a1) throws SQLException {
        current().updateArray(a0, a1);
    }

    @Override
    public void updateArray(String a0, Array a1) throws SQLException {
        current().updateArray(a0, a1);
    }

    @Override
    public RowId getRowId(int a0) throws SQLException {
        return current().getRowId(a0);
    }

    @Override
    public RowId getRowId(String a0) throws SQLException {
        return current().getRowId(a0);
    }

    @Override
    public void updateRowId(int a0, RowId a1) throws SQLException {
        current().updateRowId(a0, a1);
    }

    @Override
    public void updateRowId(String a0, RowId a1) throws SQLException {
        current().updateRowId(a0, a1);
    }

    @Override
    public int getHoldability() throws SQLException {
        return current().getHoldability();
    }

    @Override
    public void updateNString(int a0, String a1) throws SQLException {
        current().updateNString(a0, a1);
    }

    @Override
    public void updateNString(String a0, String a1) throws SQLException {
        current().updateNString(a0, a1);
    }

    @Override
    public void updateNClob(int a0, NClob a1) throws SQLException {
        current().updateNClob(a0, a1);
    }

    @Override
    public void updateNClob(String a0, NClob a1) throws SQLException {
        current().updateNClob(a0, a1);
    }

    @Override
    public NClob getNClob(int a0) throws SQLException {
        return current().getNClob(a0);
    }

    @Override
    public NClob getNClob(String a0) throws SQLException {
        return current().getNClob(a0);
    }

    @Override
    public SQLXML getSQLXML(int a0) throws SQLException {
        return current().getSQLXML(a0);
    }

    @Override
    public SQLXML getSQLXML(String a0) throws SQLException {
        return current().getSQLXML(a0);
    }

    @Override
    public void updateSQLXML(int a0, SQLXML a1) throws SQLException {
        current().updateSQLXML(a0, a1);
    }

    @Override
    public void updateSQLXML(String a0, SQLXML a1) throws SQLException {
        current().updateSQLXML(a0, a1);
    }

    @Override
    public String getNString(int a0) throws SQLException {
        return current().getNString(a0);
    }

    @Override
    public String getNString(String a0) throws SQLException {
        return current().getNString(a0);
    }

    @Override
    public java.io.Reader getNCharacterStream(int a0) throws SQLException {
        return current().getNCharacterStream(a0);
    }

    @Override
    public java.io.Reader getNCharacterStream(String a0) throws SQLException {
        return current().getNCharacterStream(a0);
    }

    @Override
    public void updateNCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        current().updateNCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateNCharacterStream(String a0, java.io.Reader a1, long a2) throws SQLException {
        current().updateNCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateAsciiStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        current().updateAsciiStream(a0, a1, a2);
    }

    @Override
    public void updateBinaryStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        current().updateBinaryStream(a0, a1, a2);
    }

    @Override
    public void updateCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        current().updateCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateAsciiStream(String a0, java.io.InputStream a1, long a2) throws SQLException {
        current().updateAsciiStream(a0, a1, a2);
    }

    @Override
    public void updateBinaryStream(String a0, java.io.InputStream a1, long a2) throws SQLException {
        current().updateBinaryStream(a0, a1, a2);
    }

    @Override
    public void updateCharacterStream(String a0, java.io.Reader a1, long a2) throws SQLException {
        current().updateCharacterStream(a0, a1, a2);
    }

    @Override
    public void updateBlob(int a0, java.io.InputStream a1, long a2) throws SQLException {
        current().updateBlob(a0, a1, a2);
    }

    @Override
    public void updateBlob(String a0, java.io.InputStream a1, long a2) throws SQLException {
        current().updateBlob(a0, a1, a2);
    }

    @Override
    public void updateClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        current().updateClob(a0, a1, a2);
    }

    @Override
    public void updateClob(String a0, java.io.Reader a1, long a2) throws SQLException {
        current().updateClob(a0, a1, a2);
    }

    @Override
    public void updateNClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        current().updateNClob(a0, a1, a2);
    }

    @Override
    public void updateNClob(String a0, java.io.Reader a1, long a2) throws SQLException {
        current().updateNClob(a0, a1, a2);
    }

    @Override
    public void updateNCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        current().updateNCharacterStream(a0, a1);
    }

    @Override
    public void updateNCharacterStream(String a0, java.io.Reader a1) throws SQLException {
        current().updateNCharacterStream(a0, a1);
    }

    @Override
    public void updateAsciiStream(int a0, java.io.InputStream a1) throws SQLException {
        current().updateAsciiStream(a0, a1);
    }

    @Override
    public void updateBinaryStream(int a0, java.io.InputStream a1) throws SQLException {
        current().updateBinaryStream(a0, a1);
    }

    @Override
    public void updateCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        current().updateCharacterStream(a0, a1);
    }

    @Override
    public void updateAsciiStream(String a0, java.io.InputStream a1) throws SQLException {
        current().updateAsciiStream(a0, a1);
    }

    @Override
    public void updateBinaryStream(String a0, java.io.InputStream a1) throws SQLException {
        current().updateBinaryStream(a0, a1);
    }

    @Override
    public void updateCharacterStream(String a0, java.io.Reader a1) throws SQLException {
        current().updateCharacterStream(a0, a1);
    }

    @Override
    public void updateBlob(int a0, java.io.InputStream a1) throws SQLException {
        current().updateBlob(a0, a1);
    }

    @Override
    public void updateBlob(String a0, java.io.InputStream a1) throws SQLException {
        current().updateBlob(a0, a1);
    }

    @Override
    public void updateClob(int a0, java.io.Reader a1) throws SQLException {
        current().updateClob(a0, a1);
    }

    @Override
    public void updateClob(String a0, java.io.Reader a1) throws SQLException {
        current().updateClob(a0, a1);
    }

    @Override
    public void updateNClob(int a0, java.io.Reader a1) throws SQLException {
        current().updateNClob(a0, a1);
    }

    @Override
    public void updateNClob(String a0, java.io.Reader a1) throws SQLException {
        current().updateNClob(a0, a1);
    }

    @Override
    public void updateObject(int a0, Object a1, java.sql.SQLType a2, int a3) throws SQLException {
        current().updateObject(a0, a1, a2, a3);
    }

    @Override
    public void updateObject(String a0, Object a1, java.sql.SQLType a2, int a3) throws SQLException {
        current().updateObject(a0, a1, a2, a3);
    }

    @Override
    public void updateObject(int a0, Object a1, java.sql.SQLType a2) throws SQLException {
        current().updateObject(a0, a1, a2);
    }

    @Override
    public void updateObject(String a0, Object a1, java.sql.SQLType a2) throws SQLException {
        current().updateObject(a0, a1, a2);
    }
}
