package io.synapsedb.benchmarks.layout;

import io.synapsedb.benchmarks.macro.Categories;
import io.synapsedb.benchmarks.macro.Runner;
import io.synapsedb.placement.SlotHasher;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The rows of one group: of the keys {@code 0..keys-1}, those whose slot the group owns, each with
 * a category ({@code cat}, about ten rows per category over all groups, as in the macro harness),
 * a score (distinct per key, for a top-N by a column that is not the key) and a payload. Every
 * layout gets exactly these rows, and every answer is checked against them.
 */
final class GroupRows {

    private final long[] keys;
    private final long keyCount;
    private final int slots;
    private final OwnedSlots owned;
    private final Categories categories;
    private final int[] rowsPerCategory;
    private final long topByScore;

    GroupRows(long keys, OwnedSlots owned) {
        this.keyCount = keys;
        this.slots = owned.slots();
        this.owned = owned;
        this.categories = new Categories(keys);
        this.keys = java.util.stream.LongStream.range(0, keys).filter(this::owns).toArray();
        this.rowsPerCategory = new int[(int) categories.count()];
        long top = -1;
        for (long k : this.keys) {
            rowsPerCategory[categories.of(k)]++;
            if (top < 0 || score(k) > score(top)) {
                top = k;
            }
        }
        this.topByScore = top;
    }

    boolean owns(long key) {
        return owned.contains(slotOf(key));
    }

    /** The slot of {@code key} in the table's {@link #slots()}. */
    int slotOf(long key) {
        return SlotHasher.slotOfLong(key, slots);
    }

    /** The table's number of slots. */
    int slots() {
        return slots;
    }

    /** The group's keys, ascending. */
    long[] keys() {
        return keys.clone();
    }

    int size() {
        return keys.length;
    }

    long randomKey(ThreadLocalRandom rnd) {
        return keys[rnd.nextInt(keys.length)];
    }

    /** A category chosen uniformly among all (a group holds about a third of each one's rows). */
    int randomCategory(ThreadLocalRandom rnd) {
        return rnd.nextInt(rowsPerCategory.length);
    }

    int category(long key) {
        return categories.of(key);
    }

    /** How many of this group's rows are in category {@code cat}. */
    int rowsIn(int cat) {
        return rowsPerCategory[cat];
    }

    /** How many rows {@code WHERE k >= start ORDER BY k LIMIT limit} returns on this group. */
    int scanCount(long start, int limit) {
        int from = Arrays.binarySearch(keys, start);
        if (from < 0) {
            from = -from - 1;
        }
        return Math.min(limit, keys.length - from);
    }

    /** The group's key with the highest score. */
    long topByScore() {
        return topByScore;
    }

    /** {@code count} keys from {@code first} on that this group owns: fresh rows for the insert. */
    long[] ownedKeysFrom(long first, int count) {
        long[] out = new long[count];
        int n = 0;
        for (long k = first; n < count; k++) {
            if (owns(k)) {
                out[n++] = k;
            }
        }
        return out;
    }

    /** A key of {@code slot} that no group holds (beyond the loaded keys): a new row for that slot. */
    long freshKeyIn(int slot) {
        for (long k = keyCount; ; k++) {
            if (slotOf(k) == slot) {
                return k;
            }
        }
    }

    /** Distinct per key, in [0, 1.000001): the order of a top-N is total. */
    static double score(long key) {
        return ((key * 2654435761L) % 1_000_003L) / 1_000_003.0 + key * 1e-12;
    }

    /** A 100-character payload, the macro harness's field values. */
    static String payload(long key) {
        return Runner.field(key);
    }
}
