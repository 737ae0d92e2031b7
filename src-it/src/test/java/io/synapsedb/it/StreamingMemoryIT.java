package io.synapsedb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A merged multi-group result bigger than the heap of the JVM that reads it: with a fetch size the
 * driver streams (each group's part by cursor, the k-way merge holding one row per group), so a
 * 48 MB heap reads about 230 MB of rows in order; without a fetch size the same read runs out of
 * memory, which shows that the result really is larger than the heap.
 */
@LocalPostgres(nodes = 3)
class StreamingMemoryIT {

    private static final int ROWS = 150_000;
    private static LocalCluster cluster;

    @BeforeAll
    static void load() throws Exception {
        try (Connection c = ClusterSupport.connect(cluster, null); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE big (k bigint PRIMARY KEY)");
            st.execute("SELECT synapse.distribute_table('big', 'k')");
            for (int from = 1; from <= ROWS; from += 5000) {
                StringBuilder sql = new StringBuilder("INSERT INTO big VALUES ");
                for (int k = from; k < from + 5000; k++) {
                    sql.append(k == from ? "" : ",").append('(').append(k).append(')');
                }
                st.execute(sql.toString());
            }
        }
    }

    private static Result read(int fetchSize) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createTempFile("streaming-reader", ".log");
        try {
            Process p = new ProcessBuilder(java, "-Xmx48m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                    System.getProperty("java.class.path"), StreamingReader.class.getName(), cluster.synapseUrl(),
                    String.valueOf(fetchSize)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the reader did not finish in 5 minutes");
            }
            return new Result(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private record Result(int exit, List<String> output) { }

    @Test
    void aResultLargerThanTheHeapStreamsWithAFetchSize() throws Exception {
        Result streamed = read(500);
        assertThat(streamed.exit()).as(String.join("\n", streamed.output())).isZero();
        assertThat(streamed.output()).contains("ROWS " + ROWS);

        Result buffered = read(0);
        assertThat(buffered.exit()).as("without a fetch size the result must not fit: "
                + String.join("\n", buffered.output())).isNotZero();
        assertThat(String.join("\n", buffered.output())).contains("OutOfMemoryError");
    }
}
