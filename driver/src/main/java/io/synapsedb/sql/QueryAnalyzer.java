package io.synapsedb.sql;

import io.synapsedb.catalog.TableInfo;
import io.synapsedb.catalog.TableLookup;
import io.synapsedb.core.Sql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Walks one parsed SELECT / INSERT / UPDATE / DELETE and works out which tables it touches, which
 * shard keys bound its rows, whether its distributed tables are joined on their keys, and whether
 * a result gathered from several groups would need merging.
 *
 * <p>The model: every appearance of a distributed table is an <em>occurrence</em>. Equalities of
 * shard keys that are top-level {@code AND} conjuncts of a query block ({@code WHERE}, {@code ON},
 * {@code USING}, positive {@code IN (SELECT key ...)}) put occurrences into one class; when all
 * occurrences are co-located and in one class, the statement splits by slot, and running it on
 * each group and concatenating is the statement's answer. Constant bounds on a key ("pins") count
 * only where they restrict the final rows ({@code WHERE} and inner-join {@code ON} of the blocks
 * that make up the result), so a key from a {@code NOT EXISTS} or a select-list subquery never
 * narrows the routing. Whatever cannot be split by slot (an aggregate over a whole distributed
 * table inside a subquery, rows that are not rows of a distributed table) is reported as a
 * {@code "not mergeable: ..."} merge reason: fine on one group, refused over several.
 *
 * <p>One instance per analysis; not thread-safe.
 */
final class QueryAnalyzer {

    /** Prefix of merge reasons that no merge can fix: the statement is right on one group only. */
    static final String NOT_MERGEABLE = "not mergeable: ";

    static final Set<String> AGGREGATES = Set.of(
            "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "bool_and", "bool_or",
            "every", "bit_and", "bit_or", "bit_xor", "json_agg", "jsonb_agg", "json_object_agg",
            "jsonb_object_agg", "json_objectagg", "json_arrayagg", "xmlagg", "stddev", "stddev_pop",
            "stddev_samp", "variance", "var_pop", "var_samp", "covar_pop", "covar_samp", "corr",
            "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope",
            "regr_sxx", "regr_sxy", "regr_syy", "percentile_cont", "percentile_disc", "mode",
            "any_value", "range_agg", "range_intersect_agg");

    /** A distributed table's appearance. */
    private record Occurrence(String table, TableInfo info) { }

    /** A constant bound on an occurrence's key: the key is one of {@code values}. */
    private record Pin(int node, List<KeyRef> values) { }

    /** A column of a FROM entry that carries a shard key (by name), or the entry's output columns. */
    private static final class Entry {
        final String alias;
        final String table;
        final Map<String, Integer> keyColumns;
        final List<Integer> positional;
        final boolean anchored;
        boolean preserved = true;

        Entry(String alias, String table, Map<String, Integer> keyColumns, List<Integer> positional,
                boolean anchored) {
            this.alias = alias;
            this.table = table;
            this.keyColumns = keyColumns;
            this.positional = positional;
            this.anchored = anchored;
        }

        boolean matches(String qualifier) {
            if (alias != null) {
                return alias.equals(qualifier);
            }
            if (table == null) {
                return false;
            }
            if (table.equals(qualifier)) {
                return true;
            }
            int dot = table.indexOf('.');
            return dot > 0 && table.substring(dot + 1).equals(qualifier);
        }
    }

    /** Name resolution scope of one query block. */
    private static final class Scope {
        final Scope parent;
        final List<Entry> entries = new ArrayList<>();
        final Map<String, WithItem<?>> ctes = new HashMap<>();
        /** A key of this block is equated to a key of an enclosing block. */
        boolean correlated;

        Scope(Scope parent) {
            this.parent = parent;
        }

