package io.synapsedb.it;

import io.synapsedb.jdbc.SynapseConnection;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The bank under faults: accounts over the groups of a {@link LocalCluster}, transfers from two
 * client JVMs ({@link CommitClient}, the driver's defaults), and a schedule of faults between
 * stretches of acknowledged transfers: a node killed and restarted at once, a node stopped with
 * SIGSTOP and continued, a client killed with SIGKILL (and replaced), a node killed and restarted
 * after a while. Afterwards, from the nodes directly: money is neither created nor lost, every
 * account agrees with the recorded transfers, every acknowledged transfer is there, nothing is
 * left prepared. And from the clients' acknowledgement times: the longest stall (no transfer
 * acknowledged for that long), and how far each stall went beyond the time the faulty node was
 * actually down.
 *
 * <p>Used by {@code BankIT} (asserts the invariants and the stall bound in CI) and by the fault
 * benchmark in {@code benchmarks/} (longer, reports the figures). Needs only the driver and the
 * JDK.
 */
public final class BankScenario {

    /**
     * @param accounts accounts (rows), spread over the groups
     * @param writersPerClient threads in each of the two client JVMs
     * @param stretch acknowledged transfers to wait for before each fault and at the end
     * @param pauseMs how long the SIGSTOP lasts
     * @param downMs how long the last killed node stays down
     * @param seed picks the victims
     * @param clientOptions extra URL properties of the clients ("" for the driver's defaults)
     * @param schedule the faults, in order, each after a stretch
     */
    public record Settings(int accounts, int writersPerClient, int stretch, long pauseMs, long downMs, long seed,
            String clientOptions, List<Kind> schedule) {
    }

    /** The faults the scenario injects. */
    public enum Kind {
        /** A random node killed with SIGKILL and restarted at once (crash recovery, ~1 s). */
        FAST_RESTART,
        /** A random node stopped with SIGSTOP for {@code pauseMs}, then continued. */
        PAUSE,
        /** The older client JVM killed with SIGKILL and replaced by a new one. */
        CLIENT_KILL,
        /** A random node killed with SIGKILL and restarted after {@code downMs}. */
        NODE_DOWN;

        /** Every kind twice, mixed: the schedule of the test and the benchmark. */
        public static final List<Kind> STANDARD = List.of(FAST_RESTART, PAUSE, CLIENT_KILL, NODE_DOWN, FAST_RESTART,
                CLIENT_KILL, PAUSE, NODE_DOWN);
    }

    /** One fault: what, from when to when (epoch ms), and how long the faulty node was down. */
    public record Fault(String what, long startMs, long endMs, long downMs) {
    }

    /** A gap between two consecutive acknowledgements, and the faults' down time inside it. */
    public record Stall(long fromMs, long toMs, long downMs, List<String> faults) {

        public long lengthMs() {
            return toMs - fromMs;
        }

        /** The part of the stall not explained by a node being down. */
        public long beyondDownMs() {
            return Math.max(0, lengthMs() - downMs);
        }
    }

    /**
     * What happened.
     *
     * @param problems violated invariants, empty when everything held
     */
    public record Result(int acknowledged, int transfersFound, List<Fault> faults, Stall longest,
            Stall longestBeyondDown, Stall quiet, List<Stall> perFault, long runMs, List<String> problems) {

        public String summary() {
            return String.format("%d acknowledged transfers (%d found on the nodes) in %.1f s; longest stall %d ms"
                    + " %s; longest beyond down time %d ms (%d ms stall, %d ms down, %s); faults %s; %s",
                    acknowledged, transfersFound, runMs / 1000.0, longest.lengthMs(), longest.faults(),
                    longestBeyondDown.beyondDownMs(), longestBeyondDown.lengthMs(), longestBeyondDown.downMs(),
                    longestBeyondDown.faults(), faults.stream().map(f -> f.what() + " down " + f.downMs() + " ms").toList(),
                    problems.isEmpty() ? "invariants hold" : "PROBLEMS " + problems);
        }
    }

    private static final long OPENING = 1000;
    /** A stretch that brings no acknowledgement for this long ends the run as a failure. */
    private static final long STRETCH_TIMEOUT_MS = 120_000;

    private final LocalCluster cluster;
    private final Settings settings;
    private final String adminOptions;
    private final Path dir;
    private final List<Process> clients = new ArrayList<>();
    private final List<Path> ackFiles = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * @param adminOptions URL properties of the scenario's own driver (set-up and final recovery)
     */
    public BankScenario(LocalCluster cluster, Settings settings, String adminOptions) throws IOException {
        this.cluster = cluster;
        this.settings = settings;
        this.adminOptions = adminOptions;
        this.dir = Files.createTempDirectory("synapse-bank-");
    }

