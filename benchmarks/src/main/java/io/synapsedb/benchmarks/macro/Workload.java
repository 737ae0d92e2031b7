package io.synapsedb.benchmarks.macro;

import java.util.ArrayList;
import java.util.List;

/**
 * A workload: a mix of operations on keys chosen uniformly or by a zipfian law, or the batched
 * insert.
 *
 * @param name short id, used by {@code -Dworkloads} and in the reports
 * @param title what it is, for people
 * @param mix share of each {@link Op} (indexed by ordinal), summing to 1; empty for the insert
 * @param zipfian zipfian (true) or uniform (false) key choice
 * @param insert the batched-insert workload
 */
public record Workload(String name, String title, double[] mix, boolean zipfian, boolean insert) {

    /** The operations a mix is made of. */
    public enum Op { READ, UPDATE, SCAN, TRANSFER, TOP10, LOOKUP }

    /** Every workload, in report order. */
    public static List<Workload> all() {
        List<Workload> all = new ArrayList<>();
        for (boolean zipf : new boolean[] {false, true}) {
            String d = zipf ? "zipfian" : "uniform";
            all.add(mixed("ycsb-a-" + d, "YCSB A: 50% read, 50% update, " + d, zipf, 0.5, 0.5, 0, 0, 0, 0));
            all.add(mixed("ycsb-b-" + d, "YCSB B: 95% read, 5% update, " + d, zipf, 0.95, 0.05, 0, 0, 0, 0));
            all.add(mixed("ycsb-c-" + d, "YCSB C: 100% read, " + d, zipf, 1, 0, 0, 0, 0, 0));
            all.add(mixed("ycsb-e-" + d, "YCSB E: 95% short scan (1..scanMax rows), 5% update, " + d, zipf,
                    0, 0.05, 0.95, 0, 0, 0));
        }
        all.add(mixed("tpcb-transfer", "TPC-B-like transfer: one transaction updating two keys on two groups,"
                + " uniform", false, 0, 0, 0, 1, 0, 0));
        all.add(mixed("scatter-top10", "scatter ORDER BY ycsb_key DESC LIMIT 10 over every group", false,
                0, 0, 0, 0, 1, 0));
        all.add(mixed("index-lookup", "lookup by secondary index: WHERE cat = ? (about 10 rows, indexed, not the"
                + " shard key), uniform", false, 0, 0, 0, 0, 0, 1));
        all.add(new Workload("insert", "batched insert (JDBC batches, autocommit) into an empty table", new double[0],
                false, true));
        return all;
    }

    /** The warm-up mix: reads and updates, uniform. */
    public static Workload warmup() {
        return mixed("warm-up", "warm-up: 50% read, 50% update, uniform", false, 0.5, 0.5, 0, 0, 0, 0);
    }

    private static Workload mixed(String name, String title, boolean zipfian, double... mix) {
        return new Workload(name, title, mix, zipfian, false);
    }

    /** The operation for a uniform draw {@code u} in [0, 1). */
    public Op pick(double u) {
        double acc = 0;
        Op last = null;
        for (Op op : Op.values()) {
            if (mix[op.ordinal()] > 0) {
                acc += mix[op.ordinal()];
                last = op;
                if (u < acc) {
                    return op;
                }
            }
        }
        return last;
    }

    /** The operations this workload uses. */
    public List<Op> ops() {
        List<Op> ops = new ArrayList<>();
        for (Op op : Op.values()) {
            if (!insert && mix[op.ordinal()] > 0) {
                ops.add(op);
            }
        }
        return ops;
    }
}
