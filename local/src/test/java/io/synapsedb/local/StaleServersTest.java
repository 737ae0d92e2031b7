package io.synapsedb.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stale-server clean-up kills nothing but a postgres of the named data directory. */
class StaleServersTest {

    @Test
    void aLiveProcessThatIsNotThePostmasterOfTheDirectoryIsLeftAlone(@TempDir Path base) throws Exception {
        Path dataDir = base.resolve("node0").resolve(LocalNode.DATA_DIR_NAME);
        Files.createDirectories(dataDir);
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            // The pid was reused since the "crash": postmaster.pid names a process that is not PostgreSQL.
            Files.writeString(dataDir.resolve("postmaster.pid"), unrelated.pid() + "\n" + dataDir + "\n");
            assertThat(StaleServers.killAll(base)).isZero();
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
            unrelated.waitFor();
        }
    }

    @Test
    void missingOrGarbledPidFilesAreIgnored(@TempDir Path base) throws Exception {
        Files.createDirectories(base.resolve("node0/data"));
        Files.createDirectories(base.resolve("node1/data"));
        Files.writeString(base.resolve("node1/data/postmaster.pid"), "not a pid\n");
        Files.createDirectories(base.resolve("unrelated/data"));
        assertThat(StaleServers.killAll(base)).isZero();
        assertThat(StaleServers.nodeDirectories(base)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("node0", "node1");
    }

    @Test
    void recognisesOnlyAPostgresOfThatDataDirectory() {
        Path data = Path.of("/tmp/x/node0/data");
        assertThat(StaleServers.isPostmasterOf(List.of("/opt/pg/bin/postgres", "-D", "/tmp/x/node0/data", "-p", "5"), data))
                .isTrue();
        assertThat(StaleServers.isPostmasterOf(List.of("postmaster", "-D", "/tmp/x/node0/data"), data)).isTrue();
        assertThat(StaleServers.isPostmasterOf(List.of("/opt/pg/bin/postgres", "-D", "/tmp/x/node1/data"), data)).isFalse();
        assertThat(StaleServers.isPostmasterOf(List.of("/usr/bin/sleep", "-D", "/tmp/x/node0/data"), data)).isFalse();
        assertThat(StaleServers.isPostmasterOf(List.of("postgres: checkpointer "), data)).isFalse();
        assertThat(StaleServers.isPostmasterOf(List.of(), data)).isFalse();
    }
}
