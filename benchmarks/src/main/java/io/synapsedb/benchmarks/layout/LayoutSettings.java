package io.synapsedb.benchmarks.layout;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The knobs of the layout benchmark ({@code -Dname=value}).
 *
 * @param keys keys 0..keys-1 of the whole table; the group holds those of its slots (about a third)
 * @param slots slots of every table (the driver's default 128)
 * @param threads client threads, one connection each
 * @param seconds measured seconds per (operation, layout, repetition)
 * @param warmup warm-up seconds per (operation, layout), before any measurement
 * @param reps interleaved repetitions
 * @param batch rows per JDBC batch of the insert
 * @param layouts layout names to run ({@code all} for every one)
 * @param outDir where the report goes
 */
record LayoutSettings(int keys, int slots, int threads, int seconds, int warmup, int reps, int batch, List<String> layouts,
        Path outDir) {

    LayoutSettings {
        for (int v : new int[] {keys, slots, threads, seconds, reps, batch}) {
            if (v <= 0) {
                throw new IllegalArgumentException("keys, slots, threads, seconds, reps and batch must be positive");
            }
        }
        if (slots % Storage.COARSE != 0 && (layouts.contains("all") || layouts.contains("hash8"))) {
            throw new IllegalArgumentException("layout hash8 needs slots divisible by " + Storage.COARSE + ": " + slots);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must not be negative: " + warmup);
        }
        List<String> known = Layout.all().stream().map(Layout::name).toList();
        for (String l : layouts) {
            if (!l.equals("all") && !known.contains(l)) {
                throw new IllegalArgumentException("unknown layout '" + l + "' in -Dlayouts; valid: " + known);
            }
        }
        layouts = List.copyOf(layouts);
    }

    static LayoutSettings fromSystemProperties() {
        return new LayoutSettings(Integer.getInteger("keys", 150_000), Integer.getInteger("slots", 128),
                Integer.getInteger("threads", 4),
                Integer.getInteger("seconds", 2), Integer.getInteger("warmup", 1), Integer.getInteger("reps", 3),
                Integer.getInteger("batch", 1000),
                Arrays.stream(System.getProperty("layouts", "all").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                Path.of(System.getProperty("outDir", System.getProperty("bench.outDir", "results"))));
    }

    /** The layouts to run; the baseline ({@code plain}) always, first. */
    List<Layout> selected() {
        return Layout.all().stream()
                .filter(l -> l.name().equals("plain") || layouts.contains("all") || layouts.contains(l.name()))
                .toList();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "keys=%d slots=%d threads=%d seconds=%d warmup=%d reps=%d batch=%d layouts=%s",
                keys, slots, threads, seconds, warmup, reps, batch, String.join(",", layouts));
    }
}
