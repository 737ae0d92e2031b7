package io.synapsedb.benchmarks.layout;

/**
 * The SQL of every measured operation on one layout, as a driver would send it: point statements
 * to the layout's keyed relation (per slot where that is the slot's partition), with the slot
 * guard where the layout has one; the others to its unkeyed relation. Immutable.
 */
final class LayoutStatements {

    private final Layout layout;
    private final String[] read;
    private final String[] update;
    private final String scan;
    private final String top10;
    private final String lookup;
    private final String insert;

    LayoutStatements(Layout layout, int slots) {
        this.layout = layout;
        String t = layout.table();
        String guard = layout.guarded() ? SlotGuard.predicate(layout.storage(), t) : "";
        boolean perSlot = layout.keyed() == Layout.Access.SLOT_PARTITION;
        this.read = new String[perSlot ? slots : 1];
        this.update = new String[read.length];
        for (int s = 0; s < read.length; s++) {
            String rel = layout.keyedRelation(t, s);
            read[s] = "SELECT k, cat, score, payload FROM " + rel + " WHERE k = ?" + guard;
            update[s] = "UPDATE " + rel + " SET payload = ? WHERE k = ?" + guard;
        }
        String rel = layout.unkeyedRelation(t);
        this.scan = "SELECT k, payload FROM " + rel + " WHERE k >= ? ORDER BY k LIMIT ?";
        this.top10 = "SELECT k, score FROM " + rel + " ORDER BY score DESC LIMIT 10";
        this.lookup = "SELECT k, payload FROM " + rel + " WHERE cat = ?";
        this.insert = "INSERT INTO " + layout.unkeyedRelation(insertTable(t)) + " (k, cat, score, payload)"
                + " VALUES (?, ?, ?, ?)";
    }

    /** The table the batched insert fills (same storage, emptied before each run). */
    static String insertTable(String table) {
        return table + "_ins";
    }

    Layout layout() {
        return layout;
    }

    /** {@code SELECT ... WHERE k = ?} for a key in {@code slot}. */
    String read(int slot) {
        return read[read.length == 1 ? 0 : slot];
    }

    /** {@code UPDATE ... SET payload = ? WHERE k = ?} for a key in {@code slot}. */
    String update(int slot) {
        return update[update.length == 1 ? 0 : slot];
    }

    String scan() {
        return scan;
    }

    String top10() {
        return top10;
    }

    String lookup() {
        return lookup;
    }

    String insert() {
        return insert;
    }
}
