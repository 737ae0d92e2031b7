package io.synapsedb.benchmarks.layout;

import io.synapsedb.core.KeyType;
import io.synapsedb.placement.PgHash;

/**
 * A row's slot as a SQL expression that PostgreSQL evaluates by itself: exactly the remainder
 * {@code PARTITION BY HASH} would choose (see {@code docs/placement.md}), written with built-in
 * immutable functions only, so that it can stand in a {@code CHECK} constraint, an expression
 * index, a {@code PARTITION BY LIST} key and a logical-replication row filter (which accepts no
 * user-defined function).
 *
 * <p>PostgreSQL's row hash is {@code hash_combine64(0, h) = h + 0x49a0f4dd15e5a8e3} (wrapping,
 * unsigned) with {@code h = hashXxxextended(key, HASH_PARTITION_SEED)}, and the slot is the row
 * hash modulo S, unsigned. SQL has no unsigned 64-bit arithmetic and {@code bigint + bigint}
 * fails on overflow, so:
 * <ul>
 *   <li>S a power of two (the default 128): only the low bits matter, and
 *       {@code (h + c) mod S = ((h & (S-1)) + (c & (S-1))) & (S-1)} in plain {@code bigint};</li>
 *   <li>any other S: the sum in {@code numeric}, brought into [0, 2^64) before the modulo (about
 *       6× the cost per row, measured: 0.9 against 0.15 µs).</li>
 * </ul>
 * A NULL key has row hash 0 in PostgreSQL, so slot 0: hence the {@code coalesce}, without which
 * a {@code CHECK} would let a NULL key pass on every group.
 */
public final class SlotSql {

    /** {@code hash_combine64}'s constant, as in {@link PgHash}. */
    static final long COMBINE64 = 0x49a0f4dd15e5a8e3L;
    private static final String TWO_TO_64 = "18446744073709551616";

    private SlotSql() {
    }

    /** The slot of {@code column} (a key of {@code type}) in a table of {@code slots} slots, as a {@code bigint}. */
    public static String of(KeyType type, String column, int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be positive: " + slots);
        }
        String h = hashFunction(type) + "(" + column + ", " + PgHash.HASH_PARTITION_SEED + ")";
        String slot;
        if ((slots & (slots - 1)) == 0) {
            long mask = slots - 1;
            slot = "((" + h + " & " + mask + ") + " + (COMBINE64 & mask) + ") & " + mask;
        } else {
            // h + c + 2^64 is positive for every h >= -2^63; mod 2^64 makes it the unsigned row hash.
            String shifted = new java.math.BigInteger(Long.toUnsignedString(COMBINE64)).add(
                    new java.math.BigInteger(TWO_TO_64)).toString();
            slot = "(mod(" + h + "::numeric + " + shifted + ", " + TWO_TO_64 + ") % " + slots + ")::bigint";
        }
        return "coalesce(" + slot + ", 0)";
    }

    /** PostgreSQL's extended hash function of each key type (int2 and int4 hash alike, as do text and varchar). */
    static String hashFunction(KeyType type) {
        return switch (type) {
            case INT2 -> "hashint2extended";
            case INT4 -> "hashint4extended";
            case INT8 -> "hashint8extended";
            case TEXT, VARCHAR -> "hashtextextended";
            case UUID -> "uuid_hash_extended";
        };
    }
}