        WithItem<?> cte(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                WithItem<?> w = s.ctes.get(name);
                if (w != null) {
                    return w;
                }
            }
            return null;
        }
    }

    /** A resolved key column: the occurrence node and the scope it was found in. */
    private record Ref(int node, Scope scope) { }

    /** What a query block exposes to its user. */
    private record BlockResult(List<Integer> outputs, Map<String, Integer> named, boolean anchored,
            boolean hasStar, Entry starEntry) {

        static BlockResult opaque() {
            return new BlockResult(List.of(), Map.of(), false, true, null);
        }
    }

    private final TableLookup lookup;
    private final PlanBuilder plan;
    private final List<Occurrence> occurrences = new ArrayList<>();
    private final List<Integer> parents = new ArrayList<>();
    private final List<Pin> pins = new ArrayList<>();
    private final List<String> notMergeable = new ArrayList<>();
    private final Set<Object> walked = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<WithItem<?>> ctesInProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<WithItem<?>> ctesUsed = Collections.newSetFromMap(new IdentityHashMap<>());
    private String topReason;

    QueryAnalyzer(TableLookup lookup, PlanBuilder plan) {
        this.lookup = lookup;
        this.plan = plan;
    }

    // ---------------------------------------------------------------- entry points

    /** A top-level query. */
    void analyzeSelect(Select select) {
        BlockResult r = select(select, null, true, true);
        requireAnchored(r.anchored());
    }

    /** An INSERT; returns the key's node of the target when it is distributed, else -1. */
    int analyzeInsert(Insert insert, Scope outer) {
        plan.writes = true;
        Scope ctx = withCtes(insert.getWithItemsList(), outer);
        String target = Names.table(insert.getTable());
        int node = addTable(target);
        TableInfo info = lookup.find(target);
        Select source = insert.getSelect();
        if (source != null && !(source instanceof Values)) {
            BlockResult r = select(source, ctx, true, false);
            if (node >= 0) {
                int pos = keyPosition(insert, info);
                Integer srcNode = null;
                if (!r.hasStar() && pos >= 0 && pos < r.outputs().size()) {
                    srcNode = r.outputs().get(pos);
                } else if (r.starEntry() != null && r.starEntry().positional != null && pos >= 0
                        && pos < r.starEntry().positional.size()) {
                    srcNode = r.starEntry().positional.get(pos);
                }
                if (srcNode != null && srcNode >= 0) {
                    union(node, srcNode);
                }
            }
            requireAnchored(r.anchored());
        } else if (source instanceof Values v) {
            walk(v.getExpressions(), ctx);
        }
        Scope own = new Scope(ctx);
        own.entries.add(baseEntry(alias(insert.getTable().getAlias()), target, node, info));
        if (insert.getConflictAction() != null) {
            List<UpdateSet> sets = insert.getConflictAction().getUpdateSets();
            if (sets != null) {
                for (UpdateSet set : sets) {
                    if (info != null && info.isDistributed() && assignsKey(set, info)) {
                        plan.updatesShardKey = true;
                    }
                    walk(set.getValues(), own);
                }
            }
            walk(insert.getConflictAction().getWhereExpression(), own);
        }
        walkItems(insert.getReturningClause(), own);
        finishCtes(ctx);
        return node;
    }

    void analyzeUpdate(Update update) {
        plan.writes = true;
        Scope ctx = withCtes(update.getWithItemsList(), null);
        Scope scope = new Scope(ctx);
        String target = Names.table(update.getTable());
        int node = addTable(target);
        TableInfo info = lookup.find(target);
        scope.entries.add(baseEntry(alias(update.getTable().getAlias()), target, node, info));
        fromItems(scope, null, update.getStartJoins(), true);
        fromItems(scope, update.getFromItem(), update.getJoins(), true);
        conjuncts(update.getWhere(), scope, true);
        for (UpdateSet set : update.getUpdateSets()) {
            if (info != null && info.isDistributed() && assignsKey(set, info)) {
                plan.updatesShardKey = true;
            }
            walk(set.getValues(), scope);
        }
        walkItems(update.getReturningClause(), scope);
        finishCtes(ctx);
    }

    void analyzeDelete(Delete delete) {
        plan.writes = true;
        Scope ctx = withCtes(delete.getWithItemsList(), null);
        Scope scope = new Scope(ctx);
        Table t = delete.getTable();
        if (t == null && delete.getTables() != null && !delete.getTables().isEmpty()) {
            t = delete.getTables().get(0);
        }
        String target = Names.table(t);
        int node = addTable(target);
        scope.entries.add(baseEntry(alias(t.getAlias()), target, node, lookup.find(target)));
        if (delete.getUsingList() != null) {
            for (Table u : delete.getUsingList()) {
                fromItem(scope, u, true);
            }
        }
        fromItems(scope, null, delete.getJoins(), true);
        conjuncts(delete.getWhere(), scope, true);
        walkItems(delete.getReturningClause(), scope);
        finishCtes(ctx);
    }

    /** Freezes keys, co-location and the merge reason into the plan. */
    void finish() {
        String mergeReason = topReason;
        List<KeyRef> keys = List.of();
        boolean joined = true;
        if (!occurrences.isEmpty()) {
            TableInfo first = occurrences.get(0).info();
            int root = find(0);
            for (int i = 1; i < occurrences.size(); i++) {
                if (!occurrences.get(i).info().isColocatedWith(first) || find(i) != root) {
                    joined = false;
                    break;
                }
            }
            if (joined) {
                keys = smallestPin(root);
            }
            boolean oneKey = keys.size() == 1 && !(keys.get(0) instanceof KeyRef.ArrayParam);
            if (!notMergeable.isEmpty() && !oneKey) {
                mergeReason = NOT_MERGEABLE + notMergeable.get(0);
            }
        }
        plan.keys = keys;
        plan.joinsOnShardKeys = joined;
        plan.mergeReason = mergeReason;
    }

    // ---------------------------------------------------------------- query blocks

    private BlockResult select(Select select, Scope outer, boolean filtering, boolean top) {
        walked.add(select);
        Scope ctx = withCtes(select.getWithItemsList(), outer);
        int before = occurrences.size();
        List<String> reasons = new ArrayList<>();
        BlockResult result;
        Scope blockScope = null;
        if (select instanceof PlainSelect ps) {
            blockScope = new Scope(ctx);
            result = plainSelect(ps, blockScope, filtering, top, reasons);
        } else if (select instanceof SetOperationList sol) {
            result = setOperation(sol, ctx, reasons);
        } else if (select instanceof ParenthesedSelect p) {
            result = select(p.getSelect(), ctx, filtering, top);
        } else if (select instanceof Values v) {
            walk(v.getExpressions(), ctx);
            result = BlockResult.opaque();
        } else if (select instanceof TableStatement ts) {
            blockScope = new Scope(ctx);
            fromItem(blockScope, ts.getTable(), filtering);
            Entry e = blockScope.entries.get(0);
            result = new BlockResult(List.of(), e.keyColumns, e.anchored, true, e);
        } else {
            result = BlockResult.opaque();
        }
        List<OrderByElement> orderBy = select.getOrderByElements();
        if (orderBy != null && !orderBy.isEmpty()) {
            Scope s = blockScope != null ? blockScope : ctx;
            for (OrderByElement o : orderBy) {
                walk(o.getExpression(), s);
            }
            if (top) {
                reasons.add("ORDER BY");
            }
        }
        if (select.getLimit() != null) {
            reasons.add("LIMIT");
        }
        if (select.getOffset() != null) {
            reasons.add("OFFSET");
        }
        if (select.getFetch() != null) {
            reasons.add("FETCH");
        }
        finishCtes(ctx);
        String reason = firstReason(reasons);
        if (top) {
            if (reason != null && topReason == null) {
                topReason = reason;
            }
        } else if (reason != null && occurrences.size() > before
                && !slotLocal(reasons, blockScope, select)) {
            notMergeable.add(reason + " in a subquery");
        }
        return result;
    }

    private BlockResult plainSelect(PlainSelect ps, Scope scope, boolean filtering, boolean top,
            List<String> reasons) {
        fromItems(scope, ps.getFromItem(), ps.getJoins(), filtering);
        conjuncts(ps.getWhere(), scope, filtering);
        // A FROM-less top-level SELECT is nothing but its subqueries: their bounds are the statement's.
        boolean itemsFilter = top && ps.getFromItem() == null;
        BlockCheck check = new BlockCheck(scope, itemsFilter && filtering);
        List<Integer> outputs = new ArrayList<>();
        Map<String, Integer> named = new LinkedHashMap<>();
        boolean star = false;
        Entry starEntry = null;
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns && !(e instanceof AllTableColumns)) {
                star = true;
                for (Entry en : scope.entries) {
                    en.keyColumns.forEach(named::putIfAbsent);
                }
                starEntry = scope.entries.size() == 1 ? scope.entries.get(0) : null;
                continue;
            }
            if (e instanceof AllTableColumns atc) {
                star = true;
                Entry en = entry(scope, qualifier(atc.getTable()));
                if (en != null) {
                    en.keyColumns.forEach(named::putIfAbsent);
                }
                starEntry = ps.getSelectItems().size() == 1 ? en : null;
                continue;
            }
            e.accept(check, null);
            int node = -1;
            String name = item.getAlias() != null ? Sql.identifier(item.getAlias().getName()) : null;
            if (e instanceof Column c) {
                Ref r = resolve(c, scope);
                node = r == null ? -1 : r.node();
                if (name == null) {
                    name = Sql.identifier(c.getColumnName());
                }
            }
            outputs.add(node);
            if (name != null && node >= 0) {
                named.putIfAbsent(name, node);
            }
        }
        if (ps.getHaving() != null) {
            ps.getHaving().accept(check, null);
        }
        if (ps.getGroupBy() != null && ps.getGroupBy().getGroupByExpressionList() != null) {
            for (Object g : ps.getGroupBy().getGroupByExpressionList()) {
                walk((Expression) g, scope);
            }
        }
        if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) {
            for (SelectItem<?> item : ps.getDistinct().getOnSelectItems()) {
                walk(item.getExpression(), scope);
            }
        }
        if (check.window != null) {
            reasons.add("window function");
        }
        if (check.aggregate != null) {
            reasons.add("aggregate " + check.aggregate);
        }
        if (ps.getGroupBy() != null) {
            reasons.add("GROUP BY");
        }
        if (ps.getHaving() != null) {
            reasons.add("HAVING");
        }
        if (ps.getDistinct() != null) {
            reasons.add("DISTINCT");
        }
        boolean anchored = false;
        for (Entry en : scope.entries) {
            anchored |= en.preserved && en.anchored;
        }
        return new BlockResult(outputs, named, anchored, star, starEntry);
    }

    private BlockResult setOperation(SetOperationList sol, Scope ctx, List<String> reasons) {
        boolean anchored = true;
        List<Integer> outputs = null;
        for (Select branch : sol.getSelects()) {
            // Branches are independent: a bound in one says nothing about the rows of another.
            BlockResult r = select(branch, ctx, false, false);
            anchored &= r.anchored();
            if (outputs == null) {
                outputs = r.hasStar() ? null : r.outputs();
            }
        }
        for (SetOperation op : sol.getOperations()) {
            if (op instanceof UnionOp u) {
                if (!u.isAll()) {
                    reasons.add("UNION");
                }
            } else {
                reasons.add(op.toString().trim().split("\\s+")[0].toUpperCase(Locale.ROOT));
            }
        }
        // Output columns of a set operation mix branches: no column of it is one key.
        return new BlockResult(List.of(), Map.of(), anchored, outputs == null, null);
    }

    /**
     * Whether a subquery block with a merge reason still gives the right answer slot by slot:
     * correlated to the enclosing block by a shard-key equality (it then only ever sees one key),
     * or aggregating/de-duplicating groups that contain the shard key.
     */
    private boolean slotLocal(List<String> reasons, Scope block, Select select) {
        if (block == null) {
            return false;
        }
        if (block.correlated) {
            return true;
        }
        if (!(select instanceof PlainSelect ps)) {
            return false;
        }
        for (String r : reasons) {
            if (!(r.startsWith("aggregate ") || r.equals("GROUP BY") || r.equals("HAVING")
                    || r.equals("DISTINCT"))) {
                return false;
            }
        }
        if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) {
            return false;
        }
        if (ps.getGroupBy() != null) {
            return containsLocalKey(ps.getGroupBy().getGroupByExpressionList(), block);
        }
        if (ps.getDistinct() != null && !reasons.stream().anyMatch(r -> r.startsWith("aggregate "))) {
            List<Expression> items = new ArrayList<>();
            for (SelectItem<?> item : ps.getSelectItems()) {
                items.add(item.getExpression());
            }
            return containsLocalKey(items, block);
        }
        return false;
    }

    private boolean containsLocalKey(List<?> expressions, Scope block) {
        if (expressions == null) {
            return false;
        }
        for (Object o : expressions) {
            if (o instanceof Column c) {
                Ref r = resolve(c, block);
                if (r != null && r.scope() == block) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- FROM

    /**
     * Adds the FROM items to the scope and reads each join's ON / USING as soon as its right item
     * is in scope (which is all PostgreSQL lets it see).
     */
    private void fromItems(Scope scope, FromItem first, List<Join> joins, boolean filtering) {
        int start = scope.entries.size();
        boolean allInner = true;
        if (joins != null) {
            for (Join j : joins) {
                allInner &= !(j.isLeft() || j.isRight() || j.isFull() || j.isOuter());
            }
        }
        if (first != null) {
            fromItem(scope, first, filtering);
        }
        if (joins == null) {
            return;
        }
        for (Join j : joins) {
            boolean leftPreserved = !(j.isRight() || j.isFull());
            boolean rightPreserved = !(j.isLeft() || j.isFull()) && (!j.isOuter() || j.isRight());
            if (!leftPreserved) {
                for (int i = start; i < scope.entries.size(); i++) {
                    scope.entries.get(i).preserved = false;
                }
            }
            int at = scope.entries.size();
            // A derived table's bounds count only when all its rows are kept.
            fromItem(scope, j.getRightItem(), filtering && allInner);
            if (!rightPreserved) {
                for (int i = at; i < scope.entries.size(); i++) {
                    scope.entries.get(i).preserved = false;
                }
            }
            if (j.getOnExpressions() != null) {
                for (Expression on : j.getOnExpressions()) {
                    // Bounds in an outer join's ON do not drop rows of the preserved side.
                    conjuncts(on, scope, filtering && allInner);
                }
            }
            if (j.getUsingColumns() != null) {
                for (Column c : j.getUsingColumns()) {
                    String column = Sql.identifier(c.getColumnName());
                    Integer left = keyColumn(scope, start, at, column);
                    Integer right = keyColumn(scope, at, scope.entries.size(), column);
                    if (left != null && right != null) {
                        union(left, right);
                    }
                }
            }
        }
    }

    private static Integer keyColumn(Scope scope, int from, int to, String column) {
        for (int i = from; i < to; i++) {
            Integer n = scope.entries.get(i).keyColumns.get(column);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private void fromItem(Scope scope, FromItem item, boolean filtering) {
        if (item instanceof Table t) {
            String alias = alias(t.getAlias());
            if (t.getSchemaName() == null) {
                WithItem<?> cte = scope.cte(Sql.identifier(t.getName()));
                if (cte != null) {
                    scope.entries.add(cteEntry(cte, scope, alias != null ? alias : Sql.identifier(t.getName()),
                            filtering));
                    return;
                }
            }
            String name = Names.table(t);
            int node = addTable(name);
            scope.entries.add(baseEntry(alias, name, node, lookup.find(name)));
        } else if (item instanceof ParenthesedSelect ps) {
            BlockResult r = select(ps.getSelect(), scope, filtering, false);
            walked.add(ps);
            scope.entries.add(derivedEntry(alias(ps.getAlias()), r));
        } else if (item instanceof ParenthesedFromItem pfi) {
            fromItems(scope, pfi.getFromItem(), pfi.getJoins(), filtering);
        } else if (item instanceof TableFunction tf) {
            walk(tf.getFunction(), scope);
            scope.entries.add(new Entry(alias(tf.getAlias()), null, Map.of(), null, false));
        } else if (item instanceof Select s) {
            BlockResult r = select(s, scope, filtering, false);
            scope.entries.add(derivedEntry(null, r));
        } else if (item != null) {
            scope.entries.add(new Entry(null, null, Map.of(), null, false));
        }
    }

    private Entry baseEntry(String alias, String name, int node, TableInfo info) {
        if (node >= 0) {
            List<Integer> positional = new ArrayList<>();
            for (int i = 0; i <= info.keyOrdinal(); i++) {
                positional.add(i == info.keyOrdinal() ? node : -1);
            }
            return new Entry(alias, name, Map.of(info.shardKey(), node), positional, true);
        }
        return new Entry(alias, name, Map.of(), null, false);
    }

    private Entry derivedEntry(String alias, BlockResult r) {
        return new Entry(alias, null, r.named(), r.hasStar() ? null : r.outputs(), r.anchored());
    }

    /** A reference to a CTE: its body is analysed again for each reference, as a derived table. */
    private Entry cteEntry(WithItem<?> cte, Scope scope, String alias, boolean filtering) {
        if (!(cte.getParenthesedStatement() instanceof ParenthesedSelect body)) {
            // A data-modifying CTE runs once whatever reads it: analysed at its definition; its
            // rows cannot be narrowed by the reader's bounds.
            return new Entry(alias, null, Map.of(), null, false);
        }
        if (ctesInProgress.contains(cte)) {
            notMergeable.add("recursive CTE " + cte.getUnquotedAliasName());
            return new Entry(alias, null, Map.of(), null, false);
        }
        ctesUsed.add(cte);
        ctesInProgress.add(cte);
        try {
            BlockResult r = select(body.getSelect(), scope, filtering, false);
            Map<String, Integer> named = r.named();
            List<Integer> outputs = r.hasStar() ? null : r.outputs();
            boolean renamed = cte.getWithItemList() != null && !cte.getWithItemList().isEmpty();
            if (renamed && outputs != null) {
                // WITH x(a, b) AS (...) renames the outputs by position.
                Map<String, Integer> byPosition = new HashMap<>();
                for (int i = 0; i < cte.getWithItemList().size() && i < outputs.size(); i++) {
                    if (outputs.get(i) >= 0) {
                        byPosition.put(Sql.identifier(cte.getWithItemList().get(i).toString()), outputs.get(i));
                    }
                }
                named = byPosition;
            } else if (renamed) {
                named = Map.of();
            }
            return new Entry(alias, null, named, outputs, r.anchored());
        } finally {
            ctesInProgress.remove(cte);
        }
    }

    private Scope withCtes(List<WithItem<?>> withItems, Scope outer) {
        if (withItems == null || withItems.isEmpty()) {
            return outer == null ? new Scope(null) : outer;
        }
        Scope ctx = new Scope(outer);
        for (WithItem<?> w : withItems) {
            ctx.ctes.put(Sql.identifier(w.getAliasName()), w);
            // WithItem's typed getters cast unchecked; look at the body's class instead.
            Object body = w.getParenthesedStatement();
            if (body instanceof ParenthesedInsert pi) {
                analyzeInsert(pi.getInsert() != null ? pi.getInsert() : pi, ctx);
            } else if (body instanceof ParenthesedUpdate pu) {
                analyzeUpdate(pu.getUpdate() != null ? pu.getUpdate() : pu);
            } else if (body instanceof ParenthesedDelete pd) {
                analyzeDelete(pd.getDelete() != null ? pd.getDelete() : pd);
            }
        }
        return ctx;
    }

    /** CTEs that nothing referenced still name tables (PostgreSQL skips them, but they are read). */
    private void finishCtes(Scope ctx) {
        if (ctx == null) {
            return;
        }
        for (WithItem<?> w : ctx.ctes.values()) {
            if (w.getParenthesedStatement() instanceof ParenthesedSelect body && !ctesUsed.contains(w)
                    && !ctesInProgress.contains(w)) {
                ctesUsed.add(w);
                select(body.getSelect(), ctx, false, false);
            }
        }
    }

    // ---------------------------------------------------------------- conditions

    /** Reads the top-level AND conjuncts of a condition of the block {@code scope}. */
    private void conjuncts(Expression e, Scope scope, boolean filtering) {
        if (e == null) {
            return;
        }
        Expression repaired = BooleanRepair.repair(e);
        if (repaired == null) {
            walk(e, scope); // we cannot tell its conjuncts apart: it bounds nothing
        } else {
            conjunct(repaired, scope, filtering);
        }
    }

    private void conjunct(Expression e, Scope scope, boolean filtering) {
        if (e instanceof AndExpression and) {
            conjunct(and.getLeftExpression(), scope, filtering);
            conjunct(and.getRightExpression(), scope, filtering);
        } else if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            conjuncts(p.get(0), scope, filtering);
        } else if (e instanceof EqualsTo eq) {
            equality(eq, scope, filtering);
        } else if (e instanceof InExpression in && !in.isNot() && in.getLeftExpression() instanceof Column c) {
            inList(in, c, scope, filtering);
        } else if (e instanceof ExistsExpression ex && !ex.isNot()
                && ex.getRightExpression() instanceof Select sub) {
            select(sub, scope, filtering, false);
        } else {
            walk(e, scope);
        }
    }

    private void equality(EqualsTo eq, Scope scope, boolean filtering) {
        Expression l = eq.getLeftExpression();
        Expression r = eq.getRightExpression();
        Ref lr = l instanceof Column lc ? resolve(lc, scope) : null;
        Ref rr = r instanceof Column rc ? resolve(rc, scope) : null;
        if (lr != null && rr != null) {
            union(lr.node(), rr.node());
            if (lr.scope() != rr.scope() && (lr.scope() == scope || rr.scope() == scope)) {
                scope.correlated = true;
            }
            return;
        }
        Ref key = lr != null ? lr : rr;
        Expression other = lr != null ? r : l;
        if (key != null) {
            List<KeyRef> values = anyValues(other);
            if (values == null) {
                KeyRef v = KeyValues.of(other);
                values = v == null ? null : List.of(v);
            }
            if (values != null) {
                if (filtering) {
                    pins.add(new Pin(key.node(), values));
                }
                return;
            }
        }
        walk(eq, scope);
    }

    /** {@code ANY(?)}, {@code ANY(?::int[])}, {@code ANY(ARRAY[1, 2])}: the values, else null. */
    private static List<KeyRef> anyValues(Expression e) {
        if (!(e instanceof Function f) || f.getMultipartName().size() != 1
                || !f.getName().equalsIgnoreCase("any") || f.getParameters() == null
                || f.getParameters().size() != 1) {
            return null;
        }
        Expression arg = f.getParameters().get(0);
        while (arg instanceof net.sf.jsqlparser.expression.CastExpression c) {
            arg = c.getLeftExpression();
        }
        if (arg instanceof net.sf.jsqlparser.expression.JdbcParameter p && !p.isUseFixedIndex()) {
            return List.of(new KeyRef.ArrayParam(p.getIndex()));
        }
        if (arg instanceof net.sf.jsqlparser.expression.ArrayConstructor a && a.getExpressions() != null) {
            List<KeyRef> out = new ArrayList<>();
            for (Expression x : a.getExpressions()) {
                KeyRef v = KeyValues.of(x);
                if (v == null) {
                    return null;
                }
                out.add(v);
            }
            return out;
        }
        return null;
    }

    private void inList(InExpression in, Column c, Scope scope, boolean filtering) {
        Ref key = resolve(c, scope);
        Expression right = in.getRightExpression();
        if (right instanceof Select sub) {
            BlockResult r = select(sub, scope, filtering, false);
            if (key != null && !r.hasStar() && r.outputs().size() == 1 && r.outputs().get(0) >= 0) {
                union(key.node(), r.outputs().get(0)); // a semi-join on the shard keys
            }
            return;
        }
        if (key != null && right instanceof ExpressionList<?> list && !list.isEmpty()) {
            List<KeyRef> values = new ArrayList<>();
            for (Expression x : list) {
                KeyRef v = KeyValues.of(x);
                if (v == null) {
                    walk(in, scope);
                    return;
                }
                if (!values.contains(v)) {
                    values.add(v);
                }
            }
            if (filtering) {
                pins.add(new Pin(key.node(), values));
            }
            return;
        }
        walk(in, scope);
    }

    // ---------------------------------------------------------------- names

    /** Resolves a column to a shard-key occurrence, or null when it is not (known to be) a key. */
    private Ref resolve(Column c, Scope scope) {
        String column = Sql.identifier(c.getColumnName());
        String qualifier = c.getTable() == null || c.getTable().getName() == null ? null : qualifier(c.getTable());
        for (Scope s = scope; s != null; s = s.parent) {
            if (qualifier != null) {
                Entry e = entry(s, qualifier);
                if (e != null) {
                    Integer n = e.keyColumns.get(column);
                    return n == null ? null : new Ref(n, s);
                }
            } else if (!s.entries.isEmpty()) {
                for (Entry e : s.entries) {
                    Integer n = e.keyColumns.get(column);
                    if (n != null) {
                        return new Ref(n, s);
                    }
                }
                // The column may be any column of this block's tables: we cannot look further out.
                return null;
            }
        }
        return null;
    }

    private static Entry entry(Scope s, String qualifier) {
        for (Entry e : s.entries) {
            if (e.matches(qualifier)) {
                return e;
            }
        }
        return null;
    }

    private static String qualifier(Table t) {
        return Sql.tableName(t.getSchemaName(), t.getName());
    }

    private static String alias(net.sf.jsqlparser.expression.Alias a) {
        return a == null ? null : Sql.identifier(a.getName());
    }

    private static int keyPosition(Insert insert, TableInfo info) {
        if (info == null || !info.isDistributed()) {
            return -1;
        }
        if (insert.getColumns() == null || insert.getColumns().isEmpty()) {
            return info.keyOrdinal();
        }
        for (int i = 0; i < insert.getColumns().size(); i++) {
            if (Sql.identifier(insert.getColumns().get(i).getColumnName()).equals(info.shardKey())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean assignsKey(UpdateSet set, TableInfo info) {
        for (Column c : set.getColumns()) {
            if (Sql.identifier(c.getColumnName()).equals(info.shardKey())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- tables and classes

    /** Records a table; returns its occurrence node when distributed, else -1. */
    private int addTable(String name) {
        plan.tables.add(name);
        TableInfo info = lookup.find(name);
        if (info == null || !info.isDistributed()) {
            return -1;
        }
        occurrences.add(new Occurrence(name, info));
        parents.add(occurrences.size() - 1);
        return occurrences.size() - 1;
    }

    private int find(int n) {
        while (parents.get(n) != n) {
            parents.set(n, parents.get(parents.get(n)));
            n = parents.get(n);
        }
        return n;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parents.set(Math.max(ra, rb), Math.min(ra, rb));
        }
    }

    /** Every pin of the class bounds it; the smallest is the tightest superset we know. */
    private List<KeyRef> smallestPin(int root) {
        List<KeyRef> best = List.of();
        int bestSize = Integer.MAX_VALUE;
        for (Pin p : pins) {
            if (find(p.node()) != root) {
                continue;
            }
            int size = 0;
            for (KeyRef k : p.values()) {
                size += k instanceof KeyRef.ArrayParam ? 1000 : 1;
            }
            if (size < bestSize) {
                best = p.values();
                bestSize = size;
            }
        }
        return best;
    }

    private void requireAnchored(boolean anchored) {
        if (!anchored && !occurrences.isEmpty()) {
            notMergeable.add("its rows are not rows of a distributed table (a distributed table is"
                    + " read only in a subquery or on the optional side of an outer join)");
        }
    }

    private static String firstReason(List<String> reasons) {
        // The hardest to merge first, so a driver that can merge only some never picks a weaker one.
        String[] order = {"window function", "aggregate ", "GROUP BY", "HAVING", "DISTINCT", "UNION",
            "INTERSECT", "EXCEPT", "ORDER BY", "LIMIT", "OFFSET", "FETCH"};
        for (String o : order) {
            for (String r : reasons) {
                if (r.startsWith(o)) {
                    return r;
                }
            }
        }
        return reasons.isEmpty() ? null : reasons.get(0);
    }

    // ---------------------------------------------------------------- expression walking

    private void walk(Expression e, Scope scope) {
        if (e != null) {
            e.accept(new BlockCheck(scope, false), null);
        }
    }

    private void walkItems(List<? extends SelectItem<?>> items, Scope scope) {
        if (items != null) {
            for (SelectItem<?> item : items) {
                walk(item.getExpression(), scope);
            }
        }
    }

    /**
     * Visits an expression of one block: analyses its subqueries as blocks of their own (without
     * bounds that count, except where {@code subqueriesFilter}) and notes aggregates and window
     * functions of this block.
     */
    private final class BlockCheck extends ExpressionVisitorAdapter<Void> {
        private final Scope scope;
        private final boolean subqueriesFilter;
        String aggregate;
        String window;

        BlockCheck(Scope scope, boolean subqueriesFilter) {
            this.scope = scope;
            this.subqueriesFilter = subqueriesFilter;
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            if (walked.add(select)) {
                select(select.getSelect(), scope, subqueriesFilter, false);
            }
            return null;
        }

        @Override
        public <S> Void visit(Select select, S context) {
            if (!walked.contains(select)) {
                select(select, scope, subqueriesFilter, false);
            }
            return null;
        }

        @Override
        public <S> Void visit(Function f, S context) {
            if (aggregate == null && f.getMultipartName().size() == 1
                    && AGGREGATES.contains(f.getName().toLowerCase(Locale.ROOT))) {
                aggregate = f.getName().toLowerCase(Locale.ROOT);
            }
            return super.visit(f, context);
        }

        @Override
        public <S> Void visit(AnalyticExpression a, S context) {
            if (a.getType() == AnalyticType.OVER || a.getType() == AnalyticType.WITHIN_GROUP_OVER) {
                if (window == null) {
                    window = a.getName();
                }
            } else if (aggregate == null) {
                aggregate = a.getName().toLowerCase(Locale.ROOT);
            }
            return super.visit(a, context);
        }
    }
}
