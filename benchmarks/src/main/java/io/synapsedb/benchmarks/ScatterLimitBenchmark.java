package io.synapsedb.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.synapsedb.jdbc.SynapseDataSource;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
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
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Scatter {@code ORDER BY ... LIMIT 10} over 3 groups through {@code jdbc:synapse:} against the
 * same query on one PostgreSQL that holds all the rows, same run, interleaved repetitions.
 *
 * <p>Four local servers: three form the cluster (the table distributed by its key), the fourth is
 * a plain PostgreSQL with the same rows in one table, read through pgJDBC + HikariCP. The query
 * filters on a column that is not the shard key, so the driver sends it to every group (each with
 * {@code LIMIT 10}) and merges the three sorted results; the single node answers it alone. Both
 * sides have the same index on the sort column.
 *
 * <pre>
 * mvn -B -q -Pbench-scatter -DskipTests -pl benchmarks -am package [-Drows=200000 -Dthreads=1 -Dseconds=15 -Dwarmup=5 -Dreps=3 -Dslots=128]
 * </pre>
 */
public final class ScatterLimitBenchmark {

    private static final String TABLE = "scatter_bench";
    private static final int CATEGORIES = 20;
    static final String QUERY = "SELECT id, cat, score, payload FROM " + TABLE
            + " WHERE cat = ? ORDER BY score LIMIT 10";

    private ScatterLimitBenchmark() {
    }

    /** One side of the comparison. */
    private record Side(String name, DataSource ds) {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("rows", 200_000);
        int threads = Integer.getInteger("threads", 1);
        int seconds = Integer.getInteger("seconds", 15);
        int warmup = Integer.getInteger("warmup", 5);
        int reps = Integer.getInteger("reps", 3);
        int slots = Integer.getInteger("slots", 128);
        System.out.printf("scatter ORDER BY ... LIMIT 10: rows=%d threads=%d seconds=%d warmup=%d reps=%d slots=%d%n",
                rows, threads, seconds, warmup, reps, slots);
        try (LocalCluster servers = LocalCluster.builder().name("bench-scatter").nodes(4).durable(false).start()) {
            List<LocalNode> nodes = servers.nodes().subList(0, 3);
            String url = nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",",
                    "jdbc:synapse://", "/" + nodes.get(0).database() + "?user=" + nodes.get(0).user()));
            loadCluster(servers, url, rows, slots);
            loadSingle(servers.node(3), rows);

