package io.synapsedb.placement;

import io.synapsedb.placement.KeyValues;
import io.synapsedb.placement.SlotHasher;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.KeyType;
import io.synapsedb.local.LocalCluster;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The Java slot equals PostgreSQL's own choice, checked on a real server: for random keys of every
 * key type, {@code satisfies_hash_partition('t'::regclass, S, javaSlot, key)} must be true for
 * several moduli S. Keys go to the server 500 at a time as arrays ({@code unnest}), so the 10,000+
 * keys per type take one query per batch. The server is a one-node {@link LocalCluster} (UTF-8,
 * C locale, as a SynapseDB node is set up).
 */
class SlotHashProperties {

    /** 8, 128, 256 as the driver uses them (powers of two take a mask); 7 for the remainder path. */
    private static final int[] MODULI = {8, 128, 256, 7};
    private static final int BATCH = 500;
    /** 20 batches of 500: 10,000 keys per type, plus the edge-value examples. */
    private static final int BATCHES = 20;
    /** Partitions of the tables that route real INSERTs. */
    private static final int ROUTED_PARTITIONS = 16;

    private static final Map<KeyType, String> TABLES = Map.of(
            KeyType.INT2, "t_int2", KeyType.INT4, "t_int4", KeyType.INT8, "t_int8",
            KeyType.TEXT, "t_text", KeyType.VARCHAR, "t_varchar", KeyType.UUID, "t_uuid");

    private static LocalCluster cluster;
    private static Connection conn;

    @BeforeContainer
    static void startServer() throws IOException, SQLException {
        cluster = LocalCluster.builder().name("slot-hash").nodes(1).durable(false).start();
        conn = cluster.node(0).connect();
        try (Statement st = conn.createStatement()) {
            for (Map.Entry<KeyType, String> e : TABLES.entrySet()) {
                String type = pgType(e.getKey());
                st.execute("DROP TABLE IF EXISTS " + e.getValue() + ", " + e.getValue() + "_routed");
                // satisfies_hash_partition only needs the hash-partitioned parent
                st.execute("CREATE TABLE " + e.getValue() + " (k " + type + ") PARTITION BY HASH (k)");
                // and real partitions, to see where PostgreSQL actually routes rows
                st.execute("CREATE TABLE " + e.getValue() + "_routed (i int, k " + type + ") PARTITION BY HASH (k)");
                for (int r = 0; r < ROUTED_PARTITIONS; r++) {
                    st.execute("CREATE TABLE " + e.getValue() + "_routed_" + r + " PARTITION OF " + e.getValue()
                            + "_routed FOR VALUES WITH (MODULUS " + ROUTED_PARTITIONS + ", REMAINDER " + r + ")");
                }
            }
        }
    }

    @AfterContainer
    static void stopServer() throws SQLException {
        try {
            if (conn != null) {
                conn.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    // ---- random keys, 500 per try ----

    @Property(tries = BATCHES)
    void int2(@ForAll @Size(BATCH) List<Short> keys) throws SQLException {
        assertSlotsMatchServer(KeyType.INT2, keys);
    }

    @Property(tries = BATCHES)
    void int4(@ForAll @Size(BATCH) List<@From("int4s") Integer> keys) throws SQLException {
        assertSlotsMatchServer(KeyType.INT4, keys);
    }

    @Property(tries = BATCHES)
    void int8(@ForAll @Size(BATCH) List<@From("int8s") Long> keys) throws SQLException {
        assertSlotsMatchServer(KeyType.INT8, keys);
    }

    @Property(tries = BATCHES)
    void text(@ForAll @Size(BATCH) List<@From("texts") String> keys) throws SQLException {
        assertSlotsMatchServer(KeyType.TEXT, keys);
    }

    @Property(tries = BATCHES)
    void varchar(@ForAll @Size(BATCH) List<@From("texts") String> keys) throws SQLException {
        assertSlotsMatchServer(KeyType.VARCHAR, keys);
    }

    @Property(tries = BATCHES)
    void uuid(@ForAll @Size(BATCH) List<@From("uuids") UUID> keys) throws SQLException {
        assertSlotsMatchServer(KeyType.UUID, keys);
    }

    @Provide
    Arbitrary<Integer> int4s() {
        // jqwik's own integers favour small values and edge cases; add uniform ones over the range
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.randomValue(r -> r.nextInt()));
    }

    @Provide
    Arbitrary<Long> int8s() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.randomValue(r -> r.nextLong()),
                Arbitraries.integers().map(Integer::longValue));
    }

