package io.synapsedb.placement;

import io.synapsedb.placement.PgHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PgHash against values computed once by PostgreSQL 17 (x86-64, UTF-8 database) and pinned here,
 * e.g. {@code SELECT hashtextextended(substr('abc...', 1, n), 8816678312871386365)}.
 */
class PgHashTest {

    private static final long SEED = PgHash.HASH_PARTITION_SEED;

    /** The first n characters of this (ASCII, so n bytes), n = 0..40. */
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";

    /** hashtextextended(substr(ALPHABET, 1, n), 8816678312871386365) for n = 0..40. */
    private static final long[] TEXT_PREFIX_HASHES = {
            -5700645584453517373L, // 0
            -6705225459120232837L, // 1
            596009030900183869L, // 2
            3628778498291917250L, // 3
            4029384952263848046L, // 4
            4809259092934399961L, // 5
            -658605897836517514L, // 6
            -1516236981150442578L, // 7
            -7754745184861941070L, // 8
            -7860738947571725408L, // 9
            -8306284229451770207L, // 10
            -2046435308545367432L, // 11
            -7876791541613377658L, // 12
            -6785754114725280077L, // 13
            -5209977316171801933L, // 14
            3744103518171237272L, // 15
            -2963246452690924729L, // 16
            -4290088002765369671L, // 17
            -3976194482402635722L, // 18
            6411573653485454739L, // 19
            -3730286019426601237L, // 20
            -9009476528635760866L, // 21
            1804191968730614896L, // 22
            -7324642668702903167L, // 23
            -10959101940276370L, // 24
            1383018584709609407L, // 25
            -7171292135076916904L, // 26
            -3591893460407905134L, // 27
            -5796803543855781931L, // 28
            -6585685641171239353L, // 29
            6288301289192221736L, // 30
            -5841615286663842331L, // 31
            -4837114046275650304L, // 32
            -166370921194069178L, // 33
            -5845132278389786067L, // 34
            5169896017269077166L, // 35
            -7380664822038775401L, // 36
            8947608406779142553L, // 37
            1037916853476851152L, // 38
            4683932627487655592L, // 39
            -2881466975380023087L, // 40
    };

    /** {text, hashtextextended(text, 8816678312871386365), hashtextextended(text, 0), octet_length}. */
    private static final Object[][] MULTIBYTE = {
            {"\u00e9", 4377877661621198540L, -763932721387459829L, 2},
            {"\u00fc1", 1789840418904660087L, 7291189152999574587L, 3},
            {"\u65e5\u672c\u8a9e", -8050275759738715173L, 2870829529307104068L, 9},
            {"\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8", 3781793241886115942L, 7199576139645017696L, 21},
            {"\ud834\udd1e", 4413639334566224608L, 8727128839863990985L, 4},
            {"a\ud834\udd1eb", -4668671133768895852L, 7019753400241985225L, 6},
            {"Gr\u00fc\u00dfe, J\u00fcrgen! \u00c7a va? \u65e5\u672c", -795279613486413261L, 917485028634431077L, 32},
            {"\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u00cc\u00cd\u00ce\u00cf", -8574966239133684383L, 519129365617208542L, 32},
            {"\ud83d\ude42\ud83d\ude43\ud83d\ude42\ud83d\ude43\ud83d\ude42\ud83d\ude43", 6687191417781723426L, 6725981407316035610L, 24},
            {"\u03ba\u03cc\u03c3\u03bc\u03b5", 1526983345394386699L, 5180264660015310691L, 10},
    };

    @Test
    void partitionSeedIsPostgresConstant() {
        assertThat(PgHash.HASH_PARTITION_SEED).isEqualTo(8816678312871386365L);
    }