            explain(servers.node(3), "one node");
            explain(servers.node(0), "group g1");
            try (HikariDataSource single = pool(servers.node(3), threads, "single-node");
                    HikariDataSource g1 = pool(servers.node(0), threads, "group-g1");
                    SynapseDataSource synapse = new SynapseDataSource(url + "&poolSize=" + (threads + 2))) {
                List<Side> sides = List.of(new Side("one node, pgJDBC + HikariCP", single),
                        new Side("3 groups, jdbc:synapse: scatter + merge", synapse),
                        new Side("(reference) group g1 alone, pgJDBC + HikariCP", g1));
                checkSameAnswer(sides.subList(0, 2));
                Map<String, List<double[]>> results = new LinkedHashMap<>();
                sides.forEach(s -> results.put(s.name(), new ArrayList<>()));
                for (Side s : sides) {
                    measure(s, threads, warmup);
                }
                for (int rep = 0; rep < reps; rep++) {
                    // Interleaved, alternating which side goes first, so drift of the shared machine hits both.
                    for (int i = 0; i < sides.size(); i++) {
                        Side s = sides.get((i + rep) % sides.size());
                        double[] m = measure(s, threads, seconds);
                        results.get(s.name()).add(m);
                        System.out.printf("rep %d %-42s %,10.0f q/s  p50 %6.0f us  p99 %6.0f us%n", rep + 1, s.name(),
                                m[0], m[1], m[2]);
                    }
                }
                System.out.println();
                System.out.println(report(results, sides.get(0).name(), rows, threads, seconds, warmup, reps, slots));
            }
        }
    }

    private static HikariDataSource pool(LocalNode node, int threads, String name) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(node.jdbcUrl());
        hc.setMaximumPoolSize(threads);
        hc.setPoolName(name);
        return new HikariDataSource(hc);
    }

    /** Prints PostgreSQL's plan of the query on one server, so that the numbers can be explained. */
    private static void explain(LocalNode node, String what) throws SQLException {
        try (Connection c = node.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, COSTS OFF, SUMMARY) "
                        + QUERY.replace("?", "3"))) {
            System.out.println("plan on " + what + ":");
            while (rs.next()) {
                System.out.println("  " + rs.getString(1));
            }
        }
    }

    /** Same deterministic rows on both sides: a function of the id only. */
    private static final String ROW_COLUMNS = "cat int NOT NULL, score double precision NOT NULL, payload text";

    private static void loadCluster(LocalCluster servers, String url, int rows, int slots) throws SQLException {
        try (SynapseDataSource ds = new SynapseDataSource(url + "&ApplicationName=bench-load");
                Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, " + ROW_COLUMNS + ")");
            st.execute("SELECT synapse.distribute_table('" + TABLE + "', 'id', " + slots + ")");
            st.execute("CREATE INDEX " + TABLE + "_score ON " + TABLE + " (score)");
            insertRows(c, rows);
        }
        for (int i = 0; i < 3; i++) {
            try (Connection n = servers.node(i).connect(); Statement s = n.createStatement()) {
                s.execute("VACUUM ANALYZE " + TABLE);
            }
        }
        System.out.printf("loaded %,d rows over 3 groups, %d slots%n", rows, slots);
    }

    /** Rows 1..{@code rows}, the same on both sides, in batches of 5,000. */
    private static void insertRows(Connection c, int rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?)")) {
            for (int id = 1; id <= rows; id++) {
                ps.setLong(1, id);
                ps.setInt(2, category(id));
                ps.setDouble(3, score(id));
                ps.setString(4, "payload-" + id);
                ps.addBatch();
                if (id % 5000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void loadSingle(LocalNode node, int rows) throws SQLException {
        try (Connection c = node.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, " + ROW_COLUMNS + ")");
            st.execute("CREATE INDEX " + TABLE + "_score ON " + TABLE + " (score)");
            insertRows(c, rows);
            st.execute("VACUUM ANALYZE " + TABLE);
        }
        System.out.printf("loaded %,d rows on the single node%n", rows);
    }

    private static int category(long id) {
        return (int) (Long.remainderUnsigned(id * 0x9E3779B97F4A7C15L, CATEGORIES));
    }

    /** A score in [0, 1) spread over the ids, distinct per id so that the order is total. */
    private static double score(long id) {
        return ((id * 2654435761L) % 1_000_003L) / 1_000_003.0 + id * 1e-12;
    }

    /** Both sides must return the same ten rows in the same order, else the comparison means nothing. */
    private static void checkSameAnswer(List<Side> sides) throws SQLException {
        for (int cat = 0; cat < CATEGORIES; cat++) {
            List<String> first = null;
            for (Side s : sides) {
                List<String> rows = new ArrayList<>();
                try (Connection c = s.ds().getConnection(); PreparedStatement ps = c.prepareStatement(QUERY)) {
                    ps.setInt(1, cat);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(rs.getLong(1) + "/" + rs.getDouble(3));
                        }
                    }
                }
                if (rows.size() != 10) {
                    throw new IllegalStateException(s.name() + " returned " + rows.size() + " rows for cat " + cat);
                }
                if (first == null) {
                    first = rows;
                } else if (!first.equals(rows)) {
                    throw new IllegalStateException("answers differ for cat " + cat + ": " + first + " vs " + rows);
                }
            }
        }
        System.out.println("both sides return the same rows in the same order for every category");
    }

    /** Runs the query for {@code seconds} on {@code threads} threads; returns {q/s, p50 us, p99 us, ...}. */
    private static double[] measure(Side side, int threads, int seconds) throws InterruptedException {
        return LoadLoop.run(side.name(), threads, seconds, () -> {
            // One connection and one prepared statement per thread, as an application would keep them.
            Connection c = side.ds().getConnection();
            PreparedStatement ps = c.prepareStatement(QUERY);
            return new LoadLoop.Operation() {
                @Override
                public void once() throws Exception {
                    ps.setInt(1, ThreadLocalRandom.current().nextInt(CATEGORIES));
                    int got = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getLong(1);
                            rs.getString(4);
                            got++;
                        }
                    }
                    if (got != 10) {
                        throw new IllegalStateException(side.name() + " returned " + got + " rows");
                    }
                }

                @Override
                public void close() throws Exception {
                    try (c; ps) {
                        // closes the statement, then the connection
                    }
                }
            };
        });
    }

    private static String report(Map<String, List<double[]>> results, String baseline, int rows, int threads,
            int seconds, int warmup, int reps, int slots) {
        double baseP50 = LoadLoop.median(results.get(baseline), 1);
        StringBuilder sb = new StringBuilder();
        sb.append("`").append(QUERY).append("`, ").append(String.format("%,d", rows)).append(" rows, ").append(slots).append(" slots, ")
                .append(threads).append(threads == 1 ? " thread, " : " threads, ").append(reps)
                .append(" interleaved reps of ").append(seconds).append(" s after ").append(warmup)
                .append(" s warm-up (").append(LocalDate.now()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores)\n\n");
        sb.append("| configuration | median q/s | median p50 us | median p99 us | p50 ratio to one node |\n");
        sb.append("|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            double p50 = LoadLoop.median(e.getValue(), 1);
            sb.append(String.format("| %s | %,.0f | %.0f | %.0f | %.2f |%n", e.getKey(), LoadLoop.median(e.getValue(), 0),
                    p50, LoadLoop.median(e.getValue(), 2), p50 / baseP50));
        }
        return sb.toString();
    }
}
