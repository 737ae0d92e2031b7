package io.synapsedb.benchmarks.macro;

import java.util.concurrent.ThreadLocalRandom;

/** Chooses the key of the next operation among {@code 0..n-1}. Implementations are immutable and thread-safe. */
public interface KeyChooser {

    /** The next key. */
    long next(ThreadLocalRandom random);

    /** Every key equally likely. */
    static KeyChooser uniform(long n) {
        return random -> random.nextLong(n);
    }

    /**
     * YCSB's scrambled zipfian: item popularity follows a zipfian law with skew {@code theta} (Gray
     * et al., "Quickly generating billion-record synthetic databases", SIGMOD 1994), and each item
     * is mapped to a key by a hash so that the hot keys are spread over the key space (and so over
     * the groups) instead of being the smallest keys.
     */
    static KeyChooser zipfian(long n, double theta) {
        return new Zipfian(n, theta);
    }

    /** See {@link KeyChooser#zipfian}. */
    final class Zipfian implements KeyChooser {

        private final long n;
        private final double theta;
        private final double zetan;
        private final double alpha;
        private final double eta;
        private final double twoThreshold;

        Zipfian(long n, double theta) {
            if (n < 2) {
                throw new IllegalArgumentException("a zipfian choice needs at least 2 keys: " + n);
            }
            this.n = n;
            this.theta = theta;
            double z = 0;
            for (long i = 1; i <= n; i++) {
                z += 1 / Math.pow(i, theta); // once per run: 1M terms take a few milliseconds
            }
            this.zetan = z;
            double zeta2 = 1 + Math.pow(0.5, theta);
            this.alpha = 1 / (1 - theta);
            this.eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetan);
            this.twoThreshold = 1 + Math.pow(0.5, theta);
        }

        @Override
        public long next(ThreadLocalRandom random) {
            return Math.floorMod(fnv64(item(random.nextDouble())), n);
        }

        /** The item (0 = most popular) for a uniform draw {@code u} in [0, 1). */
        long item(double u) {
            double uz = u * zetan;
            if (uz < 1) {
                return 0;
            }
            if (uz < twoThreshold) {
                return 1;
            }
            return Math.min(n - 1, (long) (n * Math.pow(eta * u - eta + 1, alpha)));
        }

        /** FNV-1a over the 8 bytes of {@code v}: YCSB's scrambling hash. */
        private static long fnv64(long v) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < 8; i++) {
                h ^= v & 0xff;
                h *= 0x100000001b3L;
                v >>>= 8;
            }
            return h;
        }

        @Override
        public String toString() {
            return "zipfian(" + n + ", theta=" + theta + ")";
        }
    }
}
