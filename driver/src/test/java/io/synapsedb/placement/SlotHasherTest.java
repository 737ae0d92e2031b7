package io.synapsedb.placement;

import io.synapsedb.placement.KeyValues;
import io.synapsedb.placement.PgHash;
import io.synapsedb.placement.SlotHasher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.core.KeyType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Slots pinned from PostgreSQL 17: for each key, the remainder r with {@code
 * satisfies_hash_partition('t'::regclass, S, r, key)} true, t being {@code PARTITION BY HASH (k)}.
 */
class SlotHasherTest {

    private static final int[] MODULI = {7, 8, 128, 256};

    /**
     * Outcomes PostgreSQL 17 gives for {@code '<text>'::int2 / ::int4 / ::int8} (the value, or the
     * SQLState); {@link SlotHashProperties} checks them against a live server.
     */
    static final Object[][] INTEGER_INPUT_CASES = {
        // text, int2, int4, int8
        {"-32768", -32768L, -32768L, -32768L},
        {"32767", 32767L, 32767L, 32767L},
        {"32768", "22003", 32768L, 32768L},
        {"-32769", "22003", -32769L, -32769L},
        {"-2147483648", "22003", -2147483648L, -2147483648L},
        {"2147483648", "22003", "22003", 2147483648L},
        {"9223372036854775807", "22003", "22003", Long.MAX_VALUE},
        {"-9223372036854775808", "22003", "22003", Long.MIN_VALUE},
        {"9223372036854775808", "22003", "22003", "22003"},
        {"-0x8000000000000000", "22003", "22003", Long.MIN_VALUE},
        {"0x7FFF_FFFF", "22003", 2147483647L, 2147483647L},
        {"99999999999999999999999x", "22003", "22003", "22003"},
        {"2147483648 x", "22003", "22P02", "22P02"},
        {"9223372036854775808 x", "22003", "22003", "22P02"},
        {"_1", "22P02", "22P02", "22P02"},
        {"1_", "22P02", "22P02", "22P02"},
        {"1__0", "22P02", "22P02", "22P02"},
        {"0_1", 1L, 1L, 1L},
        {" \t\n\013\f\r+42 \r\n", 42L, 42L, 42L},
        {"0x_1F", 31L, 31L, 31L},
        {"-0B1_0", -2L, -2L, -2L},
        {"+0o17", 15L, 15L, 15L},
        {"", "22P02", "22P02", "22P02"},
        {"  ", "22P02", "22P02", "22P02"},
        {"-", "22P02", "22P02", "22P02"},
        {"+-1", "22P02", "22P02", "22P02"},
        {"- 1", "22P02", "22P02", "22P02"},
        {"4 2", "22P02", "22P02", "22P02"},
        {"0x", "22P02", "22P02", "22P02"},
        {"0b", "22P02", "22P02", "22P02"},
        {"0b102", "22P02", "22P02", "22P02"},
        {"0o8", "22P02", "22P02", "22P02"},
        {"1e3", "22P02", "22P02", "22P02"},
        {"12.0", "22P02", "22P02", "22P02"},
        {"\u0661\u0662", "22P02", "22P02", "22P02"}, // Arabic-Indic digits are not digits to PostgreSQL
        {"\u00a042", "22P02", "22P02", "22P02"}, // nor is a no-break space a space
    };

