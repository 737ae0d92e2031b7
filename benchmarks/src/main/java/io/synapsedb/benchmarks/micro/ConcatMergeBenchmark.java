package io.synapsedb.benchmarks.micro;

import io.synapsedb.exec.merge.MergedRows;
import io.synapsedb.exec.merge.StreamedRows;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Result merging: the engine's {@link StreamedRows} concatenation (the rows of several groups one
 * group after another) over three in-memory result sets, read through its {@link MergedRows}
 * interface, against reading the same three result sets directly. The difference is the merge's own
 * cost per row. The parts are {@link InMemoryResultSet}s (arrays), rewound before each operation,
 * so that the numbers are the merge's and not a JDBC implementation's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConcatMergeBenchmark {

    @Param({"10", "100"})
    public int rowsPerGroup;

    private List<ResultSet> parts;
    private InMemoryResultSet[] sets;

    @Setup
    public void setUp() throws SQLException {
        sets = new InMemoryResultSet[3];
        for (int g = 0; g < sets.length; g++) {
            long[] keys = new long[rowsPerGroup];
            String[] values = new String[rowsPerGroup];
            for (int r = 0; r < rowsPerGroup; r++) {
                keys[r] = g * 1_000_000L + r;
                values[r] = "value-" + r;
            }
            sets[g] = new InMemoryResultSet(keys, values);
        }
        parts = List.of(sets);
        long expected = (long) sets.length * rowsPerGroup;
        if (concat() != expected || direct() != expected) {
            throw new IllegalStateException("the in-memory result sets do not hold " + expected + " rows");
        }
    }

    private void rewind() {
        for (InMemoryResultSet s : sets) {
            s.rewind();
        }
    }

    /** Every row through the driver's merge: {@code next()}, {@code getLong}, {@code getString}. */
    @Benchmark
    public long concat() throws SQLException {
        rewind();
        MergedRows rows = StreamedRows.concat(parts);
        long n = 0;
        while (rows.next()) {
            ResultSet rs = rows.current();
            n += rs.getLong(1) >= 0 && rs.getString(2) != null ? 1 : 0;
        }
        return n;
    }

    /** The same rows read part by part, no merge: the baseline. */
    @Benchmark
    public long direct() throws SQLException {
        rewind();
        long n = 0;
        for (ResultSet rs : parts) {
            while (rs.next()) {
                n += rs.getLong(1) >= 0 && rs.getString(2) != null ? 1 : 0;
            }
        }
        return n;
    }
}
