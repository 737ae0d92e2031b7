package io.synapsedb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node on an installed PostgreSQL ({@code SYNAPSE_PG_BIN}, else Debian's 15); skipped where there is none.
 * As root this is the route that runs the server as the postgres OS user.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InstalledPostgresTest {

    @Test
    void oneNodeStartsOnTheInstalledPostgres() throws Exception {
        String env = System.getenv(LocalCluster.PG_BIN_ENV);
        Path bin = env != null && !env.isBlank() ? Path.of(env) : Path.of("/usr/lib/postgresql/15/bin");
        assumeTrue(Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb")),
                "no installed PostgreSQL in " + bin);
        String major = majorVersionOf(bin);

        try (LocalCluster cluster = LocalCluster.builder().name("test-installed-pg").pgBin(bin).nodes(1)
                .durable(false).start()) {
            LocalNode node = cluster.node(0);
            assertThat(cluster.binDir()).isEqualTo(bin.toAbsolutePath().normalize());
            assertThat(cluster.postgresVersion()).startsWith(major + ".");
            try (Connection c = node.connect()) {
                assertThat(LocalClusterTest.query(c, "select 1")).isEqualTo("1");
                assertThat(LocalClusterTest.query(c, "select version()")).startsWith("PostgreSQL " + major + ".");
                assertThat(LocalClusterTest.query(c, "show max_prepared_transactions")).isEqualTo("64");
            }
            if (ServerAccount.runningAsRoot()) {
                assertThat(Files.getOwner(node.dataDir()).getName()).isEqualTo(ServerAccount.OS_USER_NAME);
            }

            LocalNode replica = cluster.addReplica(node);
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("create table installed_replicated(id int)");
                s.execute("insert into installed_replicated values (15)");
            }
            try (Connection r = replica.connect()) {
                assertThat(LocalClusterTest.query(r, "select pg_is_in_recovery()")).isEqualTo("t");
                assertThat(LocalClusterTest.awaitValue(r, "select id from installed_replicated", Duration.ofSeconds(60)))
                        .isEqualTo("15");
            }
        }
    }

    /** The major version from {@code postgres --version}, which PostgreSQL answers even as root. */
    private static String majorVersionOf(Path bin) throws Exception {
        Process p = new ProcessBuilder(bin.resolve("postgres").toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Matcher m = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(out);
        assertThat(m.find()).as("version in %s", out).isTrue();
        return m.group(1);
    }
}