    @Provide
    Arbitrary<String> texts() {
        // Code points of every UTF-8 length (1..4 bytes), no NUL (PostgreSQL text cannot hold it)
        // and no surrogates (not characters); short strings around the 12-byte block, long ones too.
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 0x7F)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0x7FF)),
                Tuple.of(2, Arbitraries.integers().between(0x800, 0xFFFD)
                        .filter(c -> c < 0xD800 || c > 0xDFFF)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        Arbitrary<String> shortOnes = codePoints.list().ofMaxSize(40).map(SlotHashProperties::fromCodePoints);
        Arbitrary<String> longOnes = codePoints.list().ofMinSize(41).ofMaxSize(3000)
                .map(SlotHashProperties::fromCodePoints);
        return Arbitraries.frequencyOf(Tuple.of(9, shortOnes), Tuple.of(1, longOnes));
    }

    @Provide
    Arbitrary<UUID> uuids() {
        return Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()));
    }

    // ---- edge values ----

    @Example
    void integerEdgeValues() throws SQLException {
        assertSlotsMatchServer(KeyType.INT2, List.of((short) 0, (short) 1, (short) -1, Short.MIN_VALUE, Short.MAX_VALUE,
                (short) (Short.MIN_VALUE + 1), (short) (Short.MAX_VALUE - 1), (short) 255, (short) 256));
        assertSlotsMatchServer(KeyType.INT4, List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE,
                Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1, (int) Short.MIN_VALUE, (int) Short.MAX_VALUE, 65536));
        assertSlotsMatchServer(KeyType.INT8, List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
                Long.MAX_VALUE - 1, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, Integer.MIN_VALUE - 1L,
                Integer.MAX_VALUE + 1L, 1L << 32, -(1L << 32), 0xFFFFFFFFL, 0x100000000L, 0x8000000080000000L));
    }

    @Example
    void textEdgeValues() throws SQLException {
        List<String> keys = new ArrayList<>(List.of("", " ", "a", "0", "NULL", "\u00e9", "\u65e5\u672c\u8a9e",
                "\ud83d\ude42", "x".repeat(11), "x".repeat(12), "x".repeat(13), "x".repeat(23), "x".repeat(24),
                "\u00e9".repeat(6), "\u65e5".repeat(4), "\ud83d\ude42".repeat(3), "y".repeat(100_000),
                "tab\tand\nnewline", "trailing  ", "  leading", "\u007f\u0080\u07ff\u0800\uffff"));
        // every length 0..40 bytes, ASCII and with a multi-byte character straddling the 12-byte blocks
        for (int n = 0; n <= 40; n++) {
            keys.add("k".repeat(n));
            if (n >= 2) {
                keys.add("k".repeat(n - 2) + "\u00e9");
            }
        }
        // an unpaired surrogate: pgJDBC sends it as '?', like String.getBytes, and so does PgHash
        keys.add("lone\ud800surrogate");
        assertSlotsMatchServer(KeyType.TEXT, keys);
        assertSlotsMatchServer(KeyType.VARCHAR, keys);
    }

    @Example
    void uuidEdgeValues() throws SQLException {
        assertSlotsMatchServer(KeyType.UUID, List.of(new UUID(0, 0), new UUID(-1, -1), new UUID(0, 1), new UUID(1, 0),
                new UUID(Long.MIN_VALUE, Long.MAX_VALUE), UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
    }

    /** Rows really inserted land in the partition whose remainder is the Java slot. */
    @Example
    void insertedRowsLandInTheJavaSlot() throws SQLException {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(99);
        int n = 2000;
        List<Long> longs = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        List<UUID> uuids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            longs.add(rnd.nextLong());
            strings.add(Long.toString(rnd.nextLong(), 36) + (i % 3 == 0 ? "\u00e9\u65e5" : ""));
            uuids.add(new UUID(rnd.nextLong(), rnd.nextLong()));
        }
        assertRoutedLikeJava(KeyType.INT8, longs);
        assertRoutedLikeJava(KeyType.TEXT, strings);
        assertRoutedLikeJava(KeyType.VARCHAR, strings);
        assertRoutedLikeJava(KeyType.UUID, uuids);
        assertRoutedLikeJava(KeyType.INT4, List.of(0, 1, -1, 42, Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertRoutedLikeJava(KeyType.INT2, List.of((short) 0, (short) -1, Short.MIN_VALUE, Short.MAX_VALUE));
    }

    /** PostgreSQL's integer input and SlotHasher's reading of a String key agree. */
    @Example
    void integerTextInputMatchesServer() throws SQLException {
        KeyType[] types = {KeyType.INT2, KeyType.INT4, KeyType.INT8};
        for (Object[] row : SlotHasherTest.INTEGER_INPUT_CASES) {
            String text = (String) row[0];
            for (int i = 0; i < types.length; i++) {
                Object server = serverCast(text, pgType(types[i]));
                assertThat(server).as("server: '%s'::%s", text, pgType(types[i])).isEqualTo(row[i + 1]);
                Object java;
                try {
                    java = KeyValues.toIntegerKey(types[i], text);
                } catch (SQLException e) {
                    java = e.getSQLState();
                }
                assertThat(java).as("java: '%s'::%s", text, pgType(types[i])).isEqualTo(server);
            }
        }
    }

    /** PostgreSQL's uuid input and SlotHasher's reading of a String key agree. */
    @Example
    void uuidTextInputMatchesServer() throws SQLException {
        String[] inputs = {
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
            "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "a0eebc999c0b4ef8bb6d6bb9bd380a11",
            "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}",
            "", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-", "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11",
            "a0e-ebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 ", "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{}",
        };
        for (String s : inputs) {
            Object server = serverCast(s, "uuid");
            UUID java = KeyValues.parseUuid(s);
            if (server instanceof String && ((String) server).length() == 5) {
                assertThat(java).as("'%s'::uuid is %s on the server", s, server).isNull();
            } else {
                assertThat(java).as("'%s'::uuid", s).isEqualTo(server);
            }
        }
    }

    // ---- checks ----

    /** Batches keys into one query that lists the keys whose Java slot PostgreSQL rejects. */
    private static void assertSlotsMatchServer(KeyType type, List<?> keys) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT i, k::text FROM unnest(?::").append(pgType(type)).append("[]");
        for (int m = 0; m < MODULI.length; m++) {
            sql.append(", ?::int4[]");
        }
        sql.append(") WITH ORDINALITY AS x(k");
        for (int m = 0; m < MODULI.length; m++) {
            sql.append(", r").append(m);
        }
        sql.append(", i) WHERE NOT (");
        for (int m = 0; m < MODULI.length; m++) {
            sql.append(m == 0 ? "" : " AND ").append("satisfies_hash_partition('").append(TABLES.get(type))
                    .append("'::regclass, ").append(MODULI[m]).append(", r").append(m).append(", k)");
        }
        sql.append(") ORDER BY i LIMIT 20");
        List<String> mismatches = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
            ps.setArray(1, conn.createArrayOf(pgType(type), keys.toArray()));
            for (int m = 0; m < MODULI.length; m++) {
                Integer[] slots = new Integer[keys.size()];
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = SlotHasher.slotOf(type, keys.get(i), MODULI[m]);
                }
                ps.setArray(2 + m, conn.createArrayOf("int4", slots));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String k = rs.getString(2);
                    mismatches.add("#" + rs.getLong(1) + " " + (k.length() > 80 ? k.substring(0, 80) + "..." : k));
                }
            }
        }
        assertThat(mismatches).as("%s keys whose Java slot PostgreSQL rejects", type).isEmpty();
    }

    /** Inserts the keys into a table with real partitions and compares each row's partition. */
    private static void assertRoutedLikeJava(KeyType type, List<?> keys) throws SQLException {
        String table = TABLES.get(type) + "_routed";
        Map<Integer, String> landed = new HashMap<>();
        try (Statement st = conn.createStatement()) {
            st.execute("TRUNCATE " + table);
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " (i, k) SELECT i, k FROM unnest(?::"
                + pgType(type) + "[]) WITH ORDINALITY AS x(k, i) RETURNING i, tableoid::regclass::text")) {
            Array array = conn.createArrayOf(pgType(type), keys.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    landed.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        assertThat(landed).hasSize(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            int slot = SlotHasher.slotOf(type, keys.get(i), ROUTED_PARTITIONS);
            assertThat(landed.get(i + 1)).as("%s key #%d", type, i + 1).isEqualTo(table + "_" + slot);
        }
    }

    /** The server's value of {@code CAST(text AS type)}, or the SQLState it fails with. */
    private static Object serverCast(String text, String type) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT CAST(CAST(? AS text) AS " + type + ")")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1) instanceof Number ? rs.getLong(1) : rs.getObject(1);
            }
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("22")) {
                throw e;
            }
            return e.getSQLState();
        }
    }

    private static String pgType(KeyType type) {
        switch (type) {
            case INT2: return "int2";
            case INT4: return "int4";
            case INT8: return "int8";
            case TEXT: return "text";
            case VARCHAR: return "varchar";
            case UUID: return "uuid";
            default: throw new IllegalArgumentException(type.name());
        }
    }

    private static String fromCodePoints(List<Integer> cps) {
        StringBuilder sb = new StringBuilder(cps.size() * 2);
        for (int cp : cps) {
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
