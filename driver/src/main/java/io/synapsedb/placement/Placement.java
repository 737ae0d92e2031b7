package io.synapsedb.placement;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * An immutable map slot → group, with the catalog epoch it belongs to.
 *
 * <p>{@link #compute} places slots by rendezvous (highest-random-weight) hashing: slot {@code s}
 * goes to the group {@code g} with the highest weight {@code w(g, s) = fmix64(h(g) ^ fmix64(s +
 * 1))} (compared unsigned), where {@code h(g)} is PostgreSQL's {@code hash_bytes_extended} of the
 * group name's UTF-8 bytes with a fixed seed and {@code fmix64} is MurmurHash3's 64-bit finaliser.
 * Equal weights (practically never) go to the smaller name. Every input to the weight is the
 * group's name and the slot number, so the result is the same in every JVM, whatever the order of
 * the names.
 *
 * <p>Why rendezvous hashing: each slot's owner is the winner of a contest among the groups that
 * exist, so adding group {@code n+1} moves exactly the slots the new group now wins (about {@code
 * 1/(n+1)} of them, all to the new group) and never moves a slot between two old groups; removing a
 * group moves only that group's slots, each to its runner-up. Moves are the expensive operation
 * (copying partitions between servers), and this keeps them to the minimum without a ring of
 * virtual nodes to tune. With S slots the cost, {@code S × groups} weights, is paid only when a
 * placement is computed.
 *
 * <p>A placement loaded from the catalog is built with the explicit constructor: once slots have
 * been moved (drained, rebalanced) the catalog's map, not the hash, is the truth.
 */
public final class Placement {

    /** Seed for the group-name hash; any fixed value works, changing it would move every slot. */
    private static final long NAME_SEED = 0x5359_4E41_5053_4544L; // "SYNAPSED"

    private final int slots;
    private final List<String> groupNames;
    private final int[] slotToGroup;
    private final long epoch;
    private final int[][] slotsByGroup;

    /**
     * A placement as stored in the catalog.
     *
     * @param slots number of slots S, positive
     * @param groupNames the groups, distinct, non-empty; indexes into this list are group indexes
     * @param slotToGroup for each slot 0..S-1, the index of its group in {@code groupNames}; copied
     * @param epoch the catalog epoch this placement is valid for, not negative
     * @throws IllegalArgumentException when the arguments are inconsistent
     */
    public Placement(int slots, List<String> groupNames, int[] slotToGroup, long epoch) {
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be positive: " + slots);
        }
        this.groupNames = List.copyOf(groupNames); // also rejects null names
        if (this.groupNames.isEmpty()) {
            throw new IllegalArgumentException("a placement needs at least one group");
        }
        if (new HashSet<>(this.groupNames).size() != this.groupNames.size()) {
            throw new IllegalArgumentException("duplicate group name in " + this.groupNames);
        }
        if (slotToGroup.length != slots) {
            throw new IllegalArgumentException("slotToGroup has " + slotToGroup.length + " entries for " + slots + " slots");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative: " + epoch);
        }
        this.slots = slots;
        this.slotToGroup = slotToGroup.clone();
        this.epoch = epoch;
        int[] counts = new int[this.groupNames.size()];
        for (int s = 0; s < slots; s++) {
            int g = this.slotToGroup[s];
            if (g < 0 || g >= counts.length) {
                throw new IllegalArgumentException("slot " + s + " is placed on group index " + g
                        + ", but there are " + counts.length + " groups");
            }
            counts[g]++;
        }
        this.slotsByGroup = new int[counts.length][];
        for (int g = 0; g < counts.length; g++) {
            slotsByGroup[g] = new int[counts[g]];
        }
        int[] fill = new int[counts.length];
        for (int s = 0; s < slots; s++) {
            int g = this.slotToGroup[s];
            slotsByGroup[g][fill[g]++] = s;
        }
    }

    /**
     * Places {@code slots} slots on the named groups by rendezvous hashing (see the class comment),
     * at epoch 0.
     *
     * @param slots number of slots S, positive
     * @param groupNames the groups, distinct, non-empty
     * @return the placement
     */
    public static Placement compute(int slots, List<String> groupNames) {
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be positive: " + slots);
        }
        List<String> names = List.copyOf(groupNames);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a placement needs at least one group");
        }
        long[] nameHashes = new long[names.size()];
        for (int g = 0; g < nameHashes.length; g++) {
            nameHashes[g] = nameHash(names.get(g));
        }
        int[] slotToGroup = new int[slots];
        for (int s = 0; s < slots; s++) {
            long slotMix = fmix64(s + 1L);
            int best = 0;
            long bestWeight = fmix64(nameHashes[0] ^ slotMix);
            for (int g = 1; g < nameHashes.length; g++) {
                long w = fmix64(nameHashes[g] ^ slotMix);
                int cmp = Long.compareUnsigned(w, bestWeight);
                if (cmp > 0 || (cmp == 0 && names.get(g).compareTo(names.get(best)) < 0)) {
                    best = g;
                    bestWeight = w;
                }
            }
            slotToGroup[s] = best;
        }
        return new Placement(slots, names, slotToGroup, 0L);
    }

    /** The rendezvous weight of a group for a slot; package-private for tests. */
    static long weight(String groupName, int slot) {
        return fmix64(nameHash(groupName) ^ fmix64(slot + 1L));
    }

    private static long nameHash(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        return PgHash.hashBytesExtended(utf8, 0, utf8.length, NAME_SEED);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** Number of slots S. */
    public int slots() {
        return slots;
    }

    /** The groups; a group index is a position in this list. */
    public List<String> groupNames() {
        return groupNames;
    }

    /** The catalog epoch this placement belongs to. */
    public long epoch() {
        return epoch;
    }

    /** Index (into {@link #groupNames()}) of the group that owns {@code slot}. */
    public int groupOf(int slot) {
        return slotToGroup[slot];
    }

    /** Name of the group that owns {@code slot}. */
    public String groupNameOf(int slot) {
        return groupNames.get(slotToGroup[slot]);
    }

    /** The slots a group owns, ascending; a fresh array. */
    public int[] slotsOf(int groupIndex) {
        Objects.checkIndex(groupIndex, slotsByGroup.length);
        return slotsByGroup[groupIndex].clone();
    }

    /** The same placement at another epoch. */
    public Placement withEpoch(long epoch) {
        return epoch == this.epoch ? this : new Placement(slots, groupNames, slotToGroup, epoch);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Placement)) {
            return false;
        }
        Placement p = (Placement) o;
        return slots == p.slots && epoch == p.epoch && groupNames.equals(p.groupNames)
                && Arrays.equals(slotToGroup, p.slotToGroup);
    }

    @Override
    public int hashCode() {
        return Objects.hash(slots, epoch, groupNames, Arrays.hashCode(slotToGroup));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Placement{epoch=").append(epoch).append(", slots=").append(slots);
        for (int g = 0; g < groupNames.size(); g++) {
            sb.append(g == 0 ? ", " : " ").append(groupNames.get(g)).append('=').append(slotsByGroup[g].length);
        }
        return sb.append('}').toString();
    }
}
