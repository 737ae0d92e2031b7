package io.synapsedb.benchmarks.layout;

import java.util.List;

/**
 * A layout under test: a {@link Storage} and how statements reach it. Statements bounded to one
 * slot (point read and update by key) go to {@code keyed}; the others (scans, top-N, lookups by
 * another column, batched inserts) to {@code unkeyed}. A {@code guarded} layout adds to every keyed
 * statement a one-time check, evaluated by PostgreSQL before any row is read, that the group still
 * owns the slot ({@link SlotGuard}): it fences a stale-routed UPDATE or read that finds no row,
 * which no constraint can. Only a storage with a fence function can be guarded.
 *
 * @param name short name, as {@code -Dlayouts} and the report name it
 * @param storage how the group stores the rows
 * @param keyed where single-slot statements go
 * @param unkeyed where the other statements go
 * @param guarded whether keyed statements carry the slot guard
 */
record Layout(String name, Storage storage, Access keyed, Access unkeyed, boolean guarded) {

    Layout {
        if (guarded && storage.fenceFunctionName(storage.table()) == null) {
            throw new IllegalArgumentException(name + ": " + storage + " has no fence function to guard with");
        }
    }

    /** A relation a statement can name. */
    enum Access {
        /** The logical table (the partitioned parent, where there is one). */
        TABLE,
        /** The slot's own partition, as the driver's direct partitions do today. */
        SLOT_PARTITION,
        /** The group's one partition. */
        GROUP_PARTITION;

        String relation(Storage storage, String table, int slot) {
            return switch (this) {
                case TABLE -> table;
                case SLOT_PARTITION -> storage.slotPartition(table, slot);
                case GROUP_PARTITION -> storage.groupPartition(table);
            };
        }
    }

    /** Every layout, in report order; the first is the baseline of the ratios. */
    static List<Layout> all() {
        return List.of(
                new Layout("plain", Storage.PLAIN, Access.TABLE, Access.TABLE, false),
                new Layout("hash128", Storage.HASH_PER_SLOT, Access.TABLE, Access.TABLE, false),
                new Layout("hash128-direct", Storage.HASH_PER_SLOT, Access.SLOT_PARTITION, Access.TABLE, false),
                new Layout("fenced", Storage.FENCED, Access.TABLE, Access.TABLE, false),
                new Layout("fencedfn", Storage.FENCED_FUNCTION, Access.TABLE, Access.TABLE, false),
                new Layout("fencedtrg", Storage.FENCED_TRIGGER, Access.TABLE, Access.TABLE, false),
                new Layout("fencedtrg-guarded", Storage.FENCED_TRIGGER, Access.TABLE, Access.TABLE, true),
                new Layout("list1", Storage.LIST_PER_GROUP, Access.TABLE, Access.TABLE, false),
                new Layout("list1-direct", Storage.LIST_PER_GROUP, Access.GROUP_PARTITION, Access.GROUP_PARTITION,
                        false),
                new Layout("hash8", Storage.COARSE_HASH, Access.TABLE, Access.TABLE, false));
    }

    String table() {
        return storage.table();
    }

    /** The relation a single-slot statement on {@code table} names. */
    String keyedRelation(String table, int slot) {
        return keyed.relation(storage, table, slot);
    }

    /** The relation any other statement on {@code table} names. */
    String unkeyedRelation(String table) {
        return unkeyed.relation(storage, table, -1);
    }

    /** How statements reach the storage, for people. */
    String access() {
        String how = keyed == unkeyed
                ? "every statement names the " + (keyed == Access.TABLE ? "table" : "group's partition")
                : "point statements name the slot's partition, the others the table";
        return guarded ? how + "; point statements carry the slot guard" : how;
    }
}
