package io.synapsedb.exec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** How the application asked for generated keys; physical statements are prepared the same way. */
public record GeneratedKeys(int mode, int[] columnIndexes, String[] columnNames) {

    public static final GeneratedKeys NONE = new GeneratedKeys(Statement.NO_GENERATED_KEYS, null, null);

    public boolean requested() {
        return mode == Statement.RETURN_GENERATED_KEYS;
    }

    public PreparedStatement prepare(Connection c, String sql) throws SQLException {
        if (columnNames != null) {
            return c.prepareStatement(sql, columnNames);
        }
        if (columnIndexes != null) {
            return c.prepareStatement(sql, columnIndexes);
        }
        if (mode == Statement.RETURN_GENERATED_KEYS) {
            return c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
        }
        return c.prepareStatement(sql);
    }
}
