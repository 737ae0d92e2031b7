package io.synapsedb.benchmarks.macro;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.synapsedb.jdbc.SynapseDataSource;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import io.synapsedb.placement.Placement;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory;
import org.postgresql.PGConnection;

/**
 * The macro benchmark: one command that starts a local 3-group cluster plus one single node,
 * loads the same rows everywhere, and runs every workload against every configuration,
 * interleaved (A B C D, B C D A, ...) for several repetitions. See {@code benchmarks/README.md}.
 *
 * <pre>
 * mvn -B -q -Pmacro -DskipTests -pl benchmarks -am package [-Dquick] [-Dseconds=6 -Dwarmup=60 ...]
 * </pre>
 */
public final class MacroBenchmark {

    /** The YCSB table: distributed by the driver on the cluster, a plain table on the single node. */
    public static final String TABLE = "usertable";
    /** The table of the insert workload. */
    public static final String INSERT_TABLE = "insert_bench";
    /** Suffix of the plain tables of (b′) on the cluster's nodes ({@code usertable_plain}, ...). */
    static final String PLAIN = "_plain";
    /** Slots of the distributed tables (the driver's default). */
    static final int SLOTS = 128;
    private static final int GROUPS = 3;
    /** The YCSB table's columns: YCSB's, plus {@code cat} for the secondary-index lookup (see {@link Categories}). */
    private static final String YCSB_COLUMNS = "(ycsb_key bigint PRIMARY KEY, balance bigint NOT NULL DEFAULT 0,"
            + " field0 text, field1 text, cat int NOT NULL)";
    private static final String INSERT_COLUMNS = "(ycsb_key bigint PRIMARY KEY, balance bigint NOT NULL DEFAULT 0,"
            + " field0 text, field1 text)";

