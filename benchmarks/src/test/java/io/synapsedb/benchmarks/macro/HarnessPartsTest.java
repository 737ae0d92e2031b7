package io.synapsedb.benchmarks.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's pure parts: key choice, merging, workload mixes, medians, refusals, reports. No servers. */
class HarnessPartsTest {

    @Test
    void zipfianFavoursFewItemsAndStaysInRange() {
        KeyChooser.Zipfian z = new KeyChooser.Zipfian(10_000, 0.99);
        assertThat(z.item(0.0)).isZero();
        assertThat(z.item(0.999999)).isBetween(0L, 9_999L);
        int[] hits = new int[10_000];
        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 200_000; i++) {
            long k = z.next(rnd);
            assertThat(k).isBetween(0L, 9_999L);
            hits[(int) k]++;
        }
        int max = java.util.Arrays.stream(hits).max().orElseThrow();
        // Item 0 alone gets 1/zeta(n) of the draws (about 10% here); uniform would give 0.01%.
        assertThat(max).isGreaterThan(200_000 / 20);
    }

    @Test
    void mergeTakesTheFirstKeysInOrderAcrossParts() {
        long[][] parts = {{1, 4, 7}, {2, 5}, {3, 6, 9}};
        assertThat(HandRoutedOperations.merge(parts, 5, true)).containsExactly(1, 2, 3, 4, 5);
        assertThat(HandRoutedOperations.merge(parts, 20, true)).containsExactly(1, 2, 3, 4, 5, 6, 7, 9);
        long[][] desc = {{9, 3}, {8, 7}, {}};
        assertThat(HandRoutedOperations.merge(desc, 3, false)).containsExactly(9, 8, 7);
    }

    @Test
    void mixesPickEveryOperationInProportion() {
        Workload b = Workload.all().stream().filter(w -> w.name().equals("ycsb-b-uniform")).findFirst().orElseThrow();
        assertThat(b.pick(0.0)).isEqualTo(Workload.Op.READ);
        assertThat(b.pick(0.949)).isEqualTo(Workload.Op.READ);
        assertThat(b.pick(0.951)).isEqualTo(Workload.Op.UPDATE);
        assertThat(b.pick(0.999999)).isEqualTo(Workload.Op.UPDATE);
        assertThat(b.ops()).containsExactly(Workload.Op.READ, Workload.Op.UPDATE);
        for (Workload w : Workload.all()) {
            if (!w.insert()) {
                assertThat(java.util.Arrays.stream(w.mix()).sum()).as(w.name()).isCloseTo(1.0,
                        org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void refusalIsFoundInTheCauseChainOnlyFor0A000() {
        SQLException refused = new SQLFeatureNotSupportedException("needs scatter-gather", "0A000");
        assertThat(Refusals.reason(new RuntimeException(refused))).isEqualTo("needs scatter-gather");
        assertThat(Refusals.reason(new SQLException("deadlock", "40P01"))).isNull();
    }

    @Test
    void summariesAreMediansAndRatiosAreToB() {
        Results r = new Results();
        Workload w = Workload.warmup();
        r.add(w, "b", new Outcome.Measured(1000, 1, 10, 100, 5));
        r.add(w, "b", new Outcome.Measured(3000, 1, 30, 300, 7));
        r.add(w, "b", new Outcome.Measured(2000, 1, 20, 200, 6));
        r.add(w, "c-ds", new Outcome.Measured(1000, 1, 20, 200, 9));
        r.add(w, "d-ds", new Outcome.Skipped("no scatter-gather"));
        assertThat(r.summary(w.name(), "b").throughput()).isEqualTo(2000);
        assertThat(r.summary(w.name(), "b").p99Micros()).isEqualTo(200);
        assertThat(r.ratio(w.name(), "c-ds", "b")).isEqualTo(0.5);
        assertThat(r.summary(w.name(), "d-ds").ok()).isFalse();
        assertThat(r.summary(w.name(), "d-ds").note()).contains("no scatter-gather");
        assertThat(r.ratio(w.name(), "d-ds", "b")).isNaN();
        assertThat(r.ratio(w.name(), "c-ds", "b-plain")).as("no (b′) in this run").isNaN();

        Settings s = new Settings(true, 1, 1, 8, 100, 3, List.of("all"), List.of("b", "c-ds", "d-ds"), 10, 5, 10,
                0.99, 1, true, "inline", Path.of("x"));
        Report report = new Report(r, s, s.configs(), "test machine", "2026-01-01");
        assertThat(report.markdown()).contains("| warm-up | (c) jdbc:synapse: SynapseDataSource | 1,000 | 20 | 200 | 9.0 | 0.50 | – |")
                .contains("no scatter-gather");
        assertThat(report.summaryCsv()).contains("warm-up,c-ds,").contains(",0.500,,");
        assertThat(report.chartBaseline()).isEqualTo("b");
        assertThat(new SvgChart(r, s.configs(), "b", "t").render()).startsWith("<svg").contains("0.50")
                .contains("skipped: refused (0A000)");
    }

    @Test
    void ratiosGoToBothHandRoutedBaselinesAndTheChartToTheCeiling() {
        Results r = new Results();
        Workload w = Workload.warmup();
        r.add(w, "b", new Outcome.Measured(1000, 1, 10, 100, 5));
        r.add(w, "b-plain", new Outcome.Measured(4000, 1, 10, 100, 5));
        r.add(w, "c-ds", new Outcome.Measured(2000, 1, 20, 200, 9));
        Settings s = new Settings(true, 1, 1, 8, 100, 1, List.of("all"), List.of("b", "b-plain", "c-ds"), 10, 5, 10,
                0.99, 1, true, "inline", Path.of("x"));
        Report report = new Report(r, s, s.configs(), "test machine", "2026-01-01");
        assertThat(report.markdown()).contains("| warm-up | (c) jdbc:synapse: SynapseDataSource | 2,000 | 20 | 200 | 9.0 | 2.00 | 0.50 |")
                .contains("| warm-up | (b′) pgJDBC+HikariCP, hand-routed, plain tables | 4,000 |");
        assertThat(report.summaryCsv()).contains("warm-up,c-ds,").contains(",2.000,0.500,");
        assertThat(report.chartBaseline()).isEqualTo("b-plain");
        assertThat(new SvgChart(r, s.configs(), report.chartBaseline(), "t").render()).contains("1.0 = (b′)")
                .contains("0.50");
    }

    @Test
    void categoriesHoldAboutTenRowsEachAndCountThemExactly() {
        Categories c = new Categories(100_005);
        assertThat(c.count()).isEqualTo(10_000);
        long total = 0;
        for (int cat = 0; cat < c.count(); cat++) {
            total += c.rowsIn(cat);
        }
        assertThat(total).isEqualTo(100_005);
        assertThat(c.rowsIn(4)).isEqualTo(11);
        assertThat(c.rowsIn(5)).isEqualTo(10);
        assertThat(c.of(10_004)).isEqualTo(4);
        assertThat(new Categories(7).count()).as("fewer rows than a category").isEqualTo(1);
        assertThat(new Categories(7).rowsIn(0)).isEqualTo(7);
    }

    @Test
    void lookupCheckRefusesAWrongCountAForeignRowAndARepeat() {
        Categories c = new Categories(100);
        Checks.lookup(new long[] {3, 13, 23, 33, 43, 53, 63, 73, 83, 93}, 10, 3, c);
        assertThatThrownBy(() -> Checks.lookup(new long[] {3, 13}, 2, 3, c)).hasMessageContaining("expected 10");
        assertThatThrownBy(() -> Checks.lookup(new long[] {3, 13, 23, 33, 43, 53, 63, 73, 83, 94}, 10, 3, c))
                .hasMessageContaining("in category 4");
        assertThatThrownBy(() -> Checks.lookup(new long[] {3, 13, 23, 33, 43, 53, 63, 73, 83, 83}, 10, 3, c))
                .hasMessageContaining("twice");
    }

    @Test
    void fanOutsGiveTheSameAnswersInNodeOrderAndFailWithTheNodesError() throws Exception {
        FanOut.NodeQuery query = node -> new long[] {node, node * 10L};
        try (FanOut parallel = FanOut.parallel("test-fan-out"); FanOut sequential = FanOut.sequential()) {
            assertThat(parallel.ask(3, query)).isDeepEqualTo(sequential.ask(3, query))
                    .isDeepEqualTo(new long[][] {{0, 0}, {1, 10}, {2, 20}});
            FanOut.NodeQuery failing = node -> {
                if (node == 0) {
                    throw new SQLException("node 0 is down", "08006");
                }
                return new long[0];
            };
            assertThatThrownBy(() -> parallel.ask(3, failing)).isInstanceOf(SQLException.class)
                    .hasMessage("node 0 is down");
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            assertThat(parallel.ask(1, node -> new long[] {asked.incrementAndGet()})).isDeepEqualTo(new long[][] {{1}});
        }
    }

    @Test
    void unknownConfigurationIsRefusedWithTheValidOnes() {
        assertThatThrownBy(() -> new Settings(false, 1, 1, 1, 1, 1, List.of("all"), List.of("e"), 1, 1, 1, 0.99, 0,
                true, "inline", Path.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown configuration 'e'")
                .hasMessageContaining("c-hikari");
    }
}
