package io.synapsedb.benchmarks;

import io.synapsedb.core.KeyType;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.placement.Placement;
import io.synapsedb.placement.SlotHasher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Commit latency of a transaction that writes two groups (two-phase commit) against one that
 * writes one group (plain commit), same statements, same connection, same run, interleaved. Each
 * transaction inserts two rows; the 1-group one puts both on g1, the 2-group one one on g1 and one
 * on g2. Reports the median latency of {@code commit()} and of the whole transaction, and their
 * ratios. The servers are durable (fsync on), as in production.
 *
 * <pre>
 * mvn -B -q -Pbench-commit -DskipTests -pl benchmarks -am package [-Dtransactions=2000 -Dwarmup=500 -Dreps=3]
 * </pre>
 */
public final class CommitLatencyBenchmark {

    private CommitLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int transactions = Integer.getInteger("transactions", 2000);
        int warmup = Integer.getInteger("warmup", 500);
        int reps = Integer.getInteger("reps", 3);
        System.out.printf("commit latency: transactions=%d warmup=%d reps=%d%n", transactions, warmup, reps);
        int perRep = warmup + transactions;
        int needed = 2 * 2 * perRep * reps + 16;
        try (LocalCluster cluster = LocalCluster.builder().name("bench-commit").nodes(3).start();
                Connection c = DriverManager.getConnection(cluster.synapseUrl())) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE commit_bench (k bigint PRIMARY KEY, v text)");
                st.executeQuery("SELECT synapse.distribute_table('commit_bench', 'k')").close();
            }
            Keys keys = new Keys(needed);
            long[][] commit = new long[2][];
            long[][] whole = new long[2][];
            long[] commitAll1 = new long[0];
            long[] commitAll2 = new long[0];
            long[] wholeAll1 = new long[0];
            long[] wholeAll2 = new long[0];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO commit_bench (k, v) VALUES (?, 'x')")) {
                c.setAutoCommit(false);
                for (int rep = 0; rep < reps; rep++) {
                    // Interleaved: 1-group then 2-group, then the other way round, so drift hits both.
                    for (int order = 0; order < 2; order++) {
                        int groups = (rep + order) % 2 == 0 ? 1 : 2;
                        long[][] r = run(c, ps, keys, groups, warmup, transactions);
                        commit[groups - 1] = r[0];
                        whole[groups - 1] = r[1];
                    }
                    commitAll1 = concat(commitAll1, commit[0]);
                    commitAll2 = concat(commitAll2, commit[1]);
                    wholeAll1 = concat(wholeAll1, whole[0]);
                    wholeAll2 = concat(wholeAll2, whole[1]);
                    System.out.printf("rep %d: commit median 1 group %.0f us, 2 groups %.0f us; transaction median"
                            + " 1 group %.0f us, 2 groups %.0f us%n", rep + 1, median(commit[0]), median(commit[1]),
                            median(whole[0]), median(whole[1]));
                }
            }
            double c1 = median(commitAll1);
            double c2 = median(commitAll2);
            double w1 = median(wholeAll1);
            double w2 = median(wholeAll2);
            System.out.printf("%nmedian commit():      1 group %.0f us, 2 groups %.0f us, ratio %.2fx%n", c1, c2, c2 / c1);
            System.out.printf("median transaction:   1 group %.0f us, 2 groups %.0f us, ratio %.2fx%n", w1, w2, w2 / w1);
        }
    }

    /** Latencies in microseconds: [0] commit(), [1] whole transaction. */
    private static long[][] run(Connection c, PreparedStatement ps, Keys keys, int groups, int warmup, int n)
            throws SQLException {
        long[] commit = new long[n];
        long[] whole = new long[n];
        for (int i = 0; i < warmup + n; i++) {
            long start = System.nanoTime();
            ps.setLong(1, keys.next(0));
            ps.executeUpdate();
            ps.setLong(1, keys.next(groups == 1 ? 0 : 1));
            ps.executeUpdate();
            long beforeCommit = System.nanoTime();
            c.commit();
            long end = System.nanoTime();
            if (i >= warmup) {
                commit[i - warmup] = (end - beforeCommit) / 1000;
                whole[i - warmup] = (end - start) / 1000;
            }
        }
        return new long[][] {commit, whole};
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Fresh keys owned by g1 (index 0) and g2 (index 1), computed as the driver places them. */
    private static final class Keys {
        private final long[][] byGroup = new long[2][];
        private final int[] next = new int[2];

        Keys(int perGroup) throws SQLException {
            Placement p = Placement.compute(128, List.of("g1", "g2", "g3"));
            byGroup[0] = new long[perGroup];
            byGroup[1] = new long[perGroup];
            int[] filled = new int[2];
            for (long k = 1; filled[0] < perGroup || filled[1] < perGroup; k++) {
                String g = p.groupNameOf(SlotHasher.slotOf(KeyType.INT8, k, 128));
                int i = g.equals("g1") ? 0 : g.equals("g2") ? 1 : -1;
                if (i >= 0 && filled[i] < perGroup) {
                    byGroup[i][filled[i]++] = k;
                }
            }
        }

        long next(int group) {
            return byGroup[group][next[group]++];
        }
    }
}
