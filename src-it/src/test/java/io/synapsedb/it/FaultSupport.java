package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.jdbc.SynapseConnection;
import io.synapsedb.local.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Helpers of the fault tests: client JVMs, recovery until nothing is prepared. */
final class FaultSupport {

    /** Every driver instance of the fault tests (clients and the test's own) uses the same settings. */
    static final String OPTIONS = "recoveryMinAgeMs=3000&recoveryIntervalMs=0&breakerOpenMs=200&connectionTimeoutMs=2000";

    /**
     * A long-running client settles orphans itself, as every application does: a transaction left
     * prepared by a node crash holds its row locks until then.
     */
    static final String LIVE_CLIENT_OPTIONS = OPTIONS.replace("recoveryIntervalMs=0", "recoveryIntervalMs=1000");

    /**
     * The setting of the fault tests' clusters ({@code @LocalPostgres(settings = ...)}): their servers
     * lose no committed transaction when killed. {@code fsync} stays off (the machine does not crash,
     * only processes), {@code synchronous_commit} is on.
     */
    static final String SYNCHRONOUS_COMMIT = "synchronous_commit=on";

    private FaultSupport() {
    }

    /** Starts {@link CommitClient} in a new JVM; its output goes to {@code log}. */
    static Process client(String haltAt, Path log, String... args) throws IOException {
        return client(haltAt == null ? List.of() : List.of("-Dsynapse.test.haltAt=" + haltAt), log, args);
    }

    /**
     * Starts {@link CommitClient} in a new JVM with {@code jvmOptions} (such as
     * {@code -Dsynapse.test.waitAt=before-decision:/tmp/marker}); its output goes to {@code log}.
     */
    static Process client(List<String> jvmOptions, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(jvmOptions);
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add(CommitClient.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static String output(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Runs recovery (this test's own driver instance) until no node holds a prepared transaction. */
    static void recoverUntilNothingPrepared(LocalCluster cluster, Connection conn, Duration timeout) throws Exception {
        SynapseConnection sc = conn.unwrap(SynapseConnection.class);
        ClusterSupport.waitFor(timeout, () -> {
            sc.recoverTransactions();
            return preparedCount(cluster) == 0 ? Boolean.TRUE : null;
        });
        assertThat(preparedCount(cluster)).isZero();
    }

    static int preparedCount(LocalCluster cluster) throws SQLException {
        int n = 0;
        for (int i = 0; i < cluster.nodes().size(); i++) {
            n += Integer.parseInt(ClusterSupport.onNode(cluster.node(i), "SELECT count(*) FROM pg_prepared_xacts").get(0));
        }
        return n;
    }
}