    private MacroBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromSystemProperties();
        long t0 = System.nanoTime();
        System.out.println("macro benchmark: " + s);
        System.out.println("driver under test: " + driverLocation());
        String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        try (LocalCluster cluster = LocalCluster.builder().name("bench-macro").nodes(GROUPS).durable(s.durable())
                        .start();
                LocalCluster single = LocalCluster.builder().name("bench-macro-single").nodes(1)
                        .durable(s.durable()).start()) {
            System.out.printf("PostgreSQL %s: 3-group cluster %s, single node %s (%.0f s)%n", cluster.postgresVersion(),
                    cluster.synapseUrl(), single.node(0).jdbcUrl(), secondsSince(t0));
            Placement placement = Placement.compute(SLOTS, List.of("g1", "g2", "g3"));
            load(s, cluster, single, placement);
            System.out.printf("loaded %,d rows into each configuration's table (%.0f s)%n", s.rows(), secondsSince(t0));

            Path work = Path.of("target", "macro");
            Files.createDirectories(work);
            Results results = new Results();
            if (s.startupRuns() > 0) {
                measureStartup(s, cluster, single, work, results);
            }
            List<Target> targets = new ArrayList<>();
            try {
                for (String id : s.configs()) {
                    long c0 = System.nanoTime();
                    targets.add(target(id, s, cluster, single, placement, work));
                    System.out.printf("configuration %-44s ready in %.1f s%n", Target.label(id), secondsSince(c0));
                }
                run(s, targets, results);
                checkBalances(s, cluster, single);
            } finally {
                for (Target t : targets) {
                    for (AutoCloseable r : t.resources()) {
                        try {
                            r.close();
                        } catch (Exception e) {
                            System.err.println("closing " + t.id() + ": " + e);
                        }
                    }
                }
            }
            Report report = new Report(results, s, s.configs(), environment(cluster) + "; driver classes from `"
                    + driverLocation().replace("file:" + System.getProperty("user.dir") + "/", "")
                            .replace(System.getProperty("user.home"), "~") + "`", date);
            System.out.println();
            System.out.println(report.console());
            Path md = report.write(s.outDir());
            System.out.printf("wrote %s (+ macro.csv, macro-runs.csv, macro.svg); total %.0f s%n", md.toAbsolutePath(),
                    secondsSince(t0));
        }
    }

    private static void run(Settings s, List<Target> targets, Results results) throws InterruptedException {
        Runner runner = new Runner(s.threads(), s.rows(), s.scanMax());
        KeyChooser uniform = KeyChooser.uniform(s.rows());
        KeyChooser zipfian = KeyChooser.zipfian(s.rows(), s.zipfTheta());
        int slice = 10;
        for (Target t : targets) {
            System.out.printf("warm-up %-44s %d s:", t.label(), s.warmupSeconds());
            for (int done = 0; done < s.warmupSeconds(); done += slice) {
                Outcome o = runner.runMix(t.ops(), Workload.warmup(), uniform, Math.min(slice, s.warmupSeconds() - done));
                System.out.print(o instanceof Outcome.Measured m ? String.format(Locale.ROOT, " %,.0f", m.throughput())
                        : " " + o);
            }
            System.out.println(" ops/s");
        }
        List<Workload> mixes = Workload.all().stream().filter(w -> !w.insert() && s.runs(w.name())).toList();
        int n = targets.size();
        for (int r = 0; r < s.reps(); r++) {
            for (Workload w : mixes) {
                for (int i = 0; i < n; i++) {
                    Target t = targets.get((i + r) % n);
                    Outcome o = runner.runMix(t.ops(), w, w.zipfian() ? zipfian : uniform, s.seconds());
                    results.add(w, t.id(), o);
                    print(r, s.reps(), w, t, o);
                }
            }
        }
        Workload insert = Workload.all().stream().filter(Workload::insert).findFirst().orElseThrow();
        if (s.runs(insert.name())) {
            for (int i = 0; i < n; i++) {
                Target t = targets.get(i);
                Outcome o;
                try {
                    truncate(t.insertTables());
                    o = runner.runInsert(t.ops(), s.insertRows(), s.batchSize());
                    truncate(t.insertTables()); // do not leave a million rows per configuration on disk
                } catch (SQLException e) {
                    o = new Outcome.Failed("emptying the insert table: " + e.getMessage());
                }
                results.add(insert, t.id(), o);
                print(0, 1, insert, t, o);
            }
        }
    }

    private static void print(int rep, int reps, Workload w, Target t, Outcome o) {
        String what;
        if (o instanceof Outcome.Measured m) {
            what = String.format(Locale.ROOT, "%,10.0f op/s  p50 %6.0f us  p99 %7.0f us  cpu %6.1f us/op", m.throughput(),
                    m.p50Micros(), m.p99Micros(), m.cpuMicrosPerOp());
        } else if (o instanceof Outcome.Skipped sk) {
            what = "SKIPPED (0A000): " + sk.reason();
        } else {
            what = "FAILED: " + ((Outcome.Failed) o).error();
        }
        System.out.printf("run %d/%d %-15s %-44s %s%n", rep + 1, reps, w.name(), t.label(), what);
    }

    /** Builds configuration {@code id}: its pools and its operations. */
    private static Target target(String id, Settings s, LocalCluster cluster, LocalCluster single, Placement placement,
            Path work) throws IOException, SQLException {
        int threads = s.threads();
        List<Target.NodeTable> clusterInsert = nodeTables(cluster, INSERT_TABLE);
        switch (id) {
            case "a" -> {
                HikariDataSource ds = hikari("a", single.node(0).jdbcUrl(), threads);
                return new Target(id, Target.label(id), new SqlOperations(ds, TABLE, INSERT_TABLE, s.rows(), k -> 0, 1),
                        nodeTables(single, INSERT_TABLE), List.of(ds));
            }
            case "b" -> {
                return handRouted(id, s, cluster, placement, TABLE, INSERT_TABLE, FanOut.sequential());
            }
            case "b-plain" -> {
                return handRouted(id, s, cluster, placement, TABLE + PLAIN, INSERT_TABLE + PLAIN,
                        FanOut.parallel("b-plain-fan-out"));
            }
            case "c-ds" -> {
                SynapseDataSource ds = new SynapseDataSource(cluster.synapseUrl() + "&poolSize=" + threads
                        + "&ApplicationName=bench-c-ds");
                return new Target(id, Target.label(id), synapseOps(ds, s, placement), clusterInsert, List.of(ds));
            }
            case "c-hikari" -> {
                // The driver's own per-node pools sit under HikariCP's pool of logical connections; each
                // logical connection holds at most one physical connection per group.
                SynapseDataSource under = new SynapseDataSource(cluster.synapseUrl() + "&poolSize=" + (threads + 2)
                        + "&ApplicationName=bench-c-hikari");
                HikariConfig hc = new HikariConfig();
                hc.setDataSource(under);
                hc.setMaximumPoolSize(threads);
                hc.setPoolName("c-hikari");
                HikariDataSource ds = new HikariDataSource(hc);
                return new Target(id, Target.label(id), synapseOps(ds, s, placement), clusterInsert, List.of(ds, under));
            }
            case "d-ds", "d-hikari" -> {
                String sharding = s.ssSharding();
                Path yaml = ShardingSphereConfig.write(work.resolve("shardingsphere-" + id + ".yaml"),
                        "bench_" + id.replace('-', '_'), nodeUrls(cluster), cluster.node(0).user(), threads, sharding,
                        SLOTS);
                DataSource ds;
                List<AutoCloseable> closers = new ArrayList<>();
                if (id.equals("d-ds")) {
                    ds = YamlShardingSphereDataSourceFactory.createDataSource(yaml.toFile());
                } else {
                    HikariConfig hc = new HikariConfig();
                    hc.setDriverClassName("org.apache.shardingsphere.driver.ShardingSphereDriver");
                    hc.setJdbcUrl("jdbc:shardingsphere:absolutepath:" + yaml.toAbsolutePath());
                    hc.setMaximumPoolSize(threads);
                    hc.setPoolName("d-hikari");
                    ds = new HikariDataSource(hc);
                }
                if (ds instanceof AutoCloseable ac) {
                    closers.add(ac);
                }
                boolean ours = sharding.equals("class");
                Operations ops = new SqlOperations(ds, ShardingSphereConfig.table(sharding),
                        ShardingSphereConfig.insertTable(sharding), s.rows(),
                        ours ? k -> placement.groupOf(io.synapsedb.placement.SlotHasher.slotOfLong(k, SLOTS))
                                : k -> (int) (k % GROUPS), GROUPS);
                return new Target(id, Target.label(id), ops,
                        nodeTables(cluster, ShardingSphereConfig.insertTable(sharding)), closers);
            }
            default -> throw new IllegalArgumentException("unknown configuration " + id);
        }
    }

    /** (b) or (b′): one pool per node, the client routing by key to {@code table} on the nodes. */
    private static Target handRouted(String id, Settings s, LocalCluster cluster, Placement placement, String table,
            String insertTable, FanOut fanOut) {
        List<DataSource> pools = new ArrayList<>();
        List<AutoCloseable> closers = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            HikariDataSource pool = hikari(id + "-" + g, cluster.node(g).jdbcUrl(), s.threads());
            pools.add(pool);
            closers.add(pool);
        }
        closers.add(fanOut);
        return new Target(id, Target.label(id),
                new HandRoutedOperations(pools, placement, table, insertTable, s.rows(), fanOut),
                nodeTables(cluster, insertTable), closers);
    }

    private static Operations synapseOps(DataSource ds, Settings s, Placement placement) {
        return new SqlOperations(ds, TABLE, INSERT_TABLE, s.rows(),
                k -> placement.groupOf(io.synapsedb.placement.SlotHasher.slotOfLong(k, SLOTS)), GROUPS);
    }

    private static HikariDataSource hikari(String name, String jdbcUrl, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setMaximumPoolSize(size);
        hc.setPoolName(name);
        return new HikariDataSource(hc);
    }

    private static List<String> nodeUrls(LocalCluster cluster) {
        return cluster.nodes().stream().map(LocalNode::jdbcUrl).toList();
    }

    private static List<Target.NodeTable> nodeTables(LocalCluster cluster, String table) {
        return cluster.nodes().stream().map(n -> new Target.NodeTable(n.jdbcUrl(), table)).toList();
    }

    /**
     * Creates and fills the tables: {@code usertable} and {@code insert_bench} distributed through the
     * driver on the cluster (rows copied onto each node by our placement: a row on the wrong node
     * would fail, as its slot's partition is not there); plain tables with the same rows on the same
     * nodes for (b′) ({@code *_plain}); plain copies on the single node; and ShardingSphere's own
     * tables ({@code *_ss}, placement {@code key % 3}) for the inline mode. Every YCSB table has the
     * same index on {@code cat}.
     */
    private static void load(Settings s, LocalCluster cluster, LocalCluster single, Placement placement)
            throws SQLException, IOException {
        try (SynapseDataSource ds = new SynapseDataSource(cluster.synapseUrl() + "&ApplicationName=bench-load");
                Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + TABLE + " " + YCSB_COLUMNS);
            st.execute("CREATE TABLE " + INSERT_TABLE + " " + INSERT_COLUMNS);
            for (String t : List.of(TABLE, INSERT_TABLE)) {
                st.execute("SELECT synapse.distribute_table('" + t + "', 'ycsb_key')");
            }
            st.execute(catIndex(TABLE));
        }
        List<String> plainCopies = new ArrayList<>(List.of(PLAIN));
        if (s.ssSharding().equals("inline")) {
            plainCopies.add("_ss");
        }
        for (int g = 0; g < GROUPS; g++) {
            int group = g;
            LongPredicate ours = k -> placement.groupOf(io.synapsedb.placement.SlotHasher.slotOfLong(k, SLOTS)) == group;
            copy(cluster.node(g), TABLE, s.rows(), ours);
            for (String suffix : plainCopies) {
                exec(cluster.node(g), "CREATE TABLE " + TABLE + suffix + " " + YCSB_COLUMNS,
                        "CREATE TABLE " + INSERT_TABLE + suffix + " " + INSERT_COLUMNS, catIndex(TABLE + suffix));
                copy(cluster.node(g), TABLE + suffix, s.rows(), suffix.equals(PLAIN) ? ours : k -> k % GROUPS == group);
            }
            exec(cluster.node(g), "VACUUM ANALYZE");
        }
        exec(single.node(0), "CREATE TABLE " + TABLE + " " + YCSB_COLUMNS, "CREATE TABLE " + INSERT_TABLE + " "
                + INSERT_COLUMNS, catIndex(TABLE));
        copy(single.node(0), TABLE, s.rows(), k -> true);
        exec(single.node(0), "VACUUM ANALYZE");
    }

    private static String catIndex(String table) {
        return "CREATE INDEX " + table + "_cat ON " + table + " (cat)";
    }

    /** COPY of the rows {@code 0..rows-1} that {@code keep} accepts, in chunks. */
    private static void copy(LocalNode node, String table, long rows, LongPredicate keep) throws SQLException,
            IOException {
        Categories categories = new Categories(rows);
        try (Connection c = node.connect()) {
            var copier = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder chunk = new StringBuilder();
            for (long k = 0; k < rows; k++) {
                if (keep.test(k)) {
                    chunk.append(k).append(",0,").append(Runner.field(k)).append(',').append(Runner.field(k + 1))
                            .append(',').append(categories.of(k)).append('\n');
                }
                if (chunk.length() > 4 << 20 || k == rows - 1) {
                    copier.copyIn("COPY " + table + " (ycsb_key, balance, field0, field1, cat) FROM STDIN (FORMAT csv)",
                            new StringReader(chunk.toString()));
                    chunk.setLength(0);
                }
            }
        }
    }

    private static void exec(LocalNode node, String... sql) throws SQLException {
        try (Connection c = node.connect(); Statement st = c.createStatement()) {
            for (String q : sql) {
                st.execute(q);
            }
        }
    }

    private static void truncate(List<Target.NodeTable> tables) throws SQLException {
        for (Target.NodeTable t : tables) {
            try (Connection c = DriverManager.getConnection(t.jdbcUrl()); Statement st = c.createStatement()) {
                st.execute("TRUNCATE " + t.table());
            }
        }
    }

    /** Transfers move money between rows; the sum of every balance must still be 0 everywhere. */
    private static void checkBalances(Settings s, LocalCluster cluster, LocalCluster single) throws SQLException {
        Map<String, Long> sums = new LinkedHashMap<>();
        sums.put("single node " + TABLE, sum(List.of(single.node(0)), TABLE));
        sums.put("cluster " + TABLE, sum(cluster.nodes(), TABLE));
        sums.put("cluster " + TABLE + PLAIN, sum(cluster.nodes(), TABLE + PLAIN));
        if (s.ssSharding().equals("inline")) {
            sums.put("cluster " + TABLE + "_ss", sum(cluster.nodes(), TABLE + "_ss"));
        }
        for (Map.Entry<String, Long> e : sums.entrySet()) {
            if (e.getValue() != 0) {
                throw new IllegalStateException("balances of " + e.getKey() + " sum to " + e.getValue()
                        + " after the transfers, not 0: a configuration lost or invented money");
            }
        }
        System.out.println("balance check: every table's balances still sum to 0");
    }

    private static long sum(List<LocalNode> nodes, String table) throws SQLException {
        long total = 0;
        for (LocalNode n : nodes) {
            try (Connection c = n.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT coalesce(sum(balance), 0) FROM " + table)) {
                rs.next();
                total += rs.getLong(1);
            }
        }
        return total;
    }

    /**
     * Start-up on a static topology, each in a fresh JVM: the driver's URL, ShardingSphere's driver
     * URL over a YAML file, and plain pgJDBC to one node for reference. Interleaved.
     */
    private static void measureStartup(Settings s, LocalCluster cluster, LocalCluster single, Path work,
            Results results) throws IOException, InterruptedException {
        Path yaml = ShardingSphereConfig.write(work.resolve("shardingsphere-startup.yaml"), "bench_startup",
                nodeUrls(cluster), cluster.node(0).user(), s.threads(), s.ssSharding(), SLOTS);
        Map<String, String[]> probes = new LinkedHashMap<>();
        probes.put("a", new String[] {single.node(0).jdbcUrl(), TABLE});
        probes.put("c", new String[] {cluster.synapseUrl() + "&ApplicationName=bench-startup", TABLE});
        probes.put("d", new String[] {"jdbc:shardingsphere:absolutepath:" + yaml.toAbsolutePath(),
                ShardingSphereConfig.table(s.ssSharding())});
        List<String> ids = new ArrayList<>(probes.keySet());
        for (int r = 0; r < s.startupRuns(); r++) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get((i + r) % ids.size());
                String[] p = probes.get(id);
                Startup.Sample sample = Startup.probe(p[0], p[1], 1 + r);
                results.addStartup(id, sample);
                System.out.printf(Locale.ROOT, "start-up %-48s getConnection -> first row %6.0f ms (JVM start -> row %5.0f ms)%n",
                        Report.startupLabel(id), sample.connectToFirstRowMillis(), sample.jvmUptimeMillis());
            }
        }
    }

    private static String environment(LocalCluster cluster) {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep "unknown CPU"
        }
        long memGb = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 30;
        return String.format(Locale.ROOT, "%s, %d cores, %d GB, %s %s, Java %s, PostgreSQL %s (3 groups + 1 single node,"
                        + " same host)", cpu, Runtime.getRuntime().availableProcessors(), memGb,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"),
                cluster.postgresVersion());
    }

    /**
     * Where the driver's classes come from. With {@code -am} it is this tree's {@code driver/target};
     * without it, whatever snapshot the local Maven repository holds, which may be another branch's.
     */
    static String driverLocation() {
        var source = io.synapsedb.jdbc.SynapseDriver.class.getProtectionDomain().getCodeSource();
        return source == null ? "unknown" : source.getLocation().toString();
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
