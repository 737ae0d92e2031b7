package io.synapsedb.placement;

import io.synapsedb.core.KeyType;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The slot of a shard-key value: the remainder of the hash partition PostgreSQL itself would put
 * the row in, for a table {@code PARTITION BY HASH (key)} with partitions {@code FOR VALUES WITH
 * (MODULUS slots, REMAINDER r)}.
 *
 * <p>As in PostgreSQL's {@code compute_partition_hash_value}, the row hash of a one-column key is
 * {@code hash_combine64(0, hashXxxextended(value, HASH_PARTITION_SEED))} and the slot is that hash
 * modulo {@code slots}, unsigned. A NULL key contributes nothing: its row hash is 0, so slot 0.
 *
 * <p>Values are what an application binds through JDBC or writes as a literal: the integer
 * types take {@code Byte}/{@code Short}/{@code Integer}/{@code Long}, {@code BigInteger}, an
 * integral {@code BigDecimal} or a {@code String} read like PostgreSQL's integer input; text
 * keys take a {@code CharSequence} or {@code Character}; UUID keys take a {@link UUID} or a
 * {@code String} in any form PostgreSQL's {@code uuid} input accepts. Errors carry PostgreSQL's
 * SQLStates ({@code 22003} out of range, {@code 22P02} bad text, {@code 42804} wrong type) and
 * never quote a text value, which may be sensitive.
 */
public final class SlotHasher {

    private SlotHasher() {
    }

    /**
     * Slot (0..slots-1) PostgreSQL would choose for this key value.
     *
     * @param type the shard key's type
     * @param value the key value as JDBC carries it, or {@code null}
     * @param slots the table's number of slots (the partitions' modulus), positive
     * @return the slot
     * @throws SQLException when the value cannot be a value of {@code type}
     */
    public static int slotOf(KeyType type, Object value, int slots) throws SQLException {
        checkSlots(slots);
        if (value == null) {
            return 0;
        }
        switch (type) {
            case INT2:
            case INT4:
            case INT8:
                return slotOfLong(KeyValues.toIntegerKey(type, value), slots);
            case TEXT:
            case VARCHAR:
                return slotOfHash(PgHash.hashTextExtended(KeyValues.toTextKey(type, value), PgHash.HASH_PARTITION_SEED), slots);
            case UUID:
                return slotOfHash(PgHash.hashUuidExtended(KeyValues.toUuidKey(value), PgHash.HASH_PARTITION_SEED), slots);
            default:
                throw new IllegalArgumentException("unsupported key type " + type);
        }
    }

    /**
     * Same for a key given as a typed long (int2/int4/int8), no boxing: the hot path. PostgreSQL's
     * int2, int4 and int8 hash equal values alike, so one function serves all three; the caller has
     * already checked the value fits the key's type.
     *
     * @param value the key value
     * @param slots the table's number of slots, positive
     * @return the slot
     */
    public static int slotOfLong(long value, int slots) {
        checkSlots(slots);
        return slotOfHash(PgHash.hashInt8Extended(value, PgHash.HASH_PARTITION_SEED), slots);
    }

    /** The slot of a column hash: combined into a one-column row hash, modulo slots, unsigned. */
    static int slotOfHash(long columnHash, int slots) {
        long rowHash = PgHash.hashCombine64(0L, columnHash);
        if ((slots & (slots - 1)) == 0) {
            return (int) (rowHash & (slots - 1)); // power of two: same as the unsigned remainder
        }
        return (int) Long.remainderUnsigned(rowHash, slots);
    }

    private static void checkSlots(int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be positive: " + slots);
        }
    }
}
