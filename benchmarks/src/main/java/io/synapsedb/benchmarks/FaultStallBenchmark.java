package io.synapsedb.benchmarks;

import io.synapsedb.it.BankScenario;
import io.synapsedb.local.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a fault stops an application: the bank scenario of the fault tests
 * ({@link BankScenario}: 8 writers in two client JVMs on the driver's defaults, transfers over three
 * groups; a node killed and restarted, a node stopped with SIGSTOP, a client killed, a node kept
 * down) run {@code reps} times, each on a fresh cluster. For every fault it reports the longest
 * stall (no transfer acknowledged) in the gaps that overlap the fault or the 10 s after it, the time the
 * faulty node was actually down, and the stall beyond that down time. The baseline, measured in
 * the same run, is the longest stall of the fault-free stretch before the first fault.
 *
 * <pre>
 * mvn -B -q -Pbench-faults -DskipTests -pl benchmarks -am package [-Dreps=3 -Dstretch=400 -DpauseMs=8000 -DdownMs=3000]
 * </pre>
 * Writes {@code benchmarks/results/fault-stalls.md}.
 */
public final class FaultStallBenchmark {

    private FaultStallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = Integer.getInteger("reps", 3);
        int stretch = Integer.getInteger("stretch", 400);
        long pauseMs = Long.getLong("pauseMs", 8000);
        long downMs = Long.getLong("downMs", 3000);
        Path out = Path.of(System.getProperty("bench.outDir", "results"), "fault-stalls.md");
        System.out.printf("fault stalls: reps=%d stretch=%d pauseMs=%d downMs=%d%n", reps, stretch, pauseMs, downMs);
        List<String> rows = new ArrayList<>();
        long worstBeyond = 0;
        for (int rep = 1; rep <= reps; rep++) {
            try (LocalCluster cluster = LocalCluster.builder().name("bench-faults").nodes(3).durable(false)
                    .setting("synchronous_commit", "on").start()) {
                BankScenario.Result r = new BankScenario(cluster,
                        new BankScenario.Settings(30, 4, stretch, pauseMs, downMs, rep, "", BankScenario.Kind.STANDARD),
                        "recoveryIntervalMs=0").run();
                System.out.println("rep " + rep + ": " + r.summary());
                if (!r.problems().isEmpty()) {
                    throw new IllegalStateException("invariants violated: " + r.problems());
                }
                for (int i = 0; i < r.faults().size(); i++) {
                    BankScenario.Fault f = r.faults().get(i);
                    BankScenario.Stall s = r.perFault().get(i);
                    worstBeyond = Math.max(worstBeyond, s.beyondDownMs());
                    rows.add(String.format("| %d | %s | %d | %d | %d | %d | %.2f |", rep, f.what(), f.downMs(),
                            s.lengthMs(), s.beyondDownMs(), r.quiet().lengthMs(),
                            s.lengthMs() / (double) Math.max(1, f.downMs() + r.quiet().lengthMs())));
                }
                rows.add(String.format("| %d | (run: %d acknowledged in %.0f s) | | %d | %d | %d | |", rep,
                        r.acknowledged(), r.runMs() / 1000.0, r.longest().lengthMs(),
                        r.longestBeyondDown().beyondDownMs(), r.quiet().lengthMs()));
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Stalls after faults\n\n")
                .append("`mvn -B -q -Pbench-faults -DskipTests -pl benchmarks -am package` (reps=").append(reps)
                .append(", stretch=").append(stretch).append(", pauseMs=").append(pauseMs).append(", downMs=")
                .append(downMs).append("). All times in ms. *Stall*: longest time without an acknowledged")
                .append(" transfer in the gaps that overlap the fault or the 10 s after it (up to the next fault); *beyond*: the stall minus the time")
                .append(" the node was down; *quiet*: longest stall before any fault (baseline, same run);")
                .append(" *ratio*: stall / (down + quiet).\n\n")
                .append("| rep | fault | down | stall | beyond | quiet | ratio |\n|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append("\nLongest stall beyond a node's down time: ").append(worstBeyond).append(" ms.\n");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println();
        System.out.print(md);
    }
}
