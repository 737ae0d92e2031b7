package io.synapsedb.sql;

import java.util.List;

/**
 * The shape of an {@code INSERT ... VALUES}: one entry per row with where its shard-key value comes
 * from, and a renderer that rebuilds the statement for a subset of rows (a multi-row insert split
 * by group) or with a generated key added.
 */
public interface InsertShape {

    /** Normalised target table. */
    String table();

    /**
     * Per row, where the shard key's value comes from, or {@code null} when the row does not give
     * one (the column is omitted, or the row says {@code DEFAULT}): the driver then generates it
     * from the key's sequence.
     */
    List<KeyRef> rowKeys();

    /** Number of rows in {@code VALUES}. */
    default int rowCount() {
        return rowKeys().size();
    }

    /** Every row index, in order: the argument to {@link #render} for the whole statement. */
    default int[] allRows() {
        int[] rows = new int[rowCount()];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = r;
        }
        return rows;
    }

    /** {@code INSERT ... SELECT}: no per-row keys ({@link #rowKeys()} is empty). */
    boolean fromSelect();

    /**
     * Renders the statement for the given rows (0-based indexes into {@link #rowKeys()}, in the
     * order given), adding the shard-key column bound to a generated value for rows whose key is
     * {@code null}, and {@code OVERRIDING SYSTEM VALUE} when {@code overridingSystemValue} is true.
     * Everything after {@code VALUES} ({@code ON CONFLICT}, {@code RETURNING}) is kept.
     */
    PhysicalSql render(int[] rows, boolean overridingSystemValue);
}
