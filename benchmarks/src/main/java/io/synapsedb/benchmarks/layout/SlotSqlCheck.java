package io.synapsedb.benchmarks.layout;

import io.synapsedb.core.KeyType;
import io.synapsedb.placement.SlotHasher;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import java.util.UUID;

/**
 * Checks on a real server that {@link SlotSql} computes, for every key type, the slot the driver
 * computes in Java ({@link SlotHasher}, itself property-tested against PostgreSQL's
 * {@code satisfies_hash_partition}): with a power-of-two S (the bit form) and another S (the
 * numeric form).
 */
final class SlotSqlCheck {

    private static final int[] SLOT_COUNTS = {128, 100};

    private SlotSqlCheck() {
    }

    /** Checks {@code values} random keys of each type; returns what was checked, or throws on the first difference. */
    static String run(Connection c, int values) throws SQLException {
        Random rnd = new Random(14);
        for (KeyType type : KeyType.values()) {
            Object[] keys = new Object[values];
            for (int i = 0; i < values; i++) {
                keys[i] = randomKey(type, rnd);
            }
            keys[0] = null;
            String sqlType = switch (type) {
                case INT2 -> "int2";
                case INT4 -> "int4";
                case INT8 -> "int8";
                case TEXT -> "text";
                case VARCHAR -> "varchar";
                case UUID -> "uuid";
            };
            Array array = c.createArrayOf(sqlType, keys);
            for (int slots : SLOT_COUNTS) {
                String sql = "SELECT v, " + SlotSql.of(type, "v", slots) + " FROM unnest(?::" + sqlType + "[]) AS x(v)";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setArray(1, array);
                    try (ResultSet rs = ps.executeQuery()) {
                        int i = 0;
                        while (rs.next()) {
                            int expected = SlotHasher.slotOf(type, keys[i], slots);
                            if (rs.getInt(2) != expected) {
                                throw new IllegalStateException("slot expression for " + type + " key " + keys[i]
                                        + " with " + slots + " slots gave " + rs.getInt(2) + ", the driver " + expected);
                            }
                            i++;
                        }
                        if (i != values) {
                            throw new IllegalStateException("slot check read " + i + " of " + values + " rows");
                        }
                    }
                }
            }
        }
        return String.format("the SQL slot expression agrees with the driver's slot hash on %,d keys of each of %d"
                + " key types (a NULL among them), with S = 128 and S = 100", values, KeyType.values().length);
    }

    private static Object randomKey(KeyType type, Random rnd) {
        return switch (type) {
            case INT2 -> (short) rnd.nextInt();
            case INT4 -> rnd.nextInt();
            case INT8 -> rnd.nextLong();
            case TEXT, VARCHAR -> randomText(rnd);
            case UUID -> new UUID(rnd.nextLong(), rnd.nextLong());
        };
    }

    private static String randomText(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
            // ASCII mostly, and some multi-byte characters: hashing is over the UTF-8 bytes.
            sb.appendCodePoint(rnd.nextInt(8) == 0 ? 0xA0 + rnd.nextInt(0x2000) : 0x20 + rnd.nextInt(0x5F));
        }
        return sb.toString();
    }
}
