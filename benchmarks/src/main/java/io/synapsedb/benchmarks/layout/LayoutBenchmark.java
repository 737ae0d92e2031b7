package io.synapsedb.benchmarks.layout;

import io.synapsedb.benchmarks.LoadLoop;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import io.synapsedb.placement.Placement;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

/**
 * The layout decision of issue 14, measured: one group's rows (the slots group g1 owns of 128,
 * with 3 groups) stored in each candidate layout on one local PostgreSQL server, and every
 * operation the macro harness runs, measured on each, interleaved, as ratios to a plain table
 * holding the same rows. Then, per layout, what a slot move costs at the source and what
 * PostgreSQL answers to statements that arrive after the slot has left (fencing), and how the
 * table looks in {@code SELECT *}, {@code DatabaseMetaData} and error messages.
 *
 * <pre>
 * mvn -B -q -Pbench-layout -DskipTests -pl benchmarks -am package [-Dkeys=150000 -Dslots=128 -Dthreads=4 -Dseconds=2
 *     -Dwarmup=1 -Dreps=3 -Dbatch=1000 -Dlayouts=all]
 * </pre>
 */
public final class LayoutBenchmark {

    private static final List<String> GROUPS = List.of("g1", "g2", "g3");
    /** The benchmark holds group g1's share. */
    private static final int GROUP = 0;

    private final LayoutSettings settings;
    private final GroupRows rows;
    private final List<Connection> connections;
    private final ServerCpu cpu;
    private final InsertKeys insertKeys;

    private LayoutBenchmark(LayoutSettings settings, GroupRows rows, List<Connection> connections, ServerCpu cpu,
            InsertKeys insertKeys) {
        this.settings = settings;
        this.rows = rows;
        this.connections = List.copyOf(connections);
        this.cpu = cpu;
        this.insertKeys = insertKeys;
    }

