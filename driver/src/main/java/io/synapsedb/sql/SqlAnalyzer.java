package io.synapsedb.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.synapsedb.catalog.TableLookup;
import java.util.Objects;

/**
 * Turns SQL text into a {@link StatementPlan} for the router, and caches plans by SQL text.
 *
 * <p>A cached plan is reused only when it was made against the same catalog version; otherwise the
 * text is analysed again (a table may have become distributed). The hot path is one cache lookup
 * and a version compare. Parsing uses JSqlParser on the calling thread (no executor, no timeout
 * thread). Thread-safe.
 */
public final class SqlAnalyzer {

    private final Cache<String, StatementPlan> cache;

    /**
     * @param cacheSize the most plans kept; 0 disables caching
     */
    public SqlAnalyzer(int cacheSize) {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must not be negative: " + cacheSize);
        }
        // Caffeine evicts asynchronously, so a size-0 cache would still hand out fresh entries.
        this.cache = cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /**
     * The plan for {@code sql} against the catalog seen through {@code tables} at
     * {@code catalogVersion}. Cached; a cached plan of another catalog version is re-analysed. Never
     * throws for bad SQL: SQL the parser cannot read gives kind {@link StatementKind#UNPARSED} with
     * {@link StatementPlan#parseError()}.
     */
    public StatementPlan analyze(String sql, TableLookup tables, long catalogVersion) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(tables, "tables");
        if (cache == null) {
            return StatementAnalysis.analyze(sql, tables, catalogVersion);
        }
        StatementPlan plan = cache.getIfPresent(sql);
        if (plan != null && plan.catalogVersion() == catalogVersion) {
            return plan;
        }
        plan = StatementAnalysis.analyze(sql, tables, catalogVersion);
        if (cached(plan, catalogVersion)) {
            cache.put(sql, plan);
        }
        return plan;
    }

    /** Drops every cached plan. */
    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** Number of cached plans (approximate while other threads analyse). */
    public long cacheSize() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Never let a plan of an older catalog replace a newer one another thread already cached. */
    private boolean cached(StatementPlan plan, long catalogVersion) {
        StatementPlan current = cache.getIfPresent(plan.sql());
        return current == null || current.catalogVersion() < catalogVersion;
    }
}
