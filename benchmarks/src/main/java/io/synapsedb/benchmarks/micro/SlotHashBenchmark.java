package io.synapsedb.benchmarks.micro;

import io.synapsedb.core.KeyType;
import io.synapsedb.placement.SlotHasher;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The slot of a shard-key value (PostgreSQL's partition hash in Java): bigint on the primitive
 * hot path, bigint boxed through the generic entry, text (16-36 characters) and uuid. Keys cycle
 * through 1024 precomputed values so the JIT cannot fold them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SlotHashBenchmark {

    private static final int N = 1024;

    private final long[] longs = new long[N];
    private final Long[] boxed = new Long[N];
    private final String[] texts = new String[N];
    private final UUID[] uuids = new UUID[N];
    private int i;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        for (int k = 0; k < N; k++) {
            longs[k] = r.nextLong();
            boxed[k] = longs[k];
            texts[k] = "customer-" + Long.toHexString(r.nextLong()) + (k % 3 == 0 ? "-with-a-longer-tail" : "");
            uuids[k] = new UUID(r.nextLong(), r.nextLong());
        }
    }

    private int next() {
        i = (i + 1) & (N - 1);
        return i;
    }

    @Benchmark
    public int slotOfLong() {
        return SlotHasher.slotOfLong(longs[next()], 128);
    }

    @Benchmark
    public int slotOfBoxedBigint() throws SQLException {
        return SlotHasher.slotOf(KeyType.INT8, boxed[next()], 128);
    }

    @Benchmark
    public int slotOfText() throws SQLException {
        return SlotHasher.slotOf(KeyType.TEXT, texts[next()], 128);
    }

    @Benchmark
    public int slotOfUuid() throws SQLException {
        return SlotHasher.slotOf(KeyType.UUID, uuids[next()], 128);
    }
}