    public Result run() throws Exception {
        long start = System.currentTimeMillis();
        createAccounts();
        Random random = new Random(settings.seed());
        int groups = cluster.nodes().size();
        startClient();
        startClient();
        try {
            for (Kind kind : settings.schedule()) {
                awaitStretch();
                inject(kind, cluster.node(random.nextInt(groups)));
            }
            awaitStretch();
        } finally {
            for (Process p : clients) {
                p.destroyForcibly();
            }
            for (Process p : clients) {
                p.waitFor(60, TimeUnit.SECONDS);
            }
        }
        long end = System.currentTimeMillis();
        return check(start, end);
    }

    private void inject(Kind kind, LocalNode node) throws Exception {
        long t0 = System.currentTimeMillis();
        switch (kind) {
            case FAST_RESTART -> {
                node.kill();
                node.start();
                long t1 = System.currentTimeMillis();
                faults.add(new Fault("kill -9 and restart " + node.name(), t0, t1, t1 - t0));
            }
            case PAUSE -> {
                node.pause();
                try {
                    Thread.sleep(settings.pauseMs()); // the fault's length: the node stays stopped this long
                } finally {
                    node.resume();
                }
                long t1 = System.currentTimeMillis();
                faults.add(new Fault("SIGSTOP " + node.name() + " " + settings.pauseMs() + " ms", t0, t1, t1 - t0));
            }
            case CLIENT_KILL -> {
                Process victim = clients.get(clients.size() - 2); // the older of the two running
                victim.destroyForcibly(); // SIGKILL, in whatever step of whatever commit it is
                victim.waitFor(60, TimeUnit.SECONDS);
                startClient();
                faults.add(new Fault("kill -9 client", t0, System.currentTimeMillis(), 0));
            }
            case NODE_DOWN -> {
                node.kill();
                Thread.sleep(settings.downMs()); // the fault's length: the node stays down this long
                node.start();
                long t1 = System.currentTimeMillis();
                faults.add(new Fault("kill -9 " + node.name() + ", down " + settings.downMs() + " ms", t0, t1,
                        t1 - t0));
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    private void createAccounts() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.synapseUrl() + "&" + adminOptions);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL)");
            st.executeQuery("SELECT synapse.distribute_table('accounts', 'id')").close();
            st.execute("CREATE TABLE transfers (id bigint PRIMARY KEY, from_account int NOT NULL,"
                    + " to_account int NOT NULL, amount bigint NOT NULL)");
            st.executeQuery("SELECT synapse.distribute_table('transfers', 'id')").close();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, balance) VALUES (?, ?)")) {
                for (int i = 0; i < settings.accounts(); i++) {
                    ps.setInt(1, i);
                    ps.setLong(2, OPENING);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private void startClient() throws IOException {
        Path ack = dir.resolve("ack-" + clients.size() + ".txt");
        Files.createFile(ack);
        String url = cluster.synapseUrl() + (settings.clientOptions().isEmpty() ? "" : "&" + settings.clientOptions());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add(CommitClient.class.getName());
        cmd.addAll(List.of("bank", url, ack.toString(), Integer.toString(settings.writersPerClient()), "100000000",
                "3600", Integer.toString(settings.accounts())));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("client-" + clients.size() + ".log").toFile()).start();
        clients.add(p);
        ackFiles.add(ack);
    }

