package io.synapsedb.placement;

import java.util.UUID;

/**
 * PostgreSQL's own hash functions, bit for bit, as PostgreSQL computes them on a little-endian
 * machine (x86-64, arm64): the values of {@code hash_bytes_extended}, {@code
 * hash_bytes_uint32_extended}, {@code hashint8extended}, {@code hashtextextended}, {@code
 * uuid_hash_extended} and {@code hash_combine64}.
 *
 * <p>The driver needs them to know, without asking the server, which hash partition ({@code
 * PARTITION BY HASH}, {@code FOR VALUES WITH (MODULUS S, REMAINDER r)}) PostgreSQL puts a row in:
 * for a one-column key that partition's remainder is {@code hashCombine64(0, hashXxxExtended(key,
 * HASH_PARTITION_SEED)) mod S}, unsigned. See {@link SlotHasher}.
 *
 * <p>The core is Bob Jenkins' lookup3 ({@code mix}/{@code final}) as adapted by PostgreSQL in
 * {@code src/common/hashfn.c}, with its seed perturbation. All arithmetic is on 32-bit words, for
 * which Java's two's-complement {@code int} arithmetic is exactly C's {@code uint32} arithmetic.
 * Results are returned as signed {@code long}s holding the unsigned 64-bit value ({@code
 * (b << 32) | c}), the same bits {@code SELECT hashint4extended(...)} shows as a signed
 * {@code bigint}.
 *
 * <p>Every method is allocation-free and thread-safe.
 */
public final class PgHash {

    /**
     * {@code HASH_PARTITION_SEED} from PostgreSQL's {@code partition.h}: the seed every hash
     * partition key column is hashed with ({@code 8816678312871386365} as a signed {@code int8}).
     */
    public static final long HASH_PARTITION_SEED = 0x7A5B22367996DCFDL;

    /** lookup3's initial state is {@code 0x9e3779b9 + length + 3923095}. */
    private static final int INIT = 0x9e3779b9 + 3923095;

    /** {@code hash_combine64}'s constant ("64bit random data"). */
    private static final long COMBINE64 = 0x49a0f4dd15e5a8e3L;

    /*
     * State after the seed perturbation of a 4-byte key hashed with HASH_PARTITION_SEED. It only
     * depends on the length and the seed, so the integer hot path starts from here and saves one
     * mix() per key.
     */
    private static final int PART4_A;
    private static final int PART4_B;
    private static final int PART4_C;

    static {
        int a = INIT + 4;
        int b = a;
        int c = a;
        a += (int) (HASH_PARTITION_SEED >>> 32);
        b += (int) HASH_PARTITION_SEED;
        // mix(a, b, c)
        a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
        a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        PART4_A = a;
        PART4_B = b;
        PART4_C = c;
    }

    private PgHash() {
    }

