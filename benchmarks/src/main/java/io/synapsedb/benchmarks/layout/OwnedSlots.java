package io.synapsedb.benchmarks.layout;

import io.synapsedb.placement.Placement;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The slots of a table that one group owns, in ascending order. Immutable. */
public final class OwnedSlots {

    private final int slots;
    private final int[] owned;

    /**
     * @param slots the table's number of slots
     * @param owned the owned slots, each in 0..slots-1 (any order, no repeats)
     */
    public OwnedSlots(int slots, int[] owned) {
        int[] sorted = owned.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= slots || (i > 0 && sorted[i] == sorted[i - 1])) {
                throw new IllegalArgumentException("bad owned slots " + Arrays.toString(owned) + " of " + slots);
            }
        }
        this.slots = slots;
        this.owned = sorted;
    }

    /** The slots {@code placement} gives group {@code group} (an index into its group names). */
    public static OwnedSlots of(Placement placement, int group) {
        return new OwnedSlots(placement.slots(), placement.slotsOf(group));
    }

    public int slots() {
        return slots;
    }

    public int size() {
        return owned.length;
    }

    public int[] toArray() {
        return owned.clone();
    }

    public boolean contains(int slot) {
        return Arrays.binarySearch(owned, slot) >= 0;
    }

    /** The same set without {@code slot}, as the source group holds it once the slot has moved away. */
    public OwnedSlots without(int slot) {
        return new OwnedSlots(slots, Arrays.stream(owned).filter(s -> s != slot).toArray());
    }

    /**
     * The owned slots that fall into remainder {@code r} of a coarser hash modulus: slot {@code s}
     * lies in hash partition {@code s mod modulus} when {@code modulus} divides S, because then
     * {@code (h mod S) mod modulus = h mod modulus}.
     */
    public OwnedSlots inRemainder(int modulus, int r) {
        if (modulus <= 0 || slots % modulus != 0) {
            throw new IllegalArgumentException("modulus " + modulus + " must divide " + slots);
        }
        return new OwnedSlots(slots, Arrays.stream(owned).filter(s -> s % modulus == r).toArray());
    }

    /** The slots as a comma-separated list, for {@code IN (...)}, {@code ARRAY[...]} and partition bounds. */
    public String sqlList() {
        return Arrays.stream(owned).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    /**
     * The slots as a bitmap in {@code bytea} hex input ({@code \\x...}): bit {@code s} set when
     * slot {@code s} is owned, numbered as {@code get_bit(bytea, n)} numbers them (bit {@code n mod 8},
     * from the least significant, of byte {@code n / 8}). A lookup in it costs the same whatever S.
     */
    public String bitmapHex() {
        byte[] bits = new byte[(slots + 7) / 8];
        for (int s : owned) {
            bits[s / 8] |= (byte) (1 << (s % 8));
        }
        StringBuilder sb = new StringBuilder("\\x");
        for (byte b : bits) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return owned.length + " of " + slots + " slots";
    }
}
