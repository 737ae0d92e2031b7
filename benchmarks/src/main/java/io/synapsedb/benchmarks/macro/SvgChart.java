package io.synapsedb.benchmarks.macro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grouped horizontal bar chart, as plain SVG: for each workload, each configuration's median
 * throughput as a ratio to a baseline ((b′) or (b)), with reference lines at 1.0 (the baseline) and
 * 0.95 (the driver's target). Cells that were skipped or failed say so instead of a bar.
 */
final class SvgChart {

    private static final String[] COLORS = {"#8c8c8c", "#1f77b4", "#9467bd", "#2ca02c", "#98df8a", "#d62728",
        "#ff9896"};
    private static final int LABEL_W = 150;
    private static final int PLOT_W = 560;
    private static final int BAR_H = 11;
    private static final double CAP = 2.0;

    private final Results results;
    private final List<String> configs;
    private final String baseline;
    private final String subtitle;

    SvgChart(Results results, List<String> configs, String baseline, String subtitle) {
        this.results = results;
        this.configs = List.copyOf(configs);
        this.baseline = baseline;
        this.subtitle = subtitle;
    }

    String render() {
        List<String> workloads = new ArrayList<>(results.outcomes().keySet());
        double max = 1.2;
        for (String w : workloads) {
            for (String c : configs) {
                double r = results.ratio(w, c, baseline);
                if (!Double.isNaN(r)) {
                    max = Math.max(max, r);
                }
            }
        }
        // The interesting range is around 1; a longer bar (the one-node baseline on a scan) is cut at
        // CAP and labelled with its value.
        max = Math.min(CAP, Math.ceil(max * 5) / 5); // a multiple of 0.2
        int top = 44 + configs.size() * 14 + 22;
        int groupH = configs.size() * (BAR_H + 2) + 12;
        int height = top + workloads.size() * groupH + 40;
        int width = LABEL_W + PLOT_W + 90;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append("<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Throughput relative to ")
                .append(esc(Target.label(baseline))).append(" (higher is better)</text>\n");
        s.append("<text x=\"10\" y=\"34\" fill=\"#555\">").append(esc(subtitle)).append("</text>\n");
        // legend, one configuration per line
        for (int i = 0; i < configs.size(); i++) {
            int ly = 44 + i * 14;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", LABEL_W, ly, color(i), LABEL_W + 14, ly + 9,
                    esc(Target.label(configs.get(i)))));
        }
        int plotBottom = top + workloads.size() * groupH;
        // grid and reference lines
        for (double v = 0; v <= max + 1e-9; v += 0.2) {
            int x = x(v, max);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%.1f</text>%n",
                    x, top - 6, x, plotBottom, x, plotBottom + 14, v));
        }
        line(s, x(1.0, max), top - 6, plotBottom, "#000", "", "1.0 = " + Target.shortLabel(baseline));
        line(s, x(0.95, max), top - 6, plotBottom, "#2ca02c", " stroke-dasharray=\"4,3\"", "");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#2ca02c\" text-anchor=\"end\">0.95 target</text>%n",
                x(0.95, max) - 3, top - 8));
        int y = top;
        for (String w : workloads) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_W - 8, y + groupH / 2, esc(w)));
            int by = y + 4;
            for (int i = 0; i < configs.size(); i++) {
                String c = configs.get(i);
                Results.Summary sum = results.summary(w, c);
                double r = results.ratio(w, c, baseline);
                if (sum != null && sum.ok() && !Double.isNaN(r)) {
                    int x0 = x(0, max);
                    boolean cut = r > max;
                    int x1 = x(Math.min(r, max), max);
                    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                            + "<title>%s: %.2f</title></rect>%n", x0, by, Math.max(1, x1 - x0), BAR_H, color(i),
                            esc(Target.label(c)), r));
                    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\">%s%.2f</text>%n",
                            x1 + 3, by + BAR_H - 2, cut ? "\u2192 " : "", r));
                } else if (sum != null) {
                    String what = sum.ok() ? "no " + Target.shortLabel(baseline) + " to compare"
                            : sum.note().startsWith("skipped") ? "skipped: refused (0A000)" : "failed";
                    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"%s\">%s</text>%n",
                            x(0, max) + 3, by + BAR_H - 2, color(i), esc(what)));
                }
                by += BAR_H + 2;
            }
            y += groupH;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void line(StringBuilder s, int x, int y1, int y2, String color, String extra, String label) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"%s/>%n",
                x, y1, x, y2, color, extra));
        if (!label.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 3, y1 - 2, esc(label)));
        }
    }

    private static int x(double v, double max) {
        return LABEL_W + (int) Math.round(v / max * PLOT_W);
    }

    private String color(int i) {
        String id = configs.get(i);
        int idx = Settings.ALL_CONFIGS.indexOf(id);
        return COLORS[Math.max(0, idx) % COLORS.length];
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
