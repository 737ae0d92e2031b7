package io.synapsedb.benchmarks.layout;

import io.synapsedb.benchmarks.LoadLoop;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The measured repetitions of every (operation, layout), and their medians. Not thread-safe. */
final class LayoutResults {

    /** Fields of one repetition's sample. */
    static final int THROUGHPUT = 0;
    static final int P50_US = 1;
    static final int P99_US = 2;
    static final int SERVER_CPU_US = 3;

    private final Map<LayoutOp, Map<String, List<double[]>>> samples = new EnumMap<>(LayoutOp.class);

    /**
     * Records one repetition.
     *
     * @param throughput operations (rows, for the insert) per second
     * @param serverCpuMicros server CPU per operation (per row), or negative when unknown
     */
    void add(LayoutOp op, String layout, double throughput, double p50, double p99, double serverCpuMicros) {
        samples.computeIfAbsent(op, o -> new LinkedHashMap<>()).computeIfAbsent(layout, l -> new ArrayList<>())
                .add(new double[] {throughput, p50, p99, serverCpuMicros});
    }

    /** The repetitions of one cell (empty when it never ran). */
    List<double[]> runs(LayoutOp op, String layout) {
        return samples.getOrDefault(op, Map.of()).getOrDefault(layout, List.of());
    }

    /** The median of one field over a cell's repetitions (NaN when it never ran). */
    double median(LayoutOp op, String layout, int field) {
        List<double[]> runs = runs(op, layout);
        return runs.isEmpty() ? Double.NaN : LoadLoop.median(runs, field);
    }

    double min(LayoutOp op, String layout, int field) {
        return runs(op, layout).stream().mapToDouble(r -> r[field]).min().orElse(Double.NaN);
    }

    double max(LayoutOp op, String layout, int field) {
        return runs(op, layout).stream().mapToDouble(r -> r[field]).max().orElse(Double.NaN);
    }

    /** Median of {@code field} on {@code layout} over its median on {@code baseline}. */
    double ratio(LayoutOp op, String layout, String baseline, int field) {
        double v = median(op, layout, field);
        double b = median(op, baseline, field);
        return v < 0 || b <= 0 ? Double.NaN : v / b; // negative: the server's CPU was not known
    }

    /** The operations measured, in order. */
    List<LayoutOp> ops() {
        return new ArrayList<>(samples.keySet());
    }
}
