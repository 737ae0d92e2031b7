package io.synapsedb.benchmarks.micro;

import io.synapsedb.catalog.Catalog;
import io.synapsedb.route.ParamSource;
import io.synapsedb.route.Route;
import io.synapsedb.route.Router;
import io.synapsedb.sql.SqlAnalyzer;
import io.synapsedb.sql.StatementPlan;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Router#route} of a single-key point select: read the bound key, hash it to a slot, look
 * the group up. The bound value is a {@code Long}, as {@code setLong} leaves it; the key cycles
 * through 1024 values.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteBenchmark {

    private static final int N = 1024;

    private Catalog catalog;
    private StatementPlan pointSelect;
    private final Long[] keys = new Long[N];
    private int i;
    private final ParamSource params = index -> keys[i];

    @Setup
    public void setUp() {
        catalog = MicroFixtures.catalog();
        pointSelect = new SqlAnalyzer(100).analyze(MicroFixtures.POINT_SELECT, catalog, catalog.version());
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < N; k++) {
            keys[k] = r.nextLong(1_000_000);
        }
    }

    @Benchmark
    public Route singleKey() throws SQLException {
        i = (i + 1) & (N - 1);
        return Router.route(pointSelect, params, catalog, null, -1);
    }
}
