package io.synapsedb.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A cluster that is never closed (as after a crash) is cleaned up by the next start on the same directory. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StaleClusterCleanupTest {

    private static final String NAME = "test-stale-cleanup";

    @Test
    void serversLeftByAnEarlierRunAreKilledByPidAndTheNewClusterStarts() throws Exception {
        LocalCluster abandoned = LocalCluster.builder().name(NAME).nodes(2).durable(false).start();
        List<Long> stalePids = abandoned.nodes().stream().map(LocalNode::pid).toList();
        List<Integer> stalePorts = abandoned.nodes().stream().map(LocalNode::port).toList();
        assertThat(stalePids).allMatch(LocalClusterTest::isAlive);
        // "Crash": forget the cluster without closing it.

        try (LocalCluster fresh = LocalCluster.builder().name(NAME).nodes(2).durable(false).start()) {
            assertThat(stalePids).noneMatch(LocalClusterTest::isAlive);
            assertThat(fresh.baseDir()).isEqualTo(abandoned.baseDir());
            for (LocalNode node : fresh.nodes()) {
                assertThat(stalePids).doesNotContain(node.pid());
                try (Connection c = node.connect()) {
                    assertThat(LocalClusterTest.query(c, "select 1")).isEqualTo("1");
                    // a fresh copy of the template, not the old data directory
                    assertThat(LocalClusterTest.query(c, "select pg_postmaster_start_time() is not null")).isEqualTo("t");
                }
            }

            // The superseded cluster must neither stop nor delete what now belongs to the new one.
            abandoned.close();
            for (LocalNode node : fresh.nodes()) {
                assertThat(node.isRunning()).isTrue();
                assertThat(Files.isDirectory(node.dataDir())).isTrue();
                try (Connection c = node.connect()) {
                    assertThat(LocalClusterTest.query(c, "select 1")).isEqualTo("1");
                }
            }
            assertThat(stalePorts).hasSize(2);
        }
    }
}
