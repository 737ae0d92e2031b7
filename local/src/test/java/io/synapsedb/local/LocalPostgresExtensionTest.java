package io.synapsedb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@link LocalPostgres}: the fixture classes below run on the JUnit launcher inside this test, so that
 * what happens after a class is done (its cluster closed) can be checked too. The fixtures only record
 * what they saw; the assertions are here.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LocalPostgresExtensionTest {

    /** What the fixtures saw, by what: written while their cluster runs, read after it is closed. */
    private static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @Test
    void startsTheDescribedClusterHandsItOverAndClosesItAfterTheClass() {
        SEEN.clear();

        TestExecutionSummary summary = run(Described.class);

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        LocalCluster cluster = (LocalCluster) SEEN.get("field");
        assertThat(cluster).isNotNull();
        assertThat(SEEN.get("beforeAll parameter")).isSameAs(cluster);
        assertThat(SEEN.get("test parameter")).isSameAs(cluster);
        assertThat(SEEN.get("nested parameter")).as("a @Nested class shares the outer cluster").isSameAs(cluster);
        assertThat(cluster.name()).isEqualTo("Described");
        assertThat(SEEN.get("primaries")).isEqualTo(2);
        assertThat(SEEN.get("replicas of node0")).isEqualTo(1L);
        assertThat(SEEN.get("replicas of node1")).isEqualTo(1L);
        assertThat(SEEN.get("work_mem")).isEqualTo("7MB");
        assertThat(SEEN.get("fsync")).as("durable = false by default").isEqualTo("off");

        List<LocalNode> all = new ArrayList<>(cluster.nodes());
        all.addAll(cluster.replicas());
        assertThat(all).hasSize(4);
        assertThat(all).noneMatch(LocalNode::isRunning);
        assertThat(all.stream().map(LocalNode::pid)).noneMatch(LocalClusterTest::isAlive);
        assertThat(all).noneMatch(n -> Files.exists(n.dataDir()));
    }

    @Test
    void aSettingThatIsNotNameEqualsValueFailsTheClassBeforeAnyServerStarts() {
        TestExecutionSummary summary = run(BadSetting.class);

        assertThat(summary.getFailures()).hasSize(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("setting 'fsync' of " + BadSetting.class.getName() + " is not name=value");
        assertThat(summary.getTestsStartedCount()).isZero();
    }

    @Test
    void twoClusterFieldsFailTheClassAndTheStartedClusterIsClosedAllTheSame() {
        TestExecutionSummary summary = run(TwoFields.class);

        assertThat(summary.getFailures()).hasSize(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("has 2 static LocalCluster fields");
        assertThat(summary.getTestsStartedCount()).isZero();
        Path base = LocalCluster.Builder.defaultRoot().resolve("TwoFields");
        assertThat(base.resolve("node0")).doesNotExist();
    }

    private static TestExecutionSummary run(Class<?> fixture) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(), listener);
        return listener.getSummary();
    }

    private static String show(LocalNode node, String setting) throws SQLException {
        try (Connection c = node.connect()) {
            return LocalClusterTest.query(c, "show " + setting);
        }
    }

    @LocalPostgres(nodes = 2, replicas = 1, settings = "work_mem = 7MB")
    static class Described {

        static LocalCluster cluster;

        @BeforeAll
        static void start(LocalCluster parameter) {
            SEEN.put("field", cluster);
            SEEN.put("beforeAll parameter", parameter);
        }

        @Test
        void runsOnIt(LocalCluster parameter) throws SQLException {
            SEEN.put("test parameter", parameter);
            SEEN.put("primaries", cluster.nodes().size());
            for (LocalNode primary : cluster.nodes()) {
                String expected = primary.name() + "-replica";
                SEEN.put("replicas of " + primary.name(), cluster.replicas().stream()
                        .filter(r -> r.name().startsWith(expected)).count());
            }
            SEEN.put("work_mem", show(cluster.node(1), "work_mem"));
            SEEN.put("fsync", show(cluster.replicas().get(0), "fsync"));
        }

        @Nested
        class Inner {
            @Test
            void sharesIt(LocalCluster parameter) {
                SEEN.put("nested parameter", parameter);
            }
        }
    }

    @LocalPostgres(nodes = 1, settings = "fsync")
    static class BadSetting {
        @Test
        void never() {
        }
    }

    @LocalPostgres(nodes = 1)
    static class TwoFields {
        static LocalCluster one;
        static LocalCluster two;

        @Test
        void never() {
        }
    }
}