    @Test
    void textOfEveryLengthUpToFortyBytes() {
        for (int n = 0; n <= 40; n++) {
            String s = ALPHABET.substring(0, n);
            assertThat(PgHash.hashTextExtended(s, SEED)).as("length %d", n).isEqualTo(TEXT_PREFIX_HASHES[n]);
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            assertThat(PgHash.hashBytesExtended(bytes, 0, bytes.length, SEED)).as("bytes, length %d", n)
                    .isEqualTo(TEXT_PREFIX_HASHES[n]);
        }
    }

    @Test
    void multiByteUtf8() {
        for (Object[] row : MULTIBYTE) {
            String s = (String) row[0];
            assertThat(PgHash.utf8Length(s)).as(s).isEqualTo((Integer) row[3]);
            assertThat(PgHash.hashTextExtended(s, SEED)).as(s).isEqualTo((Long) row[1]);
            assertThat(PgHash.hashTextExtended(s, 0)).as("unseeded %s", s).isEqualTo((Long) row[2]);
        }
    }

    @Test
    void unseededEmptyText() {
        assertThat(PgHash.hashTextExtended("", 0)).isEqualTo(-6939563903564495251L);
    }

    @Test
    void streamingTextHashEqualsHashOfUtf8Bytes() {
        // Random strings of every kind of char, unpaired surrogates included (encoded as '?', as
        // String.getBytes does and so pgJDBC sends them), at every length around the block size.
        SplittableRandom rnd = new SplittableRandom(20240611L);
        char[] palette = {'a', 'Z', '0', ' ', '\u00e9', '\u07ff', '\u0800', '\u65e5', '\uffff', '\ud83d', '\ude42'};
        for (int i = 0; i < 5000; i++) {
            int len = rnd.nextInt(60);
            StringBuilder sb = new StringBuilder(len);
            for (int j = 0; j < len; j++) {
                sb.append(rnd.nextInt(4) == 0 ? palette[rnd.nextInt(palette.length)] : (char) rnd.nextInt(0x10000));
            }
            String s = sb.toString();
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            long seed = rnd.nextBoolean() ? SEED : rnd.nextLong();
            assertThat(PgHash.utf8Length(s)).isEqualTo(bytes.length);
            assertThat(PgHash.hashTextExtended(s, seed)).isEqualTo(PgHash.hashBytesExtended(bytes, 0, bytes.length, seed));
        }
    }