    public static void main(String[] args) throws Exception {
        LayoutSettings s = LayoutSettings.fromSystemProperties();
        long t0 = System.nanoTime();
        OwnedSlots owned = OwnedSlots.of(Placement.compute(s.slots(), GROUPS), GROUP);
        GroupRows rows = new GroupRows(s.keys(), owned);
        List<Layout> layouts = s.selected();
        Set<Storage> storages = new LinkedHashSet<>();
        layouts.forEach(l -> storages.add(l.storage()));
        System.out.printf("layout benchmark: %s; group %s owns %s, %,d of %,d keys%n", s, GROUPS.get(GROUP), owned,
                rows.size(), s.keys());
        String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        try (LocalCluster server = LocalCluster.builder().name("bench-layout").nodes(1).durable(false).start()) {
            LocalNode node = server.node(0);
            String slotCheck;
            try (Connection admin = node.connect()) {
                slotCheck = SlotSqlCheck.run(admin, 5_000);
                System.out.println(slotCheck);
                create(admin, storages, owned, rows);
            }
            System.out.printf("loaded %d storages (%.0f s)%n", storages.size(), secondsSince(t0));
            List<Connection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < s.threads(); i++) {
                    connections.add(node.connect());
                }
                int prepared = 200_000 * Math.max(s.seconds(), s.warmup()) + s.batch() * s.threads();
                LayoutBenchmark bench = new LayoutBenchmark(s, rows, connections, ServerCpu.of(connections),
                        new InsertKeys(rows.ownedKeysFrom(s.keys(), prepared), s.batch()));
                LayoutResults results = bench.measure(layouts);
                List<PlanFacts> plans = new ArrayList<>();
                for (Layout l : layouts) {
                    for (LayoutOp op : PlanFacts.OPS) {
                        plans.add(PlanFacts.explain(connections.get(0), l, op, rows));
                    }
                }
                int slot = slotToMove(owned);
                List<MoveFacts> moves = new ArrayList<>();
                List<LayoutFacts> facts = new ArrayList<>();
                try (Connection admin = node.connect()) {
                    for (Storage storage : storages) {
                        if (storage.release(storage.table(), slot, owned.without(slot)) != null) {
                            moves.add(MoveFacts.move(admin, storage, owned, slot, rows));
                        }
                    }
                    for (Layout l : layouts) {
                        facts.add(LayoutFacts.probe(admin, l, rows, slot));
                    }
                }
                String header = header(s, date, server.postgresVersion(), owned, rows, slotCheck);
                Path md = new LayoutReport(results, layouts, plans, moves, facts, header, s.slots()).write(s.outDir());
                System.out.printf("wrote %s (+ layout-runs.csv); total %.0f s%n", md.toAbsolutePath(),
                        secondsSince(t0));
            } finally {
                for (Connection c : connections) {
                    c.close();
                }
            }
        }
    }

    /** Warm-up of every cell, then the interleaved repetitions: for repetition r the layouts rotated by r. */
    private LayoutResults measure(List<Layout> layouts) throws SQLException, InterruptedException {
        List<LayoutStatements> statements = layouts.stream().map(l -> new LayoutStatements(l, rows.slots()))
                .toList();
        if (settings.warmup() > 0) {
            for (LayoutOp op : LayoutOp.values()) {
                for (LayoutStatements st : statements) {
                    run(op, st, settings.warmup());
                }
            }
        }
        LayoutResults results = new LayoutResults();
        int n = statements.size();
        for (int r = 0; r < settings.reps(); r++) {
            for (LayoutOp op : LayoutOp.values()) {
                for (int i = 0; i < n; i++) {
                    LayoutStatements st = statements.get((i + r) % n);
                    double[] m = run(op, st, settings.seconds());
                    results.add(op, st.layout().name(), m[0], m[1], m[2], m[3]);
                    System.out.printf(Locale.ROOT, "run %d/%d %-8s %-15s %,10.0f /s  p50 %7.0f us  p99 %7.0f us"
                            + "  server %7.1f us/op%n", r + 1, settings.reps(), op, st.layout().name(), m[0], m[1], m[2],
                            m[3]);
                }
            }
        }
        return results;
    }

    /** One window of {@code op} on one layout: {throughput (per row for the insert), p50, p99, server CPU per op}. */
    private double[] run(LayoutOp op, LayoutStatements st, int seconds) throws SQLException, InterruptedException {
        if (op == LayoutOp.INSERT) {
            try (Statement s = connections.get(0).createStatement()) {
                s.execute("TRUNCATE " + LayoutStatements.insertTable(st.layout().table()));
            }
            insertKeys.reset();
        }
        AtomicInteger next = new AtomicInteger();
        long cpu0 = cpu.nanos();
        double[] m = LoadLoop.run(op + " " + st.layout().name(), settings.threads(), seconds,
                () -> op.on(connections.get(next.getAndIncrement()), st, rows, insertKeys));
        long cpu1 = cpu.nanos();
        double perOp = op.rowsPerOp(insertKeys);
        double units = m[LoadLoop.OPS] * perOp;
        double serverCpu = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1000.0 / Math.max(1, units);
        return new double[] {m[LoadLoop.OPS_PER_SECOND] * perOp, m[LoadLoop.P50_US], m[LoadLoop.P99_US], serverCpu};
    }

    /** Creates every storage's table and its insert table, loads the group's rows, and checks them. */
    private static void create(Connection c, Set<Storage> storages, OwnedSlots owned, GroupRows rows)
            throws SQLException, java.io.IOException {
        try (Statement st = c.createStatement()) {
            for (String sql : SlotGuard.install()) {
                st.execute(sql);
            }
            for (Storage s : storages) {
                for (String t : List.of(s.table(), LayoutStatements.insertTable(s.table()))) {
                    for (String sql : s.create(t, owned)) {
                        st.execute(sql);
                    }
                }
            }
        }
        StringBuilder csv = new StringBuilder();
        for (long k : rows.keys()) {
            csv.append(k).append(',').append(rows.category(k)).append(',').append(GroupRows.score(k)).append(',')
                    .append(GroupRows.payload(k)).append('\n');
        }
        for (Storage s : storages) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + s.table() + " (k, cat, score, payload) FROM STDIN"
                    + " (FORMAT csv)", new StringReader(csv.toString()));
        }
        try (Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE");
            for (Storage s : storages) {
                long n = count(st, "SELECT count(*) FROM " + s.table());
                if (n != rows.size()) {
                    throw new IllegalStateException(s + " holds " + n + " rows, not " + rows.size());
                }
            }
            if (storages.contains(Storage.HASH_PER_SLOT)) {
                // PostgreSQL's own partition choice and the slot expression agree on every row.
                String t = Storage.HASH_PER_SLOT.table();
                long agree = count(st, "SELECT count(*) FROM " + t + " WHERE satisfies_hash_partition('" + t
                        + "'::regclass, " + owned.slots() + ", (" + Storage.slot(owned) + ")::int, k)");
                if (agree != rows.size()) {
                    throw new IllegalStateException("the slot expression disagrees with PostgreSQL's partitioning on "
                            + (rows.size() - agree) + " rows");
                }
            }
        }
    }

    /** A slot to move whose coarse partition ({@link Storage#COARSE_HASH}) keeps other slots: the general case. */
    private static int slotToMove(OwnedSlots owned) {
        for (int s : owned.toArray()) {
            if (owned.inRemainder(Storage.COARSE, s % Storage.COARSE).size() > 1) {
                return s;
            }
        }
        return owned.toArray()[0];
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String header(LayoutSettings s, String date, String pg, OwnedSlots owned, GroupRows rows,
            String slotCheck) {
        return String.format(Locale.ROOT, "Run %s on %d cores shared with other engineers' builds and tests (so"
                        + " throughput is noisy: read the spread and the server-CPU ratios), Java %s, PostgreSQL %s, one"
                        + " local server, fsync off. The rows of group g1 of 3 (%s, %,d of keys 0..%,d), the same in every"
                        + " layout; %d client threads with one connection each, pgJDBC defaults (server-side prepared"
                        + " statements after 5 uses, as through the driver); %d repetitions of %d s per cell,"
                        + " interleaved (layouts rotated each repetition), after %d s of warm-up per cell. Before"
                        + " measuring: %s; and `satisfies_hash_partition()` accepts every row of `hash128` with the slot"
                        + " the expression gives.%n%n```%n%s%n```%n%nKnobs: `%s`", date,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), pg, owned, rows.size(),
                s.keys() - 1, s.threads(), s.reps(), s.seconds(), s.warmup(), slotCheck, LayoutReport.COMMAND, s);
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
