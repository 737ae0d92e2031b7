package io.synapsedb.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.synapsedb.jdbc.SynapseDataSource;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.placement.Placement;
import io.synapsedb.placement.SlotHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Point select by key through {@code jdbc:synapse:} against hand-routed pgJDBC + HikariCP, on the
 * same 3 local nodes in the same run. Configurations run interleaved (A B C, B C A, C A B, ...)
 * and the report gives the median throughput of each and its ratio to the hand-routed baseline.
 *
 * <pre>
 * mvn -B -q -Pbench -DskipTests -pl benchmarks -am package [-Dthreads=8 -Dseconds=20 -Dwarmup=20 -Drows=100000 -Dreps=3]
 * </pre>
 */
public final class PointSelectBenchmark {

    private static final String TABLE = "usertable";

    /** One way of running a point select. */
    private interface Config {
        String name();

        void select(long key) throws SQLException;
    }

    private PointSelectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("threads", 8);
        int seconds = Integer.getInteger("seconds", 20);
        int warmup = Integer.getInteger("warmup", 20);
        int rows = Integer.getInteger("rows", 100_000);
        int reps = Integer.getInteger("reps", 3);
        System.out.printf("point select: threads=%d seconds=%d warmup=%d rows=%d reps=%d%n", threads, seconds, warmup,
                rows, reps);
        try (LocalCluster cluster = LocalCluster.builder().name("bench-point-select").nodes(3).start()) {
            load(cluster, rows);
            List<HikariDataSource> handPools = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HikariConfig hc = new HikariConfig();
                hc.setJdbcUrl(cluster.node(i).jdbcUrl());
                hc.setMaximumPoolSize(threads);
                hc.setPoolName("hand-" + i);
                handPools.add(new HikariDataSource(hc));
            }
            Placement placement = Placement.compute(128, List.of("g1", "g2", "g3"));
            SynapseDataSource synapse = new SynapseDataSource(cluster.synapseUrl() + "&poolSize=" + (threads + 2));
            HikariConfig over = new HikariConfig();
            over.setDataSource(new SynapseDataSource(cluster.synapseUrl() + "&poolSize=" + (threads + 2)
                    + "&ApplicationName=bench-hikari"));
            over.setMaximumPoolSize(threads);
            over.setPoolName("hikari-over-synapse");
            HikariDataSource hikariOverSynapse = new HikariDataSource(over);
            String sql = "SELECT ycsb_key, field0, field1 FROM " + TABLE + " WHERE ycsb_key = ?";
            List<Config> configs = List.of(
                    new Config() {
                        public String name() {
                            return "(b) pgJDBC+HikariCP, hand-routed";
                        }

                        public void select(long key) throws SQLException {
                            int g = placement.groupOf(SlotHasher.slotOfLong(key, 128));
                            query(handPools.get(g), sql, key);
                        }
                    },
                    simple("(c) jdbc:synapse: SynapseDataSource", synapse, sql),
                    simple("(c) jdbc:synapse: HikariCP over the driver", hikariOverSynapse, sql));
            String only = System.getProperty("only");
            if (only != null) {
                // For profiling one configuration: -Donly=synapse matches names containing it.
                configs = configs.stream().filter(c -> c.name().contains(only)).toList();
            }
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            configs.forEach(c -> results.put(c.name(), new ArrayList<>()));
            for (Config c : configs) {
                System.out.printf("warm-up %-45s %ds%n", c.name(), warmup);
                measure(c, threads, warmup, rows);
            }
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < configs.size(); i++) {
                    Config c = configs.get((i + r) % configs.size());
                    double[] m = measure(c, threads, seconds, rows);
                    results.get(c.name()).add(m);
                    System.out.printf("rep %d %-45s %,10.0f ops/s  p50 %6.0f us  p99 %6.0f us  cpu %5.1f us/op%n",
                            r + 1, c.name(), m[0], m[1], m[2], m[3]);
                }
            }
            String report = report(results, configs.get(0).name(), threads, seconds, warmup, rows, reps);
            System.out.println();
            System.out.println(report);
            Path out = Path.of("target", "point-select-" + LocalDate.now() + ".md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
            System.out.println("written to benchmarks/" + out);
            hikariOverSynapse.close();
            synapse.close();
            handPools.forEach(HikariDataSource::close);
        }
    }

    private static Config simple(String name, DataSource ds, String sql) {
        return new Config() {
            public String name() {
                return name;
            }

            public void select(long key) throws SQLException {
                query(ds, sql, key);
            }
        };
    }

    private static void query(DataSource ds, String sql, long key) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("key " + key + " not found");
                }
            }
        }
    }

    private static void load(LocalCluster cluster, int rows) throws SQLException {
        try (SynapseDataSource ds = new SynapseDataSource(cluster.synapseUrl() + "&ApplicationName=bench-load");
                Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + TABLE + " (ycsb_key bigint PRIMARY KEY, field0 text, field1 text)");
            st.execute("SELECT synapse.distribute_table('" + TABLE + "', 'ycsb_key')");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?)")) {
                for (int k = 0; k < rows; k++) {
                    ps.setLong(1, k);
                    ps.setString(2, "field0-" + k);
                    ps.setString(3, "field1-" + k);
                    ps.addBatch();
                    if (k % 5000 == 4999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            for (int i = 0; i < 3; i++) {
                try (Connection n = cluster.node(i).connect(); Statement s = n.createStatement()) {
                    s.execute("VACUUM ANALYZE " + TABLE);
                }
            }
        }
        System.out.printf("loaded %,d rows over 3 groups%n", rows);
    }

    /** Runs {@code c} for {@code seconds}; returns {ops/s, p50 us, p99 us, client CPU us per op}. */
    private static double[] measure(Config c, int threads, int seconds, int rows) throws InterruptedException {
        return LoadLoop.run(c.name(), threads, seconds,
                () -> () -> c.select(java.util.concurrent.ThreadLocalRandom.current().nextInt(rows)));
    }

    private static String report(Map<String, List<double[]>> results, String baseline, int threads, int seconds,
            int warmup, int rows, int reps) throws IOException {
        double base = LoadLoop.median(results.get(baseline), 0);
        StringBuilder sb = new StringBuilder();
        sb.append("Point select by key, 3 local PostgreSQL nodes, ").append(threads).append(" threads, ")
                .append(rows).append(" rows, ").append(reps).append(" interleaved reps of ").append(seconds)
                .append(" s after ").append(warmup).append(" s warm-up each (").append(LocalDate.now()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores)\n\n");
        sb.append("| configuration | median ops/s | p50 us | p99 us | client CPU us/op | ratio to (b) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            double ops = LoadLoop.median(e.getValue(), 0);
            sb.append(String.format("| %s | %,.0f | %.0f | %.0f | %.1f | %.2f |%n", e.getKey(), ops,
                    LoadLoop.median(e.getValue(), 1), LoadLoop.median(e.getValue(), 2), LoadLoop.median(e.getValue(), 3), ops / base));
        }
        return sb.toString();
    }
}
