package io.synapsedb.benchmarks.layout;

import java.util.List;

/**
 * A per-statement fence for a table that keeps several slots in one relation: a predicate, added
 * to a statement bounded to one slot, that fails the statement inside PostgreSQL when the key's
 * slot is not (any longer) on this group. It asks the table's fence function
 * ({@link Storage#FENCED_FUNCTION}), the one list of owned slots the group keeps, so that the
 * {@code CHECK} and the guard cannot disagree.
 *
 * <p>A {@code CHECK} fences rows that arrive; it cannot fence an UPDATE, DELETE or SELECT by key
 * that reaches a group the slot has left, because such a statement finds no row and so meets no
 * constraint: it would report 0 rows, silently wrong. Today's direct partitions fence those by
 * naming the slot's partition, which is gone ({@code 42P01}).
 *
 * <p>The predicate has no column in it, so PostgreSQL evaluates it once, as a one-time filter
 * before reading any row. The function that raises runs only when the slot is missing. Both are
 * {@code STABLE} so that the predicate stays a one-time filter (a volatile function would be
 * evaluated per row, that is never when there is no row).
 */
final class SlotGuard {

    /** The SQLState of a statement refused by the guard (a class of our own: no PostgreSQL error uses it). */
    static final String SQLSTATE = "SY001";
    static final String FUNCTION = "synapse_stale_route";

    private SlotGuard() {
    }

    /** The function that refuses. */
    static List<String> install() {
        return List.of("CREATE FUNCTION " + FUNCTION + "(rel text, slot int) RETURNS boolean LANGUAGE plpgsql STABLE AS $$"
                        + " BEGIN RAISE EXCEPTION 'stale route: slot % of table % is not on this group', slot, rel"
                        + " USING ERRCODE = '" + SQLSTATE + "', HINT = 'refresh the catalog and retry'; END $$");
    }

    /**
     * The predicate to AND into a single-slot statement's WHERE on {@code table} of {@code storage};
     * its parameters, after the statement's own, are the key and the key's slot ({@link #bind}).
     */
    static String predicate(Storage storage, String table) {
        String fence = storage.fenceFunctionName(table);
        if (fence == null) {
            throw new IllegalArgumentException(storage + " has no fence function to guard statements with");
        }
        return " AND (" + fence + "(?) OR " + FUNCTION + "('" + table + "', ?))";
    }

    /** Binds the predicate's parameters from position {@code first}. */
    static void bind(java.sql.PreparedStatement ps, int first, long key, int slot) throws java.sql.SQLException {
        ps.setLong(first, key);
        ps.setInt(first + 1, slot);
    }
}
