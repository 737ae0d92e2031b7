package io.synapsedb.it;

import io.synapsedb.core.KeyType;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;
import io.synapsedb.placement.Placement;
import io.synapsedb.placement.SlotHasher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared helpers for integration tests: connections to a class's cluster, direct node queries. */
final class ClusterSupport {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private ClusterSupport() {
    }

    static LocalCluster start(String name, int nodes) throws Exception {
        return LocalCluster.builder().name(name).nodes(nodes).durable(false).start();
    }

    /** A table name no other test uses. */
    static String table(String prefix) {
        return prefix + "_" + TABLES.incrementAndGet();
    }

    static Connection connect(LocalCluster cluster, String extra) throws SQLException {
        String url = cluster.synapseUrl() + (extra == null || extra.isEmpty() ? "" : "&" + extra);
        return DriverManager.getConnection(url);
    }

    /** Group index (= node index for URL clusters) that owns {@code key} of a table with default slots. */
    static int owner(int groups, KeyType type, Object key) throws SQLException {
        return owner(groups, type, key, 128);
    }

    static int owner(int groups, KeyType type, Object key, int slots) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= groups; i++) {
            names.add("g" + i);
        }
        Placement p = Placement.compute(slots, names);
        return names.indexOf(p.groupNameOf(SlotHasher.slotOf(type, key, slots)));
    }

    /** Runs a query directly on one node (plain pgJDBC) and returns the first column of each row. */
    /**
     * The cluster-mode URL of an application that knows only the coordinator {@code members} (and
     * the database and user of {@code cluster}'s first node), with catalog polling off so that only
     * the coordinator's announcements can bring catalog changes; {@code extra} is appended as is.
     */
    static String clusterModeUrl(LocalCluster cluster, String members, String extra) {
        return "jdbc:synapse:coordinator=" + members + "/" + cluster.node(0).database() + "?user="
                + cluster.node(0).user() + "&catalogRefreshMs=0" + extra;
    }

    /**
     * Ends a cluster-mode test: closes the applications' connections, then every runtime the driver
     * holds (so their coordinator members leave). The PostgreSQL nodes are {@code @LocalPostgres}'s
     * and stop after the class.
     */
    static void closeApplications(Connection... applications) throws SQLException {
        for (Connection c : applications) {
            if (c != null) {
                c.close();
            }
        }
        io.synapsedb.jdbc.SynapseDriver.shutdown();
    }

    /** Runs {@code insertSql}, whose one parameter is the id, for ids 1..{@code count} in one batch. */
    static void insertIds(Connection c, String insertSql, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            for (int id = 1; id <= count; id++) {
                ps.setInt(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<String> onNode(LocalNode node, String sql) throws SQLException {
        try (Connection c = node.connect()) {
            return firstColumn(c, sql);
        }
    }

    /** The first column of each row of {@code sql} on {@code c}, as text. */
    static List<String> firstColumn(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static long countOnNode(LocalNode node, String table) throws SQLException {
        return Long.parseLong(onNode(node, "SELECT count(*) FROM " + table).get(0));
    }

    /** Every message of an error, of its causes and of its chained errors (getNextException), one a line. */
    static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        collectMessages(e, sb, new ArrayList<>());
        return sb.toString();
    }

    private static void collectMessages(Throwable e, StringBuilder sb, List<Throwable> seen) {
        for (Throwable t = e; t != null && !seen.contains(t); t = t.getCause()) {
            seen.add(t);
            sb.append(t).append('\n');
            if (t instanceof SQLException s && s.getNextException() != null) {
                collectMessages(s.getNextException(), sb, seen);
            }
        }
    }

    /** A condition to poll: a non-null value means it holds. */
    @FunctionalInterface
    interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls {@code probe} until it returns non-null, or fails after {@code timeout}. */
    static <T> T waitFor(Duration timeout, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50); // polling interval of a condition with a deadline, not a timed wait
        }
    }
}