    /** Waits until {@code stretch} more transfers were acknowledged. */
    private void awaitStretch() throws Exception {
        int before = acknowledged().size();
        waitUntil(() -> {
            try {
                return acknowledged().size() >= before + settings.stretch();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, STRETCH_TIMEOUT_MS, "no " + settings.stretch() + " acknowledged transfers within " + STRETCH_TIMEOUT_MS
                + " ms after " + faults);
    }

    private static void waitUntil(BooleanSupplier condition, long timeoutMs, String failure) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure);
            }
            Thread.sleep(50); // polling a condition with a deadline
        }
    }

    /** Every acknowledged transfer: id → time it was acknowledged (epoch ms). */
    private Map<String, Long> acknowledged() throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (Path ack : ackFiles) {
            // Only complete lines: a client may be killed in the middle of writing one.
            String text = Files.readString(ack);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                continue;
            }
            for (String line : text.substring(0, end).split("\n")) {
                String[] f = line.split(" ");
                out.put(f[0], Long.parseLong(f[1]));
            }
        }
        return out;
    }

    private Result check(long start, long end) throws Exception {
        try (Connection conn = DriverManager.getConnection(cluster.synapseUrl() + "&" + adminOptions)) {
            recoverUntilNothingPrepared(conn);
        }
        Map<Integer, Long> balances = new HashMap<>();
        Map<Integer, Long> expected = new HashMap<>();
        Set<String> transfers = new HashSet<>();
        for (LocalNode node : cluster.nodes()) {
            try (Connection c = node.connect(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT id, balance FROM accounts")) {
                    while (rs.next()) {
                        balances.put(rs.getInt(1), rs.getLong(2));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT id, from_account, to_account, amount FROM transfers")) {
                    while (rs.next()) {
                        transfers.add(Long.toString(rs.getLong(1)));
                        expected.merge(rs.getInt(2), -rs.getLong(4), Long::sum);
                        expected.merge(rs.getInt(3), rs.getLong(4), Long::sum);
                    }
                }
            }
        }
        if (balances.size() != settings.accounts()) {
            problems.add(balances.size() + " accounts, expected " + settings.accounts());
        }
        long total = balances.values().stream().mapToLong(Long::longValue).sum();
        if (total != settings.accounts() * OPENING) {
            problems.add("total " + total + ", expected " + settings.accounts() * OPENING);
        }
        for (int i = 0; i < settings.accounts(); i++) {
            long want = OPENING + expected.getOrDefault(i, 0L);
            if (!Long.valueOf(want).equals(balances.get(i))) {
                problems.add("account " + i + " holds " + balances.get(i) + ", its transfers say " + want);
            }
        }
        Map<String, Long> acked = acknowledged();
        Set<String> lost = new HashSet<>(acked.keySet());
        lost.removeAll(transfers);
        if (!lost.isEmpty()) {
            problems.add(lost.size() + " acknowledged transfers missing, e.g. " + lost.iterator().next());
        }
        List<Stall> stalls = stalls(acked);
        Stall longest = stalls.stream().max((a, b) -> Long.compare(a.lengthMs(), b.lengthMs()))
                .orElse(new Stall(start, end, 0, List.of()));
        Stall beyond = stalls.stream().max((a, b) -> Long.compare(a.beyondDownMs(), b.beyondDownMs()))
                .orElse(longest);
        // Without faults: the gaps before the first one, the baseline of the figures above.
        long firstFault = faults.isEmpty() ? end : faults.get(0).startMs();
        Stall quiet = longestWithin(stalls, 0, firstFault);
        List<Stall> perFault = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            // Up to 10 s after the fault, but not into the next one.
            long until = f.endMs() + AFTER_FAULT_MS;
            if (i + 1 < faults.size()) {
                until = Math.min(until, faults.get(i + 1).startMs());
            }
            perFault.add(longestWithin(stalls, f.startMs(), until));
        }
        return new Result(acked.size(), transfers.size(), List.copyOf(faults), longest, beyond, quiet,
                List.copyOf(perFault), end - start, List.copyOf(problems));
    }

    /** How long after a fault ended its effects are looked for (the stall it caused). */
    private static final long AFTER_FAULT_MS = 10_000;

    /** The longest gap that overlaps [fromMs, toMs), or an empty one. */
    private static Stall longestWithin(List<Stall> stalls, long fromMs, long toMs) {
        Stall best = new Stall(fromMs, fromMs, 0, List.of());
        for (Stall s : stalls) {
            if (s.toMs() > fromMs && s.fromMs() < toMs && s.lengthMs() > best.lengthMs()) {
                best = s;
            }
        }
        return best;
    }

    /** Gaps between consecutive acknowledgements of either client, from the first to the last. */
    private List<Stall> stalls(Map<String, Long> acked) {
        TreeMap<Long, Integer> times = new TreeMap<>();
        acked.values().forEach(t -> times.merge(t, 1, Integer::sum));
        List<Stall> out = new ArrayList<>();
        Long previous = null;
        for (long t : times.keySet()) {
            if (previous != null) {
                long down = 0;
                List<String> overlapping = new ArrayList<>();
                for (Fault f : faults) {
                    // The part of the fault inside the gap; a client kill has no down time.
                    long overlap = Math.min(t, f.endMs()) - Math.max(previous, f.startMs());
                    if (overlap >= 0) {
                        overlapping.add(f.what());
                        down += f.downMs() == 0 ? 0 : overlap;
                    }
                }
                out.add(new Stall(previous, t, down, overlapping));
            }
            previous = t;
        }
        return out;
    }

    private void recoverUntilNothingPrepared(Connection conn) throws Exception {
        SynapseConnection sc = conn.unwrap(SynapseConnection.class);
        waitUntil(() -> {
            try {
                sc.recoverTransactions();
                return preparedCount() == 0;
            } catch (SQLException e) {
                return false;
            }
        }, 120_000, "transactions still prepared after 120 s of recovery");
    }

    private int preparedCount() throws SQLException {
        int n = 0;
        for (LocalNode node : cluster.nodes()) {
            try (Connection c = node.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_prepared_xacts")) {
                rs.next();
                n += rs.getInt(1);
            }
        }
        return n;
    }
}
