package io.synapsedb.benchmarks.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Turns a layout run into {@code layout.md} (tables for people) and {@code layout-runs.csv} (every repetition). */
final class LayoutReport {

    /** The command that runs the benchmark with default knobs. */
    static final String COMMAND = "mvn -B -q -Pbench-layout -DskipTests -pl benchmarks -am package";

    private final LayoutResults results;
    private final List<Layout> layouts;
    private final List<PlanFacts> plans;
    private final List<MoveFacts> moves;
    private final List<LayoutFacts> facts;
    private final String header;
    private final int slots;

    /**
     * @param header what ran where and when, with the knobs and the slot-expression check
     * @param slots the tables' number of slots
     */
    LayoutReport(LayoutResults results, List<Layout> layouts, List<PlanFacts> plans, List<MoveFacts> moves,
            List<LayoutFacts> facts, String header, int slots) {
        this.results = results;
        this.layouts = List.copyOf(layouts);
        this.plans = List.copyOf(plans);
        this.moves = List.copyOf(moves);
        this.facts = List.copyOf(facts);
        this.header = header;
        this.slots = slots;
    }

    /** Writes both files into {@code dir}; returns the Markdown file. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("layout-runs.csv"), runsCsv(), StandardCharsets.UTF_8);
        Path md = dir.resolve("layout.md");
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        return md;
    }

    private String baseline() {
        return layouts.get(0).name();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# Layout benchmark: one group's rows in each candidate layout\n\n");
        sb.append(header).append("\n\n");
        sb.append("## Layouts\n\n| layout | storage | how statements reach it |\n|---|---|---|\n");
        for (Layout l : layouts) {
            sb.append("| `").append(l.name()).append("` | ").append(l.storage().summary()).append(" | ")
                    .append(l.access()).append(" |\n");
        }
        sb.append("\n## Throughput, ratio to `").append(baseline()).append("`\n\n");
        sb.append("Median throughput of each layout over the median of `").append(baseline())
                .append("` in the same run (above 1 is faster); in brackets the same ratio for the server's CPU per")
                .append(" operation (below 1 is cheaper), the steadier measure on a shared machine.\n\n");
        sb.append("| operation |");
        layouts.forEach(l -> sb.append(" `").append(l.name()).append("` |"));
        sb.append("\n|---|").append("---:|".repeat(layouts.size())).append('\n');
        for (LayoutOp op : results.ops()) {
            sb.append("| ").append(op.title()).append(" |");
            for (Layout l : layouts) {
                sb.append(String.format(Locale.ROOT, " %s (%s) |",
                        fmt(results.ratio(op, l.name(), baseline(), LayoutResults.THROUGHPUT), "%.2f"),
                        fmt(results.ratio(op, l.name(), baseline(), LayoutResults.SERVER_CPU_US), "%.2f")));
            }
            sb.append('\n');
        }
        sb.append("\n## Every cell\n\n");
        sb.append("Throughput is operations per second (rows per second for the insert), median over the repetitions")
                .append(" with the lowest and highest; latency per operation (per batch for the insert); server CPU")
                .append(" is the backends' CPU time per operation (per row for the insert).\n\n");
        for (LayoutOp op : results.ops()) {
            sb.append("### ").append(op.title()).append(" — `").append(op.sql()).append("`\n\n");
            sb.append("| layout | median ops/s | min–max | ratio | p50 µs | p99 µs | server CPU µs/op | CPU ratio |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Layout l : layouts) {
                String n = l.name();
                if (results.runs(op, n).isEmpty()) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "| `%s` | %,.0f | %,.0f–%,.0f | %s | %.0f | %.0f | %s | %s |%n", n,
                        results.median(op, n, LayoutResults.THROUGHPUT), results.min(op, n, LayoutResults.THROUGHPUT),
                        results.max(op, n, LayoutResults.THROUGHPUT),
                        fmt(results.ratio(op, n, baseline(), LayoutResults.THROUGHPUT), "%.2f"),
                        results.median(op, n, LayoutResults.P50_US), results.median(op, n, LayoutResults.P99_US),
                        fmt(results.median(op, n, LayoutResults.SERVER_CPU_US), "%.1f"),
                        fmt(results.ratio(op, n, baseline(), LayoutResults.SERVER_CPU_US), "%.2f")));
            }
            sb.append('\n');
        }
        sb.append("## Plans\n\n`EXPLAIN (ANALYZE, SUMMARY)` on a warm connection, values as literals (custom plans);")
                .append(" medians of 5.\n\n| layout | operation | planning ms | execution ms | relations scanned |")
                .append(" top node |\n|---|---|---:|---:|---:|---|\n");
        for (PlanFacts p : plans) {
            sb.append(String.format(Locale.ROOT, "| `%s` | %s | %.3f | %.3f | %d | %s |%n", p.layout(), p.op().title(),
                    p.planningMs(), p.executionMs(), p.relations(), md(p.top())));
        }
        sb.append("\n## Moving one slot off the group (source side)\n\n")
                .append("Copy = `COPY (<the slot's rows>) TO STDOUT`; release = one transaction after which the group")
                .append(" holds none of the slot's rows and refuses new ones; validate = a later")
                .append(" `VALIDATE CONSTRAINT` of the fence added `NOT VALID` (it scans, but takes only")
                .append(" `SHARE UPDATE EXCLUSIVE`).\n\n| storage | slot | rows | copy ms | release ms | validate ms |")
                .append(" release statements |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (MoveFacts m : moves) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %.1f | %s | %s |%n", m.storage().table(),
                    m.slot(), m.rows(), m.copyMs(), m.releaseMs(), m.validateMs() == 0 ? "–"
                            : String.format(Locale.ROOT, "%.1f", m.validateMs()),
                    md(String.join("; ", m.release().stream().map(this::shortSql).toList()))));
        }
        sb.append("\n## Stale routes, names and metadata\n\n")
                .append("After the slot above has left the group: what PostgreSQL answers to a new row of that slot")
                .append(" (a single-row INSERT, as the driver sends it), to an UPDATE and a SELECT by a key of that")
                .append(" slot (the row now lives elsewhere); then which constraint a duplicate key names, whether")
                .append(" `ON CONFLICT (k)` works on the logical table, and what `SELECT *` and `DatabaseMetaData` show.")
                .append("\n\n| layout | stale INSERT | stale UPDATE | stale SELECT |\n|---|---|---|---|\n");
        for (LayoutFacts f : facts) {
            sb.append("| `").append(f.layout()).append("` | ").append(md(f.staleInsert())).append(" | ")
                    .append(md(f.staleUpdate())).append(" | ").append(md(f.staleRead())).append(" |\n");
        }
        sb.append("\n| layout | duplicate key | ON CONFLICT (k) | SELECT * | getColumns | getPrimaryKeys |")
                .append(" getTables (partition tree) |\n|---|---|---|---|---|---|---|\n");
        for (LayoutFacts f : facts) {
            sb.append("| `").append(f.layout()).append("` | ").append(md(f.duplicateKey())).append(" | ")
                    .append(md(f.upsert())).append(" | ").append(md(f.selectStar())).append(" | ")
                    .append(md(f.metaColumns())).append(" | ").append(md(f.metaPrimaryKey())).append(" | ")
                    .append(md(f.metaTables())).append(" |\n");
        }
        return sb.toString();
    }

    String runsCsv() {
        StringBuilder sb = new StringBuilder("operation,layout,run,throughput,p50_us,p99_us,server_cpu_us_per_op\n");
        for (LayoutOp op : results.ops()) {
            for (Layout l : layouts) {
                int run = 0;
                for (double[] r : results.runs(op, l.name())) {
                    sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.1f,%.1f,%.1f,%s%n", op.name().toLowerCase(Locale.ROOT),
                            l.name(), ++run, r[LayoutResults.THROUGHPUT], r[LayoutResults.P50_US],
                            r[LayoutResults.P99_US], r[LayoutResults.SERVER_CPU_US] < 0 ? ""
                                    : String.format(Locale.ROOT, "%.2f", r[LayoutResults.SERVER_CPU_US])));
                }
            }
        }
        return sb.toString();
    }

    private static String fmt(double v, String format) {
        return Double.isNaN(v) || v < 0 ? "–" : String.format(Locale.ROOT, format, v);
    }

    /** A release statement without the long slot expression, which the storages section shows once. */
    private String shortSql(String sql) {
        return sql.replace(Storage.slot(slots), "slot(k)")
                .replaceAll("'\\{[0-9,]+}'::bigint\\[]", "'{…owned…}'");
    }

    private static String md(String s) {
        return s.replace('\n', ' ').replace("|", "\\|");
    }
}
