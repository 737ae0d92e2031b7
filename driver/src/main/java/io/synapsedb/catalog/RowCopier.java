package io.synapsedb.catalog;

import io.synapsedb.core.Sql;
import io.synapsedb.core.SqlStates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Copies a table's rows from one group to another with {@code COPY} in PostgreSQL's binary format,
 * which keeps every value exactly as stored (no text round trip of floats, timestamps or bytea).
 * Used for a reference table's rows, which every group holds.
 */
final class RowCopier {

    private RowCopier() {
    }

    /**
     * Copies every row of {@code table} on {@code from} into the same table on {@code to}, inside
     * whatever transactions the two connections are in.
     *
     * @throws SQLException 08006 when the copy stream breaks; the server's error otherwise
     */
    static void copyRows(Connection from, Connection to, String table) throws SQLException {
        try {
            CopyManager out = from.unwrap(PGConnection.class).getCopyAPI();
            CopyManager in = to.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            out.copyOut("COPY " + Sql.table(table) + " TO STDOUT (FORMAT binary)", buffer);
            in.copyIn("COPY " + Sql.table(table) + " FROM STDIN (FORMAT binary)",
                    new ByteArrayInputStream(buffer.toByteArray()));
        } catch (IOException e) {
            throw new SQLException("copying rows of reference table " + table + " failed: " + e.getMessage(),
                    SqlStates.CONNECTION_FAILURE, e);
        }
    }
}