    /**
     * {@code hash_bytes_extended(k + off, len, seed)}: lookup3 over {@code len} bytes, seeded.
     *
     * @param k the bytes
     * @param off first byte
     * @param len number of bytes
     * @param seed 64-bit seed; 0 means unseeded (PostgreSQL skips the perturbation then)
     * @return the unsigned 64-bit hash in a {@code long}
     */
    @SuppressWarnings("fallthrough") // the tail switch falls through on purpose, as lookup3's does
    public static long hashBytesExtended(byte[] k, int off, int len, long seed) {
        if (off < 0 || len < 0 || off > k.length - len) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", length " + k.length);
        }
        int a = INIT + len;
        int b = a;
        int c = a;
        if (seed != 0) {
            // The seed is hashed as if it were a 12-byte block: high word, low word, zero.
            a += (int) (seed >>> 32);
            b += (int) seed;
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        }
        int p = off;
        int rest = len;
        while (rest >= 12) {
            a += le32(k, p);
            b += le32(k, p + 4);
            c += le32(k, p + 8);
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            p += 12;
            rest -= 12;
        }
        // The last 0..11 bytes, little-endian; the lowest byte of c is "reserved for the length",
        // so c's tail bytes go in one byte higher than in a full block.
        switch (rest) {
            case 11: c += (k[p + 10] & 0xFF) << 24; // fall through
            case 10: c += (k[p + 9] & 0xFF) << 16; // fall through
            case 9: c += (k[p + 8] & 0xFF) << 8; // fall through
            case 8: b += (k[p + 7] & 0xFF) << 24; // fall through
            case 7: b += (k[p + 6] & 0xFF) << 16; // fall through
            case 6: b += (k[p + 5] & 0xFF) << 8; // fall through
            case 5: b += k[p + 4] & 0xFF; // fall through
            case 4: a += (k[p + 3] & 0xFF) << 24; // fall through
            case 3: a += (k[p + 2] & 0xFF) << 16; // fall through
            case 2: a += (k[p + 1] & 0xFF) << 8; // fall through
            case 1: a += k[p] & 0xFF; // fall through
            default: break;
        }
        return finalMix(a, b, c);
    }

    /**
     * {@code hash_bytes_uint32_extended(k, seed)}: the hash of one 32-bit word. PostgreSQL hashes
     * {@code int2} (sign-extended), {@code int4}, {@code oid}, {@code date} and the folded {@code
     * int8} with it.
     */
    public static long hashUint32Extended(int k, long seed) {
        if (seed == HASH_PARTITION_SEED) {
            return finalMix(PART4_A + k, PART4_B, PART4_C);
        }
        int a = INIT + 4;
        int b = a;
        int c = a;
        if (seed != 0) {
            a += (int) (seed >>> 32);
            b += (int) seed;
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        }
        return finalMix(a + k, b, c);
    }

    /**
     * {@code hashint8extended(v, seed)}. The high half is folded into the low half ({@code lo ^=
     * v >= 0 ? hi : ~hi}) so that an {@code int8} hashes like the {@code int4}/{@code int2} of the
     * same value: PostgreSQL's integer types share one hash opfamily.
     */
    public static long hashInt8Extended(long v, long seed) {
        int lo = (int) v;
        int hi = (int) (v >>> 32);
        lo ^= v >= 0 ? hi : ~hi;
        return hashUint32Extended(lo, seed);
    }

    /**
     * {@code hashtextextended(s, seed)} for a deterministic collation (the default; PostgreSQL
     * hash-partitions by the collation of the key column and its default collation is
     * deterministic): the lookup3 hash of the string's UTF-8 bytes. Requires a UTF-8 database.
     *
     * <p>Encodes as it hashes, so it allocates nothing. An unpaired surrogate is encoded as
     * {@code '?'}, as {@code String.getBytes(UTF_8)} (and so pgJDBC) sends it.
     */
    public static long hashTextExtended(String s, long seed) {
        final int n = s.length();
        final int len = utf8Length(s);
        int a = INIT + len;
        int b = a;
        int c = a;
        if (seed != 0) {
            a += (int) (seed >>> 32);
            b += (int) seed;
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        }
        // Stream the UTF-8 bytes into a 12-byte block held in three words; a full block is mixed
        // exactly as hash_bytes_extended's main loop does, a partial one is the tail.
        int w0 = 0;
        int w1 = 0;
        int w2 = 0;
        int pos = 0; // bytes in the current block, 0..11
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            int enc; // up to 4 UTF-8 bytes, first byte in the low 8 bits
            int cnt;
            if (ch < 0x80) {
                enc = ch;
                cnt = 1;
            } else if (ch < 0x800) {
                enc = (0xC0 | (ch >>> 6)) | (0x80 | (ch & 0x3F)) << 8;
                cnt = 2;
            } else if (!Character.isSurrogate(ch)) {
                enc = (0xE0 | (ch >>> 12)) | (0x80 | ((ch >>> 6) & 0x3F)) << 8 | (0x80 | (ch & 0x3F)) << 16;
                cnt = 3;
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(ch, s.charAt(++i));
                enc = (0xF0 | (cp >>> 18)) | (0x80 | ((cp >>> 12) & 0x3F)) << 8
                        | (0x80 | ((cp >>> 6) & 0x3F)) << 16 | (0x80 | (cp & 0x3F)) << 24;
                cnt = 4;
            } else {
                enc = '?';
                cnt = 1;
            }
            for (int j = 0; j < cnt; j++, enc >>>= 8) {
                int byteVal = enc & 0xFF;
                int shift = (pos & 3) << 3;
                if (pos < 4) {
                    w0 |= byteVal << shift;
                } else if (pos < 8) {
                    w1 |= byteVal << shift;
                } else {
                    w2 |= byteVal << shift;
                }
                if (++pos == 12) {
                    a += w0;
                    b += w1;
                    c += w2;
                    a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
                    b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
                    c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
                    a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
                    b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
                    c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
                    w0 = 0;
                    w1 = 0;
                    w2 = 0;
                    pos = 0;
                }
            }
        }
        // Tail: c's bytes sit one byte higher than in a block (its low byte is reserved).
        return finalMix(a + w0, b + w1, c + (w2 << 8));
    }

    /**
     * {@code uuid_hash_extended(u, seed)}: the lookup3 hash of the 16 bytes of the UUID in their
     * textual (big-endian) order.
     */
    public static long hashUuidExtended(UUID u, long seed) {
        long msb = u.getMostSignificantBits();
        long lsb = u.getLeastSignificantBits();
        int a = INIT + 16;
        int b = a;
        int c = a;
        if (seed != 0) {
            a += (int) (seed >>> 32);
            b += (int) seed;
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        }
        // Bytes 0..11 form one block, read as little-endian words; bytes 12..15 are a 4-byte tail.
        a += Integer.reverseBytes((int) (msb >>> 32));
        b += Integer.reverseBytes((int) msb);
        c += Integer.reverseBytes((int) (lsb >>> 32));
        a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
        a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        a += Integer.reverseBytes((int) lsb);
        return finalMix(a, b, c);
    }

    /**
     * {@code hash_combine64(a, b)}: how PostgreSQL folds the hash of each partition key column into
     * the row hash, starting from 0.
     */
    public static long hashCombine64(long a, long b) {
        return a ^ (b + COMBINE64 + (a << 54) + (a >>> 7));
    }

    /** The number of bytes {@code s} takes in UTF-8, an unpaired surrogate counting as one. */
    static int utf8Length(String s) {
        final int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch >= 0x80) {
                if (ch < 0x800) {
                    len += 1;
                } else if (!Character.isSurrogate(ch)) {
                    len += 2;
                } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    len += 2; // 4 bytes for 2 chars
                    i++;
                }
                // an unpaired surrogate becomes '?': one byte, already counted
            }
        }
        return len;
    }

    private static int le32(byte[] k, int p) {
        return (k[p] & 0xFF) | (k[p + 1] & 0xFF) << 8 | (k[p + 2] & 0xFF) << 16 | (k[p + 3] & 0xFF) << 24;
    }

    /** lookup3's {@code final(a, b, c)}, reported as PostgreSQL's extended hashes report it. */
    private static long finalMix(int a, int b, int c) {
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return ((long) b << 32) | (c & 0xFFFFFFFFL);
    }
}
