package io.synapsedb.benchmarks.macro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@link Results} into the console table, {@code macro.csv} (one line per cell),
 * {@code macro-runs.csv} (one line per repetition), {@code macro.md} and {@code macro.svg}.
 */
public final class Report {

    /** (b): hand-routed pgJDBC on the driver's own tables, the baseline of earlier runs. */
    static final String HAND_ROUTED = "b";
    /** (b′): hand-routed pgJDBC on plain tables, asking the nodes in parallel: the ceiling. */
    static final String CEILING = "b-plain";

    private final Results results;
    private final Settings settings;
    private final List<String> configs;
    private final String environment;
    private final String date;

    public Report(Results results, Settings settings, List<String> configs, String environment, String date) {
        this.results = results;
        this.settings = settings;
        this.configs = List.copyOf(configs);
        this.environment = environment;
        this.date = date;
    }

    /** The command that reproduces this run. */
    public String command() {
        StringBuilder sb = new StringBuilder("mvn -B -q -Pmacro -DskipTests -pl benchmarks -am package");
        if (settings.quick()) {
            sb.append(" -Dquick");
        }
        return sb.toString();
    }

    /** The main table as plain text. */
    public String console() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-16s %-48s %12s %9s %9s %11s %8s %8s%n", "workload", "configuration",
                "median op/s", "p50 us", "p99 us", "CPU us/op", "vs (b)", "vs (b′)"));
        for (String w : results.outcomes().keySet()) {
            for (String c : configs) {
                Results.Summary s = results.summary(w, c);
                if (s == null) {
                    continue;
                }
                if (!s.ok()) {
                    sb.append(String.format(Locale.ROOT, "%-16s %-48s %s%n", w, Target.label(c), shorten(s.note(), 120)));
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "%-16s %-48s %12.0f %9.0f %9.0f %11.1f %8s %8s%s%n", w,
                        Target.label(c), s.throughput(), s.p50Micros(), s.p99Micros(), s.cpuMicrosPerOp(),
                        ratio(w, c, HAND_ROUTED), ratio(w, c, CEILING),
                        s.note() == null ? "" : "  (" + shorten(s.note(), 80) + ")"));
            }
        }
        if (!results.startup().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nstart-up (fresh JVM, static topology)%n"));
            sb.append(String.format(Locale.ROOT, "%-44s %5s %24s %22s%n", "configuration", "runs",
                    "getConnection->row ms", "JVM start->row ms"));
            for (Map.Entry<String, List<Startup.Sample>> e : results.startup().entrySet()) {
                sb.append(String.format(Locale.ROOT, "%-44s %5d %24.0f %22.0f%n", startupLabel(e.getKey()),
                        e.getValue().size(), medianConnect(e.getValue()), medianUptime(e.getValue())));
            }
        }
        return sb.toString();
    }

    /** Writes the CSV, Markdown and SVG files into {@code dir}; returns the Markdown file. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("macro.csv"), summaryCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("macro-runs.csv"), runsCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("macro.svg"), new SvgChart(results, configs, chartBaseline(), subtitle()).render(),
                StandardCharsets.UTF_8);
        Path md = dir.resolve("macro.md");
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        return md;
    }

    /** The chart shows ratios to (b′) when it ran (the ceiling the driver is judged by), else to (b). */
    String chartBaseline() {
        return configs.contains(CEILING) ? CEILING : HAND_ROUTED;
    }

    private String subtitle() {
        return date + (settings.quick() ? ", quick mode" : "") + ", " + settings.threads() + " threads, "
                + settings.rows() + " rows, median of " + settings.reps() + " interleaved runs";
    }

    String summaryCsv() {
        StringBuilder sb = new StringBuilder(
                "workload,configuration,label,measured_runs,median_ops_per_s,p50_us,p99_us,cpu_us_per_op,ratio_to_b,"
                        + "ratio_to_b_plain,note\n");
        for (String w : results.outcomes().keySet()) {
            for (String c : configs) {
                Results.Summary s = results.summary(w, c);
                if (s == null) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.1f,%.1f,%.1f,%.2f,%s,%s,%s%n", w, c,
                        csv(Target.label(c)), s.measured(), s.throughput(), s.p50Micros(), s.p99Micros(),
                        s.cpuMicrosPerOp(), csvRatio(w, c, HAND_ROUTED), csvRatio(w, c, CEILING),
                        csv(s.note() == null ? "" : s.note())));
            }
        }
        for (Map.Entry<String, List<Startup.Sample>> e : results.startup().entrySet()) {
            sb.append(String.format(Locale.ROOT, "startup,%s,%s,%d,,%.1f,,,,,%s%n", e.getKey(),
                    csv(startupLabel(e.getKey())), e.getValue().size(), medianConnect(e.getValue()),
                    csv("p50_us column holds the median getConnection-to-first-row time in ms; JVM start to first row "
                            + String.format(Locale.ROOT, "%.0f", medianUptime(e.getValue())) + " ms")));
        }
        return sb.toString();
    }

    String runsCsv() {
        StringBuilder sb = new StringBuilder(
                "workload,configuration,run,status,ops,seconds,ops_per_s,p50_us,p99_us,cpu_us_per_op,note\n");
        for (Map.Entry<String, Map<String, List<Outcome>>> w : results.outcomes().entrySet()) {
            for (Map.Entry<String, List<Outcome>> c : w.getValue().entrySet()) {
                int run = 0;
                for (Outcome o : c.getValue()) {
                    run++;
                    if (o instanceof Outcome.Measured m) {
                        sb.append(String.format(Locale.ROOT, "%s,%s,%d,measured,%d,%.3f,%.1f,%.1f,%.1f,%.2f,%n",
                                w.getKey(), c.getKey(), run, m.ops(), m.seconds(), m.throughput(), m.p50Micros(),
                                m.p99Micros(), m.cpuMicrosPerOp()));
                    } else if (o instanceof Outcome.Skipped s) {
                        sb.append(String.format(Locale.ROOT, "%s,%s,%d,skipped,,,,,,,%s%n", w.getKey(), c.getKey(),
                                run, csv(s.reason())));
                    } else if (o instanceof Outcome.Failed f) {
                        sb.append(String.format(Locale.ROOT, "%s,%s,%d,failed,,,,,,,%s%n", w.getKey(), c.getKey(), run,
                                csv(f.error())));
                    }
                }
            }
        }
        for (Map.Entry<String, List<Startup.Sample>> e : results.startup().entrySet()) {
            int run = 0;
            for (Startup.Sample s : e.getValue()) {
                sb.append(String.format(Locale.ROOT, "startup,%s,%d,measured,1,%.3f,,,,,JVM start to first row %.0f ms%n",
                        e.getKey(), ++run, s.connectToFirstRowMillis() / 1000, s.jvmUptimeMillis()));
            }
        }
        return sb.toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Macro benchmark: the driver beside pgJDBC and ShardingSphere-JDBC\n\n");
        sb.append("Run ").append(date).append(settings.quick() ? " in **quick mode** (short runs: indicative only)" : "")
                .append(" on ").append(environment).append(".\n\n");
        sb.append("```\n").append(command()).append("\n```\n\n");
        sb.append("Knobs: `").append(settings).append("`\n\n");
        sb.append("Medians of the interleaved repetitions. Latency is per operation (per batch for `insert`);");
        sb.append(" client CPU is the benchmark JVM's process CPU time (every thread: application, pools,");
        sb.append(" JIT, GC) divided by the operations; throughput of `insert` is rows/s and its CPU is per row.");
        sb.append(" Run-to-run spread on this machine is ±20–30%: treat differences under 15% as noise.\n\n");
        sb.append("Ratios are median throughput over the median throughput of (b) (hand-routed, the driver's");
        sb.append(" partitioned tables, nodes asked one after another) and of (b′) (hand-routed, plain tables, nodes");
        sb.append(" asked in parallel: the ceiling).\n\n");
        sb.append("![ratio to ").append(Target.shortLabel(chartBaseline())).append("](macro.svg)\n\n");
        sb.append("| workload | configuration | median ops/s | p50 µs | p99 µs | client CPU µs/op | ratio to (b) |"
                + " ratio to (b′) |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder notes = new StringBuilder();
        for (String w : results.outcomes().keySet()) {
            for (String c : configs) {
                Results.Summary s = results.summary(w, c);
                if (s == null) {
                    continue;
                }
                if (!s.ok()) {
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %s | | | | | |%n", w, Target.label(c),
                            s.note().startsWith("skipped") ? "skipped¹" : "failed¹"));
                    notes.append("* ").append(w).append(", ").append(Target.label(c)).append(": ")
                            .append(md(s.note())).append('\n');
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.0f | %.0f | %.1f | %s | %s |%n", w,
                        Target.label(c), s.throughput(), s.p50Micros(), s.p99Micros(), s.cpuMicrosPerOp(),
                        ratio(w, c, HAND_ROUTED), ratio(w, c, CEILING)));
                if (s.note() != null) {
                    notes.append("* ").append(w).append(", ").append(Target.label(c)).append(": ")
                            .append(md(s.note())).append('\n');
                }
            }
        }
        if (notes.length() > 0) {
            sb.append("\n¹ Not measured:\n\n").append(notes);
        }
        if (!results.startup().isEmpty()) {
            sb.append("\n## Start-up\n\nFresh JVM per run, static topology, `DriverManager.getConnection(url)` to the");
            sb.append(" first row of a point select (target ≤ 1 s).\n\n");
            sb.append("| configuration | runs | getConnection → first row, median ms | JVM start → first row, median ms |\n");
            sb.append("|---|---:|---:|---:|\n");
            for (Map.Entry<String, List<Startup.Sample>> e : results.startup().entrySet()) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f |%n", startupLabel(e.getKey()),
                        e.getValue().size(), medianConnect(e.getValue()), medianUptime(e.getValue())));
            }
        }
        sb.append("\n## Workloads\n\n");
        for (String w : results.outcomes().keySet()) {
            sb.append("* `").append(w).append("`: ").append(results.title(w)).append('\n');
        }
        return sb.toString();
    }

    private String ratio(String w, String c, String baseline) {
        double r = results.ratio(w, c, baseline);
        return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.2f", r);
    }

    private String csvRatio(String w, String c, String baseline) {
        double r = results.ratio(w, c, baseline);
        return Double.isNaN(r) ? "" : String.format(Locale.ROOT, "%.3f", r);
    }

    static String startupLabel(String id) {
        return switch (id) {
            case "a" -> "(a) pgJDBC, one node (reference)";
            case "c" -> "(c) jdbc:synapse:";
            case "d" -> "(d) ShardingSphere-JDBC (jdbc:shardingsphere:)";
            default -> id;
        };
    }

    private static double medianConnect(List<Startup.Sample> s) {
        return Results.median(s.stream().mapToDouble(Startup.Sample::connectToFirstRowMillis).toArray());
    }

    private static double medianUptime(List<Startup.Sample> s) {
        return Results.median(s.stream().mapToDouble(Startup.Sample::jvmUptimeMillis).toArray());
    }

    private static String csv(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.contains(",") || one.contains("\"") ? "\"" + one.replace("\"", "\"\"") + "\"" : one;
    }

    private static String md(String s) {
        return s.replace('\n', ' ').replace("|", "\\|");
    }

    private static String shorten(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }
}
