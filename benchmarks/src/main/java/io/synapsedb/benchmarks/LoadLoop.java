package io.synapsedb.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The closed load loop of the single-purpose benchmarks: N threads repeat one operation for a
 * fixed time; the result is throughput, latency percentiles and the process's CPU per operation.
 */
public final class LoadLoop {

    /** One operation, repeated by one thread; closed when the thread stops. */
    public interface Operation extends AutoCloseable {
        void once() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** Makes each thread's operation (and whatever it keeps open, such as a connection). */
    @FunctionalInterface
    public interface OperationFactory {
        Operation open() throws Exception;
    }

    public static final int OPS_PER_SECOND = 0;
    public static final int P50_US = 1;
    public static final int P99_US = 2;
    public static final int CPU_US_PER_OP = 3;
    public static final int OPS = 4;

    private LoadLoop() {
    }

    /**
     * Runs {@code factory}'s operations on {@code threads} threads for {@code seconds}; returns
     * {ops/s, p50 us, p99 us, client CPU us per op, ops} (indexes above). The first failure of any
     * thread fails the run, named {@code name}.
     */
    public static double[] run(String name, int threads, int seconds, OperationFactory factory) throws InterruptedException {
        LongAdder ops = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        long[][] latencies = new long[threads][];
        CountDownLatch done = new CountDownLatch(threads);
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                try (Operation op = factory.open()) {
                    while (!stop.get()) {
                        long s = System.nanoTime();
                        op.once();
                        long e = System.nanoTime() - s;
                        if (n < lat.length) {
                            lat[n++] = e;
                        }
                        ops.increment();
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                } finally {
                    latencies[id] = Arrays.copyOf(lat, n);
                    done.countDown();
                }
            }, "bench-" + t);
            th.start();
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuPerOp = (os.getProcessCpuTime() - cpuStart) / 1000.0 / Math.max(1, ops.sum());
        if (!errors.isEmpty()) {
            throw new IllegalStateException(name + " failed", errors.get(0));
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1000.0;
        double p99 = all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1000.0;
        return new double[] {ops.sum() / elapsed, p50, p99, cpuPerOp, ops.sum()};
    }

    /** Median of field {@code field} over repetitions' results. */
    public static double median(List<double[]> runs, int field) {
        double[] v = runs.stream().mapToDouble(r -> r[field]).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