    @Test
    void hashBytesHonoursOffset() {
        byte[] padded = "xxabcdefghijklmnopqyy".getBytes(StandardCharsets.UTF_8);
        assertThat(PgHash.hashBytesExtended(padded, 2, 17, SEED))
                .isEqualTo(PgHash.hashTextExtended("abcdefghijklmnopq", SEED))
                .isEqualTo(TEXT_PREFIX_HASHES[17]);
        assertThatThrownBy(() -> PgHash.hashBytesExtended(padded, 10, 20, SEED))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void int4() {
        // SELECT v, hashint4extended(v, 8816678312871386365), hashint4extended(v, 0)
        long[][] rows = {
            {0, -4403592609991167795L, 4154612158245552303L},
            {1, 5968994663651403477L, -3670598878359251130L},
            {-1, -5017072347659237694L, -1888257769727981238L},
            {42, 7363975540656877951L, 8010225493015854792L},
            {Integer.MAX_VALUE, -6050265599104649060L, -9109110466470504941L},
            {Integer.MIN_VALUE, 4938542303000433043L, 1977219185673256887L},
        };
        for (long[] r : rows) {
            assertThat(PgHash.hashUint32Extended((int) r[0], SEED)).as("%d", r[0]).isEqualTo(r[1]);
            assertThat(PgHash.hashUint32Extended((int) r[0], 0)).as("unseeded %d", r[0]).isEqualTo(r[2]);
            // a seed equal to the partition seed takes a precomputed path: check the general one
            assertThat(PgHash.hashUint32Extended((int) r[0], SEED)).isEqualTo(generalUint32(r[0]));
        }
    }

    @Test
    void int2() {
        // SELECT v, hashint2extended(v::int2, 8816678312871386365)
        long[][] rows = {
            {0, -4403592609991167795L},
            {1, 5968994663651403477L},
            {-1, -5017072347659237694L},
            {42, 7363975540656877951L},
            {Short.MAX_VALUE, -6436696229286267413L},
            {Short.MIN_VALUE, 5885242512097991578L},
        };
        for (long[] r : rows) {
            // PostgreSQL widens int2 to int32 (sign-extended) before hashing
            assertThat(PgHash.hashUint32Extended((short) r[0], SEED)).as("%d", r[0]).isEqualTo(r[1]);
        }
    }

    @Test
    void int8() {
        // SELECT v, hashint8extended(v, 8816678312871386365)
        long[][] rows = {
            {0, -4403592609991167795L},
            {1, 5968994663651403477L},
            {-1, -5017072347659237694L},
            {42, 7363975540656877951L},
            {2147483647L, -6050265599104649060L},
            {-2147483648L, 4938542303000433043L},
            {2147483648L, 4938542303000433043L},
            {-2147483649L, -6050265599104649060L},
            {4294967296L, 5968994663651403477L},
            {Long.MAX_VALUE, 4938542303000433043L},
            {Long.MIN_VALUE, -6050265599104649060L},
            {1234567890123456789L, -9105224441813162067L},
        };
        for (long[] r : rows) {
            assertThat(PgHash.hashInt8Extended(r[0], SEED)).as("%d", r[0]).isEqualTo(r[1]);
        }
    }

    @Test
    void int8HashesLikeInt4InInt4Range() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            int v = rnd.nextInt();
            assertThat(PgHash.hashInt8Extended(v, SEED)).isEqualTo(PgHash.hashUint32Extended(v, SEED));
        }
    }

    @Test
    void uuid() {
        // SELECT u, uuid_hash_extended(u, 8816678312871386365), uuid_hash_extended(u, 0)
        Object[][] rows = {
            {"00000000-0000-0000-0000-000000000000", -5281082146396728638L, -6859010066814654381L},
            {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", 424513190990560493L, 7543054272012930821L},
            {"ffffffff-ffff-ffff-ffff-ffffffffffff", -148986464341306210L, 293445543803463785L},
            {"123e4567-e89b-12d3-a456-426614174000", -1252132692482143582L, -1647950126005018481L},
        };
        for (Object[] r : rows) {
            UUID u = UUID.fromString((String) r[0]);
            assertThat(PgHash.hashUuidExtended(u, SEED)).as("%s", u).isEqualTo((Long) r[1]);
            assertThat(PgHash.hashUuidExtended(u, 0)).as("unseeded %s", u).isEqualTo((Long) r[2]);
            assertThat(PgHash.hashBytesExtended(uuidBytes(u), 0, 16, SEED)).isEqualTo((Long) r[1]);
        }
    }

    @Test
    void hashCombine64FromZeroAddsTheConstant() {
        assertThat(PgHash.hashCombine64(0, 0)).isEqualTo(0x49a0f4dd15e5a8e3L);
        assertThat(PgHash.hashCombine64(0, 1)).isEqualTo(0x49a0f4dd15e5a8e4L);
        // a ^= b + C + (a << 54) + (a >> 7), unsigned shift
        long a = 0x8000000000000001L;
        long b = 5;
        assertThat(PgHash.hashCombine64(a, b))
                .isEqualTo(a ^ (b + 0x49a0f4dd15e5a8e3L + (1L << 54) + 0x0100000000000000L));
    }

    /** hash_bytes_extended of the 4 little-endian bytes: what hash_bytes_uint32_extended must equal. */
    private static long generalUint32(long v) {
        int k = (int) v;
        byte[] b = {(byte) k, (byte) (k >>> 8), (byte) (k >>> 16), (byte) (k >>> 24)};
        return PgHash.hashBytesExtended(b, 0, 4, SEED);
    }

    private static byte[] uuidBytes(UUID u) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
            b[8 + i] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return b;
    }
}
