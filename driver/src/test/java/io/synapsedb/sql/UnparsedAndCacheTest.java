package io.synapsedb.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.catalog.TableLookup;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnparsedAndCacheTest {

    private static StatementPlan plan(String sql) {
        return StatementAnalysis.analyze(sql, TestCatalog.LOOKUP, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE",
        "COPY orders (id, customer_id) FROM STDIN",
        "VACUUM ANALYZE orders",
        "select * from orders where customer_id operator(pg_catalog.=) 1",
        "select * from \"orders\" where customer_id = 1 )",
    })
    void unreadableSqlIsUnparsedWithItsDeclaredTables(String sql) {
        StatementPlan p = plan(sql);
        assertThat(p.kind()).isEqualTo(StatementKind.UNPARSED);
        assertThat(p.parseError()).isNotBlank().doesNotContain("\n");
        assertThat(p.tables()).containsExactly("orders");
        assertThat(p.distributedTables()).containsExactly("orders");
        assertThat(p.keys()).isEmpty();
    }

    @Test
    void unparsedFindsQualifiedAndQuotedNames() {
        StatementPlan p = plan("LOCK TABLE audit.logs, \"MixedCase\", public.countries, other_table");
        assertThat(p.kind()).isEqualTo(StatementKind.UNPARSED);
        assertThat(p.tables()).containsExactly("audit.logs", "MixedCase", "countries");
        assertThat(plan("LISTEN channel").tables()).isEmpty();
    }

    @Test
    void garbageNeverThrows() {
        for (String sql : new String[] {"(", ")", "'", "\"", "$$", "/*", "select", "insert into", "??", "?",
            "select * from (((", "\u0000", "update", "with x as (", "insert into orders values ("}) {
            StatementPlan p = plan(sql);
            assertThat(p.kind()).as(sql).isIn(StatementKind.UNPARSED, StatementKind.UTILITY, StatementKind.SELECT);
        }
    }

    @Test
    void multipleStatements() {
        StatementPlan touching = plan("select * from orders; select 1");
        assertThat(touching.kind()).isEqualTo(StatementKind.UNPARSED);
        assertThat(touching.parseError()).startsWith(StatementAnalysis.MULTIPLE_STATEMENTS)
                .contains("statement 1 of 2 names distributed table orders");
        assertThat(touching.opaque()).isNotNull();
        assertThat(touching.tables()).containsExactly("orders");
        StatementPlan sets = plan("SET a = 1; SET b = 2");
        assertThat(sets.kind()).isEqualTo(StatementKind.UNPARSED);
        StatementPlan harmless = plan("select 1; select now();");
        assertThat(harmless.kind()).isEqualTo(StatementKind.UTILITY);
        assertThat(harmless.tables()).isEmpty();
        StatementPlan trailing = plan("select * from orders where customer_id = 1;  ");
        assertThat(trailing.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(plan("select ';' from orders").kind()).isEqualTo(StatementKind.SELECT);
    }

    @Test
    void sameSqlSamePlanObject() {
        SqlAnalyzer analyzer = new SqlAnalyzer(100);
        String sql = "select * from orders where customer_id = ?";
        StatementPlan a = analyzer.analyze(sql, TestCatalog.LOOKUP, 3);
        assertThat(analyzer.analyze(sql, TestCatalog.LOOKUP, 3)).isSameAs(a);
        assertThat(analyzer.analyze(new String(sql.toCharArray()), TestCatalog.LOOKUP, 3)).isSameAs(a);
        assertThat(analyzer.cacheSize()).isEqualTo(1);
        assertThat(a.sql()).isEqualTo(sql);
        assertThat(a.catalogVersion()).isEqualTo(3);
    }

    @Test
    void anotherCatalogVersionIsReanalysed() {
        SqlAnalyzer analyzer = new SqlAnalyzer(100);
        String sql = "select * from orders where customer_id = ?";
        AtomicInteger lookups = new AtomicInteger();
        TableLookup counting = name -> {
            lookups.incrementAndGet();
            return TestCatalog.LOOKUP.find(name);
        };
        StatementPlan v1 = analyzer.analyze(sql, counting, 1);
        int afterFirst = lookups.get();
        assertThat(analyzer.analyze(sql, counting, 1)).isSameAs(v1);
        assertThat(lookups.get()).as("a cached plan does not consult the catalog").isEqualTo(afterFirst);

        // orders is no longer declared in version 2.
        StatementPlan v2 = analyzer.analyze(sql, name -> null, 2);
        assertThat(v2).isNotSameAs(v1);
        assertThat(v2.catalogVersion()).isEqualTo(2);
        assertThat(v2.distributedTables()).isEmpty();
        assertThat(v2.homeTables()).containsExactly("orders");
        assertThat(analyzer.analyze(sql, name -> null, 2)).isSameAs(v2);

        // A late caller on the old version gets a plan of its version, but does not evict the newer one.
        StatementPlan old = analyzer.analyze(sql, counting, 1);
        assertThat(old.catalogVersion()).isEqualTo(1);
        assertThat(analyzer.analyze(sql, name -> null, 2)).isSameAs(v2);
    }

    @Test
    void invalidateAndDisabledCache() {
        SqlAnalyzer analyzer = new SqlAnalyzer(100);
        StatementPlan a = analyzer.analyze("select 1", TestCatalog.LOOKUP, 1);
        analyzer.analyze("select 2", TestCatalog.LOOKUP, 1);
        assertThat(analyzer.cacheSize()).isEqualTo(2);
        analyzer.invalidateAll();
        assertThat(analyzer.cacheSize()).isZero();
        assertThat(analyzer.analyze("select 1", TestCatalog.LOOKUP, 1)).isNotSameAs(a);

        SqlAnalyzer none = new SqlAnalyzer(0);
        StatementPlan b = none.analyze("select 1", TestCatalog.LOOKUP, 1);
        assertThat(none.analyze("select 1", TestCatalog.LOOKUP, 1)).isNotSameAs(b).isEqualTo(b);
        assertThat(none.cacheSize()).isZero();
    }

    @Test
    void unparsedPlansAreCachedToo() {
        SqlAnalyzer analyzer = new SqlAnalyzer(10);
        StatementPlan p = analyzer.analyze("VACUUM orders", TestCatalog.LOOKUP, 1);
        assertThat(p.kind()).isEqualTo(StatementKind.UNPARSED);
        assertThat(analyzer.analyze("VACUUM orders", TestCatalog.LOOKUP, 1)).isSameAs(p);
    }
}
