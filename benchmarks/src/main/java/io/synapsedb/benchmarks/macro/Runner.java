package io.synapsedb.benchmarks.macro;

import com.sun.management.OperatingSystemMXBean;
import io.synapsedb.benchmarks.macro.Workload.Op;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs one workload on one configuration with a fixed number of client threads and measures
 * throughput, latency percentiles and client CPU per operation.
 *
 * <p>Before measuring a mix it runs each of its operations once: a configuration that refuses one
 * ({@code 0A000}) is reported as skipped with its own message, so that a workload starts being
 * measured by itself on the day the driver allows it.
 */
public final class Runner {

    /** 100-character field values, made once so that choosing one costs nothing. */
    private static final String[] FIELDS = fields(64, 100);
    private static final long HIGHEST_NANOS = 60_000_000_000L;

    private final int threads;
    private final long rows;
    private final int scanMax;
    private final Categories categories;
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public Runner(int threads, long rows, int scanMax) {
        this.threads = threads;
        this.rows = rows;
        this.scanMax = scanMax;
        this.categories = new Categories(rows);
    }

    /** Runs a read/update/scan/transfer mix for {@code seconds}. */
    public Outcome runMix(Operations ops, Workload w, KeyChooser keys, double seconds) throws InterruptedException {
        try {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (Op op : w.ops()) {
                execute(ops, op, keys, rnd);
            }
        } catch (Exception e) {
            return failure(e);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Histogram[] histograms = new Histogram[threads];
        long[] counts = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            histograms[t] = new Histogram(HIGHEST_NANOS, 2);
            Thread th = new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                Histogram h = histograms[id];
                long n = 0;
                try {
                    while (!stop.get()) {
                        Op op = w.pick(rnd.nextDouble());
                        long s = System.nanoTime();
                        execute(ops, op, keys, rnd);
                        h.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - s));
                        n++;
                    }
                } catch (Throwable e) { // an Error too: a worker must never die silently
                    error.compareAndSet(null, e);
                    stop.set(true);
                } finally {
                    counts[id] = n;
                }
            }, "bench-" + w.name() + "-" + t);
            workers.add(th);
        }
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        long deadline = start + (long) (seconds * 1e9);
        while (!stop.get() && System.nanoTime() < deadline) {
            Thread.sleep(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
        }
        stop.set(true);
        for (Thread th : workers) {
            th.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = os.getProcessCpuTime() - cpu0;
        if (error.get() != null) {
            return failure(error.get());
        }
        return measured(histograms, counts, elapsed, cpu);
    }

    /**
     * Inserts {@code total} rows (keys 0..total-1) in batches of {@code batchSize}, the threads taking
     * the next batch as they finish one. Latency is per batch; throughput and CPU are per row.
     */
    public Outcome runInsert(Operations ops, long total, int batchSize) throws InterruptedException {
        AtomicLong nextBatch = new AtomicLong();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Histogram[] histograms = new Histogram[threads];
        long[] counts = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            histograms[t] = new Histogram(HIGHEST_NANOS, 2);
            workers.add(new Thread(() -> {
                long n = 0;
                try {
                    while (error.get() == null) {
                        long first = nextBatch.getAndIncrement() * batchSize;
                        if (first >= total) {
                            break;
                        }
                        int count = (int) Math.min(batchSize, total - first);
                        long s = System.nanoTime();
                        ops.insertBatch(first, count, FIELDS[(int) (first % FIELDS.length)]);
                        histograms[id].recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - s));
                        n += count;
                    }
                } catch (Throwable e) { // an Error too: a worker must never die silently
                    error.compareAndSet(null, e);
                } finally {
                    counts[id] = n;
                }
            }, "bench-insert-" + t));
        }
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        for (Thread th : workers) {
            th.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = os.getProcessCpuTime() - cpu0;
        if (error.get() != null) {
            return failure(error.get());
        }
        return measured(histograms, counts, elapsed, cpu);
    }

    private void execute(Operations ops, Op op, KeyChooser keys, ThreadLocalRandom rnd) throws SQLException {
        switch (op) {
            case READ -> ops.read(keys.next(rnd));
            case UPDATE -> ops.update(keys.next(rnd), FIELDS[rnd.nextInt(FIELDS.length)]);
            case SCAN -> ops.scan(keys.next(rnd), 1 + rnd.nextInt(scanMax));
            case TRANSFER -> {
                long from = keys.next(rnd);
                long to = keys.next(rnd);
                // Two different rows on two different groups (where there is more than one group).
                while (to == from || (ops.groups() > 1 && ops.groupOf(to) == ops.groupOf(from))) {
                    to = keys.next(rnd);
                }
                ops.transfer(from, to, 1 + rnd.nextInt(100));
            }
            case TOP10 -> ops.top10();
            case LOOKUP -> ops.lookup(categories.of(keys.next(rnd)));
            default -> throw new IllegalStateException("unknown op " + op);
        }
    }

    private static Outcome measured(Histogram[] histograms, long[] counts, double elapsed, long cpuNanos) {
        Histogram all = new Histogram(HIGHEST_NANOS, 2);
        long ops = 0;
        for (int t = 0; t < histograms.length; t++) {
            all.add(histograms[t]);
            ops += counts[t];
        }
        if (ops == 0) {
            return new Outcome.Failed("no operation completed in " + elapsed + " s");
        }
        return new Outcome.Measured(ops, elapsed, all.getValueAtPercentile(50) / 1000.0,
                all.getValueAtPercentile(99) / 1000.0, cpuNanos / 1000.0 / ops);
    }

    private static Outcome failure(Throwable e) {
        String reason = Refusals.reason(e);
        if (reason != null) {
            return new Outcome.Skipped(reason);
        }
        System.err.println("workload failed:");
        e.printStackTrace();
        return new Outcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static String[] fields(int count, int length) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        String[] fields = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                sb.append((char) ('a' + rnd.nextInt(26)));
            }
            fields[i] = sb.toString();
        }
        return fields;
    }

    /** A field value for loading row {@code key}. */
    public static String field(long key) {
        return FIELDS[(int) Math.floorMod(key, (long) FIELDS.length)];
    }
}