    @Test
    void bigintSlots() throws SQLException {
        Object[][] rows = {
            // key, slots for S = 7, 8, 128, 256
            {0L, 4, 0, 48, 176},
            {1L, 5, 0, 56, 184},
            {-1L, 0, 5, 37, 165},
            {42L, 0, 2, 98, 98},
            {Long.MAX_VALUE, 3, 6, 118, 118},
            {Long.MIN_VALUE, 0, 7, 127, 127},
        };
        for (Object[] r : rows) {
            long key = (Long) r[0];
            for (int i = 0; i < MODULI.length; i++) {
                int expected = (Integer) r[i + 1];
                assertThat(SlotHasher.slotOfLong(key, MODULI[i])).as("%d mod %d", key, MODULI[i]).isEqualTo(expected);
                assertThat(SlotHasher.slotOf(KeyType.INT8, key, MODULI[i])).isEqualTo(expected);
                if (key == (int) key) {
                    // int2/int4/int8 hash alike
                    assertThat(SlotHasher.slotOf(KeyType.INT4, (int) key, MODULI[i])).isEqualTo(expected);
                    assertThat(SlotHasher.slotOf(KeyType.INT2, (short) key, MODULI[i])).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void textSlots() throws SQLException {
        Object[][] rows = {
            {"", 1, 6, 38, 166},
            {"abc", 3, 5, 37, 165},
            {"\u65e5\u672c\u8a9e", 6, 6, 62, 190},
            {"hello world, longer than twelve", 4, 4, 68, 196},
        };
        for (Object[] r : rows) {
            for (int i = 0; i < MODULI.length; i++) {
                assertThat(SlotHasher.slotOf(KeyType.TEXT, r[0], MODULI[i])).isEqualTo((Integer) r[i + 1]);
                assertThat(SlotHasher.slotOf(KeyType.VARCHAR, new StringBuilder((String) r[0]), MODULI[i]))
                        .isEqualTo((Integer) r[i + 1]);
            }
        }
        assertThat(SlotHasher.slotOf(KeyType.TEXT, 'x', 128)).isEqualTo(SlotHasher.slotOf(KeyType.TEXT, "x", 128));
    }

    @Test
    void uuidSlots() throws SQLException {
        UUID u = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        int[] expected = {6, 0, 80, 208};
        for (int i = 0; i < MODULI.length; i++) {
            assertThat(SlotHasher.slotOf(KeyType.UUID, u, MODULI[i])).isEqualTo(expected[i]);
        }
        // every input form PostgreSQL's uuid_in accepts
        for (String s : new String[] {
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
            "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
            "a0eebc999c0b4ef8bb6d6bb9bd380a11",
            "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11",
            "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}",
        }) {
            assertThat(SlotHasher.slotOf(KeyType.UUID, s, 128)).as(s).isEqualTo(80);
        }
    }

    @Test
    void invalidUuidText() {
        for (String s : new String[] {
            "", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-", "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11",
            "a0e-ebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        }) {
            assertThat(KeyValues.parseUuid(s)).as(s).isNull();
            assertThatThrownBy(() -> SlotHasher.slotOf(KeyType.UUID, s, 128)).as(s)
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("22P02");
                        assertThat(e.getMessage()).contains("uuid").contains("java.lang.String");
                        if (!s.isEmpty()) {
                            assertThat(e.getMessage()).doesNotContain(s.trim());
                        }
                    });
        }
    }

    @Test
    void nullKeyGoesToSlotZero() throws SQLException {
        for (KeyType t : KeyType.values()) {
            assertThat(SlotHasher.slotOf(t, null, 128)).isZero();
            assertThat(SlotHasher.slotOf(t, null, 7)).isZero();
        }
    }

    @Test
    void integerValueForms() throws SQLException {
        int expected = SlotHasher.slotOfLong(42, 128);
        for (Object v : new Object[] {
            (byte) 42, (short) 42, 42, 42L, BigInteger.valueOf(42), new BigDecimal("42"), new BigDecimal("42.000"),
            new BigDecimal("4.2E+1"), "42", " 42 ", "+42", "\t42\n", "0x2A", "0X2a", "0o52", "0b101010", "4_2", "0x_2A",
            "0000000000000000000000000042",
        }) {
            for (KeyType t : new KeyType[] {KeyType.INT2, KeyType.INT4, KeyType.INT8}) {
                assertThat(SlotHasher.slotOf(t, v, 128)).as("%s %s (%s)", t, v, v.getClass().getSimpleName())
                        .isEqualTo(expected);
            }
        }
        assertThat(SlotHasher.slotOf(KeyType.INT4, "-0x1F", 128)).isEqualTo(SlotHasher.slotOfLong(-31, 128));
        assertThat(SlotHasher.slotOf(KeyType.INT8, BigDecimal.ZERO.setScale(5), 128)).isEqualTo(SlotHasher.slotOfLong(0, 128));
    }

    @Test
    void integerTextIsReadLikePostgres() throws SQLException {
        Object[][] rows = INTEGER_INPUT_CASES;
        KeyType[] types = {KeyType.INT2, KeyType.INT4, KeyType.INT8};
        for (Object[] r : rows) {
            String text = (String) r[0];
            for (int i = 0; i < types.length; i++) {
                Object expected = r[i + 1];
                KeyType t = types[i];
                if (expected instanceof Long) {
                    assertThat(KeyValues.toIntegerKey(t, text)).as("'%s'::%s", text, t).isEqualTo(expected);
                } else {
                    assertThatThrownBy(() -> KeyValues.toIntegerKey(t, text)).as("'%s'::%s", text, t)
                            .isInstanceOfSatisfying(SQLException.class,
                                    e -> assertThat(e.getSQLState()).isEqualTo(expected));
                }
            }
        }
    }

    @Test
    void integerRange() {
        assertSqlState(KeyType.INT2, 32768, "22003");
        assertSqlState(KeyType.INT2, (long) Short.MIN_VALUE - 1, "22003");
        assertSqlState(KeyType.INT4, 2147483648L, "22003");
        assertSqlState(KeyType.INT4, new BigDecimal("-2147483649"), "22003");
        assertSqlState(KeyType.INT8, BigInteger.ONE.shiftLeft(63), "22003");
        assertSqlState(KeyType.INT8, new BigDecimal("1E+1000000"), "22003");
        assertSqlState(KeyType.INT8, new BigDecimal("9223372036854775808.0"), "22003");
        assertSqlState(KeyType.INT4, new BigDecimal("1.5"), "22P02");
        assertSqlState(KeyType.INT4, "abc", "22P02");
        assertThatThrownBy(() -> SlotHasher.slotOf(KeyType.INT2, 40000, 128))
                .hasMessageContaining("40000").hasMessageContaining("java.lang.Integer").hasMessageContaining("smallint");
    }

    @Test
    void wrongJavaTypes() {
        assertSqlState(KeyType.INT4, 1.0d, "42804");
        assertSqlState(KeyType.INT8, true, "42804");
        assertSqlState(KeyType.INT8, UUID.randomUUID(), "42804");
        assertSqlState(KeyType.UUID, 42, "42804");
        assertSqlState(KeyType.UUID, new byte[16], "42804");
        assertSqlState(KeyType.VARCHAR, 42L, "42804");
        assertThatThrownBy(() -> SlotHasher.slotOf(KeyType.TEXT, 42, 128))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42804");
                    assertThat(e.getMessage()).contains("text").contains("java.lang.Integer");
                });
    }

    @Test
    void textValuesNeverAppearInMessages() {
        String secret = "s3cr3t-4242";
        for (KeyType t : new KeyType[] {KeyType.INT2, KeyType.INT4, KeyType.INT8, KeyType.UUID}) {
            assertThatThrownBy(() -> SlotHasher.slotOf(t, secret, 128))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("22P02");
                        assertThat(e.getMessage()).doesNotContain(secret).contains(t.sqlName());
                    });
        }
    }

    @Test
    void slotsMustBePositive() {
        assertThatThrownBy(() -> SlotHasher.slotOfLong(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlotHasher.slotOf(KeyType.TEXT, "a", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void powerOfTwoShortcutEqualsUnsignedRemainder() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long h = rnd.nextLong();
            for (int s : new int[] {1, 2, 64, 128, 256, 1 << 30}) {
                long row = PgHash.hashCombine64(0, h);
                assertThat(SlotHasher.slotOfHash(h, s)).isEqualTo((int) Long.remainderUnsigned(row, s));
            }
        }
    }

    private static void assertSqlState(KeyType t, Object value, String state) {
        assertThatThrownBy(() -> SlotHasher.slotOf(t, value, 128)).as("%s %s", t, value)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state));
    }
}
