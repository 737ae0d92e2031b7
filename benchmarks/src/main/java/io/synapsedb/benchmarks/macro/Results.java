package io.synapsedb.benchmarks.macro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a run measured, and its summaries (medians over repetitions). Not thread-safe. */
public final class Results {

    /**
     * The summary of one (workload, configuration) cell.
     *
     * @param measured repetitions measured
     * @param throughput median operations per second (0 when none measured)
     * @param p50Micros median of the repetitions' p50 latencies
     * @param p99Micros median of the repetitions' p99 latencies
     * @param cpuMicrosPerOp median client CPU per operation
     * @param note why nothing (or not everything) was measured, or null
     */
    public record Summary(int measured, double throughput, double p50Micros, double p99Micros,
            double cpuMicrosPerOp, String note) {

        public boolean ok() {
            return measured > 0;
        }
    }

    private final Map<String, Map<String, List<Outcome>>> outcomes = new LinkedHashMap<>();
    private final Map<String, List<Startup.Sample>> startup = new LinkedHashMap<>();
    private final Map<String, String> titles = new LinkedHashMap<>();

    public void add(Workload w, String config, Outcome o) {
        titles.putIfAbsent(w.name(), w.title());
        outcomes.computeIfAbsent(w.name(), k -> new LinkedHashMap<>()).computeIfAbsent(config, k -> new ArrayList<>())
                .add(o);
    }

    public void addStartup(String config, Startup.Sample s) {
        startup.computeIfAbsent(config, k -> new ArrayList<>()).add(s);
    }

    public Map<String, Map<String, List<Outcome>>> outcomes() {
        return outcomes;
    }

    public Map<String, List<Startup.Sample>> startup() {
        return startup;
    }

    public String title(String workload) {
        return titles.get(workload);
    }

    /** The summary of one cell, or null if it never ran. */
    public Summary summary(String workload, String config) {
        List<Outcome> list = outcomes.getOrDefault(workload, Map.of()).get(config);
        if (list == null) {
            return null;
        }
        List<Outcome.Measured> m = new ArrayList<>();
        String note = null;
        int failed = 0;
        for (Outcome o : list) {
            if (o instanceof Outcome.Measured x) {
                m.add(x);
            } else if (o instanceof Outcome.Skipped s) {
                note = note == null ? "skipped: " + s.reason() : note;
            } else if (o instanceof Outcome.Failed f) {
                failed++;
                note = note == null ? "failed: " + f.error() : note;
            }
        }
        if (!m.isEmpty() && failed > 0) {
            note = failed + " of " + list.size() + " runs failed; " + note;
        }
        return new Summary(m.size(),
                median(m.stream().mapToDouble(Outcome.Measured::throughput).toArray()),
                median(m.stream().mapToDouble(Outcome.Measured::p50Micros).toArray()),
                median(m.stream().mapToDouble(Outcome.Measured::p99Micros).toArray()),
                median(m.stream().mapToDouble(Outcome.Measured::cpuMicrosPerOp).toArray()),
                m.isEmpty() ? note : (failed > 0 ? note : null));
    }

    /** Throughput ratio of {@code config} to {@code baseline} (a configuration id) in {@code workload}, or NaN. */
    public double ratio(String workload, String config, String baseline) {
        Summary s = summary(workload, config);
        Summary b = summary(workload, baseline);
        if (s == null || b == null || !s.ok() || !b.ok() || b.throughput() == 0) {
            return Double.NaN;
        }
        return s.throughput() / b.throughput();
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
