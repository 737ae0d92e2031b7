package io.synapsedb.benchmarks.macro;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The knobs of the macro harness, read from system properties ({@code -Dname=value} on the Maven
 * command line). {@code -Dquick} changes the defaults to a short run; an explicit knob still wins.
 *
 * @param quick the short mode
 * @param seconds measured seconds per (configuration, workload, repetition)
 * @param warmupSeconds warm-up per configuration before any measurement
 * @param threads client threads
 * @param rows rows loaded into each YCSB table
 * @param reps interleaved repetitions
 * @param workloads workload names (or prefixes) to run
 * @param configs configuration ids to run
 * @param insertRows rows of the batched-insert workload, per configuration
 * @param batchSize rows per JDBC batch in the insert workload
 * @param scanMax longest scan of workload E (lengths are uniform in 1..scanMax, as in YCSB)
 * @param zipfTheta skew of the zipfian key choice
 * @param startupRuns fresh JVMs per configuration for the start-up measurement
 * @param durable PostgreSQL with fsync (true) or without
 * @param ssSharding ShardingSphere's algorithm: {@code inline} (its own table, placement key % 3) or
 *     {@code class} (our table and placement through a CLASS_BASED algorithm)
 * @param outDir where the reports go
 */
public record Settings(
        boolean quick,
        double seconds,
        int warmupSeconds,
        int threads,
        int rows,
        int reps,
        List<String> workloads,
        List<String> configs,
        int insertRows,
        int batchSize,
        int scanMax,
        double zipfTheta,
        int startupRuns,
        boolean durable,
        String ssSharding,
        Path outDir) {

    /** Every configuration id, in the order of the report. */
    public static final List<String> ALL_CONFIGS = List.of("a", "b", "b-plain", "c-ds", "c-hikari", "d-ds", "d-hikari");

    /** The configurations run when {@code -Dconfigs} is not given. */
    public static final List<String> DEFAULT_CONFIGS = List.of("a", "b", "b-plain", "c-ds", "c-hikari", "d-ds");

    public Settings {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("seconds must be positive: " + seconds);
        }
        if (warmupSeconds < 0) {
            throw new IllegalArgumentException("warmup must not be negative: " + warmupSeconds);
        }
        positive("threads", threads);
        positive("rows", rows);
        positive("reps", reps);
        positive("insertRows", insertRows);
        positive("batchSize", batchSize);
        positive("scanMax", scanMax);
        if (startupRuns < 0) {
            throw new IllegalArgumentException("startupRuns must not be negative: " + startupRuns);
        }
        if (!(zipfTheta > 0 && zipfTheta < 1)) {
            throw new IllegalArgumentException("zipfTheta must be in (0, 1): " + zipfTheta);
        }
        for (String c : configs) {
            if (!ALL_CONFIGS.contains(c)) {
                throw new IllegalArgumentException("unknown configuration '" + c + "' in -Dconfigs; valid: " + ALL_CONFIGS);
            }
        }
        if (!ssSharding.equals("inline") && !ssSharding.equals("class")) {
            throw new IllegalArgumentException("-Dss.sharding must be inline or class, not '" + ssSharding + "'");
        }
        workloads = List.copyOf(workloads);
        configs = List.copyOf(configs);
    }

    /** Reads the knobs from the system properties. */
    public static Settings fromSystemProperties() {
        String q = System.getProperty("quick");
        boolean quick = q != null && !q.equalsIgnoreCase("false");
        return new Settings(
                quick,
                Double.parseDouble(System.getProperty("seconds", quick ? "1.5" : "6")),
                Integer.getInteger("warmup", quick ? 5 : 60),
                Integer.getInteger("threads", 8),
                Integer.getInteger("rows", quick ? 10_000 : 100_000),
                Integer.getInteger("reps", quick ? 2 : 3),
                list(System.getProperty("workloads", "all")),
                System.getProperty("configs") == null ? DEFAULT_CONFIGS : list(System.getProperty("configs")),
                Integer.getInteger("insertRows", quick ? 20_000 : 1_000_000),
                Integer.getInteger("batchSize", 1000),
                Integer.getInteger("scanMax", 100),
                Double.parseDouble(System.getProperty("zipfTheta", "0.99")),
                Integer.getInteger("startupRuns", quick ? 1 : 3),
                Boolean.parseBoolean(System.getProperty("durable", "true")),
                System.getProperty("ss.sharding", "inline").toLowerCase(Locale.ROOT),
                Path.of(System.getProperty("outDir", System.getProperty("bench.outDir", "results"))));
    }

    /** True when workload {@code name} was asked for ({@code all}, its name, or a prefix of it). */
    public boolean runs(String name) {
        return workloads.contains("all") || workloads.stream().anyMatch(name::startsWith);
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%sseconds=%s warmup=%d threads=%d rows=%d reps=%d insertRows=%d batchSize=%d scanMax=%d"
                        + " zipfTheta=%.2f durable=%s ss.sharding=%s workloads=%s configs=%s",
                quick ? "quick " : "", new java.math.BigDecimal(Double.toString(seconds)).stripTrailingZeros().toPlainString(), warmupSeconds, threads, rows, reps, insertRows, batchSize, scanMax,
                zipfTheta, durable, ssSharding, String.join(",", workloads), String.join(",", configs));
    }
}
