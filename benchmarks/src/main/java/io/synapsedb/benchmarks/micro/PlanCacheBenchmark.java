package io.synapsedb.benchmarks.micro;

import io.synapsedb.catalog.Catalog;
import io.synapsedb.sql.SqlAnalyzer;
import io.synapsedb.sql.StatementPlan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link SqlAnalyzer#analyze}: a plan-cache hit (what every execution of a prepared statement
 * pays) and, for scale, a miss (a full JSqlParser parse and analysis, with caching off).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PlanCacheBenchmark {

    private Catalog catalog;
    private SqlAnalyzer cached;
    private SqlAnalyzer uncached;
    /** A fresh String equal to the cached SQL, so the hit pays for hashing and comparing the text. */
    private String sql;

    @Setup
    public void setUp() {
        catalog = MicroFixtures.catalog();
        cached = new SqlAnalyzer(10_000);
        uncached = new SqlAnalyzer(0);
        cached.analyze(MicroFixtures.POINT_SELECT, catalog, catalog.version());
        sql = new String(MicroFixtures.POINT_SELECT.toCharArray());
    }

    @Benchmark
    public StatementPlan hit() {
        return cached.analyze(sql, catalog, catalog.version());
    }

    @Benchmark
    public StatementPlan missParse() {
        return uncached.analyze(sql, catalog, catalog.version());
    }
}
