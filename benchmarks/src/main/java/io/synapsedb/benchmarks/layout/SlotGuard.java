package io.synapsedb.benchmarks.layout;

import java.util.List;

/**
 * A per-statement fence for a table that keeps several slots in one relation: a group's own list
 * of the slots it owns ({@code synapse_owned_slots}) and a predicate, added to a statement bounded
 * to one slot, that fails the statement inside PostgreSQL when the slot is not (any longer) on
 * this group.
 *
 * <p>A {@code CHECK} fences rows that arrive; it cannot fence an UPDATE, DELETE or SELECT by key
 * that reaches a group the slot has left, because such a statement finds no row and so meets no
 * constraint: it would report 0 rows, silently wrong. Today's direct partitions fence those by
 * naming the slot's partition, which is gone ({@code 42P01}).
 *
 * <p>The predicate has no column in it, so PostgreSQL evaluates it once, as a one-time filter
 * before reading any row; its {@code EXISTS} is an index probe of a tiny table. The function that
 * raises runs only when the slot is missing; it is {@code STABLE} so that the predicate stays a
 * one-time filter (a volatile function would be evaluated per row, that is never when there is no
 * row).
 */
final class SlotGuard {

    /** The SQLState of a statement refused by the guard (a class of our own: no PostgreSQL error uses it). */
    static final String SQLSTATE = "SY001";
    static final String TABLE = "synapse_owned_slots";
    static final String FUNCTION = "synapse_stale_route";
    /** Bind parameters the predicate adds after the statement's own: the slot, twice. */
    static final int PARAMETERS = 2;

    private SlotGuard() {
    }

    /** The group's slot list and the function that refuses. */
    static List<String> install() {
        return List.of("CREATE TABLE " + TABLE + " (rel text NOT NULL, slot int NOT NULL, PRIMARY KEY (rel, slot))",
                "CREATE FUNCTION " + FUNCTION + "(rel text, slot int) RETURNS boolean LANGUAGE plpgsql STABLE AS $$"
                        + " BEGIN RAISE EXCEPTION 'stale route: slot % of table % is not on this group', slot, rel"
                        + " USING ERRCODE = '" + SQLSTATE + "', HINT = 'refresh the catalog and retry'; END $$");
    }

    /** Records that this group owns {@code owned} of {@code table}. */
    static String own(String table, OwnedSlots owned) {
        StringBuilder sb = new StringBuilder("INSERT INTO " + TABLE + " (rel, slot) VALUES ");
        int[] slots = owned.toArray();
        for (int i = 0; i < slots.length; i++) {
            sb.append(i == 0 ? "" : ", ").append("('").append(table).append("', ").append(slots[i]).append(')');
        }
        return sb.toString();
    }

    /** Forgets one slot, in the transaction that gives the slot up. */
    static String release(String table, int slot) {
        return "DELETE FROM " + TABLE + " WHERE rel = '" + table + "' AND slot = " + slot;
    }

    /** The predicate to AND into a single-slot statement's WHERE; binds the slot {@link #PARAMETERS} times. */
    static String predicate(String table) {
        return " AND (EXISTS (SELECT 1 FROM " + TABLE + " o WHERE o.rel = '" + table + "' AND o.slot = ?) OR "
                + FUNCTION + "('" + table + "', ?))";
    }
}
