package io.synapsedb.sql;

import io.synapsedb.core.Sql;
import io.synapsedb.sql.MergePlan.Bound;
import io.synapsedb.sql.MergePlan.Combine;
import io.synapsedb.sql.MergePlan.Having;
import io.synapsedb.sql.MergePlan.Op;
import io.synapsedb.sql.MergePlan.Operand;
import io.synapsedb.sql.MergePlan.SortKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Works out how the groups' results of a top-level SELECT merge into one PostgreSQL's answer, and
 * rewrites the statement each group runs (from the JSqlParser AST) when the merge needs more than
 * the application's text: hidden sort-key columns, {@code LIMIT limit+offset}, AVG as SUM and
 * COUNT, HAVING and the final ORDER BY/LIMIT taken out of aggregating queries.
 *
 * <p>One instance per statement; it mutates the AST it is given (the analyser is done with it).
 */
final class MergePlanner {

    private static final Set<String> COMBINABLE = Set.of("count", "sum", "min", "max", "avg");
    private static final String HIDDEN = "synapse_m";

    private final String sql;
    private final int parameterCount;
    private final boolean parserTextDiffers;
    private final Set<Integer> removedParams = new HashSet<>();
    private PlainSelect ps;
    private final List<SelectItem<?>> hidden = new ArrayList<>();
    /** For an aggregating query, the combine of each visible item, in order. */
    private final List<Combine> combines = new ArrayList<>();
    private final List<Combine> hiddenCombines = new ArrayList<>();
    /** Select items (1-based) that were avg(x) and are now sum(x). */
    private final Set<Integer> averageItems = new HashSet<>();
    private boolean rewritten;
    private int visible;

    /**
     * @param sql the application's text
     * @param parameterCount its {@code ?} parameters, as the lexer counts them
     * @param parserTextDiffers the parser saw a text the lexer changed (escaped {@code ??}, E''
     *     strings): its AST cannot be printed back as the application's SQL
     */
    MergePlanner(String sql, int parameterCount, boolean parserTextDiffers) {
        this.sql = sql;
        this.parameterCount = parameterCount;
        this.parserTextDiffers = parserTextDiffers;
    }

    /** The merge for a top-level SELECT whose multi-group result needs {@code reason}. */
    MergePlan plan(Select select, String reason) {
        try {
            return build(select, reason);
        } catch (Refused r) {
            return MergePlan.refused(r.getMessage());
        } catch (RuntimeException e) {
            // An AST shape the planner did not expect: refuse the merge rather than guess.
            return MergePlan.refused("the driver cannot plan a merge of this query across groups (" + e
                    + "); bound the shard key to one group");
        }
    }

    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private MergePlan build(Select select, String reason) throws Refused {
        if (reason.startsWith("window function")) {
            throw new Refused("a window function over rows of several groups cannot be merged; bound the shard key"
                    + " to one group, or compute the window in the application");
        }
        if (!(select instanceof PlainSelect plain)) {
            throw new Refused(reason + " over a set operation (UNION/INTERSECT/EXCEPT) cannot be merged across"
                    + " groups; use UNION ALL without ORDER BY/LIMIT, or bound the shard key to one group");
        }
        ps = plain;
        if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) {
            throw new Refused("DISTINCT ON across groups cannot be merged; bound the shard key to one group");
        }
        String fetchText = ps.getFetch() == null ? "" : ps.getFetch().toString().toUpperCase(Locale.ROOT);
        if (fetchText.contains("TIES") || fetchText.contains("PERCENT")) {
            throw new Refused("FETCH ... WITH TIES / PERCENT across groups cannot be merged; use LIMIT");
        }
        if (ps.getForMode() != null || ps.getForUpdate() != null) {
            throw new Refused("SELECT ... FOR UPDATE/SHARE with " + reason + " across groups cannot be merged;"
                    + " bound the shard key to one group");
        }
        for (SelectItem<?> item : ps.getSelectItems()) {
            if (item.getExpression() instanceof AllColumns) {
                visible = -1;
            }
        }
        if (visible == 0) {
            visible = ps.getSelectItems().size();
        }
        boolean aggregating = ps.getGroupBy() != null || ps.getHaving() != null || containsAggregate(ps);
        return aggregating ? aggregating() : passThrough();
    }

    // ---------------------------------------------------------------- rows pass through

    private MergePlan passThrough() throws Refused {
        List<SortKey> keys = new ArrayList<>();
        StringBuilder describe = new StringBuilder();
        if (ps.getOrderByElements() != null) {
            for (OrderByElement o : ps.getOrderByElements()) {
                keys.add(sortKey(o, resolvePlain(o.getExpression())));
            }
            describe.append("k-way merge on ").append(describeKeys(keys));
        } else {
            describe.append("concatenation");
        }
        Bound limit = limitBound();
        Bound offset = offsetBound();
        if (limit != null || offset != null) {
            pushLimit(limit, offset);
            describe.append("; LIMIT/OFFSET cut by the driver");
        }
        boolean distinct = ps.getDistinct() != null;
        if (distinct) {
            describe.append("; DISTINCT again after the merge");
        }
        return finish(keys, limit, offset, distinct, null, null, null, describe.toString());
    }

    /** The column of a sort expression, adding a hidden column when the select list lacks it. */
    private int resolvePlain(Expression e) throws Refused {
        int c = resolveOutput(e);
        if (c > 0) {
            return c;
        }
        if (hasParameter(e)) {
            throw new Refused("ORDER BY " + e + " has a bind parameter and is not in the select list; add it to"
                    + " the select list to order rows of several groups");
        }
        return addHidden(e, null);
    }

    /** Pushes LIMIT limit+offset to the groups (no OFFSET): the driver cuts. */
    private void pushLimit(Bound limit, Bound offset) {
        Expression limitExpr = limitExpression();
        Expression offsetExpr = ps.getOffset() != null ? ps.getOffset().getOffset() : null;
        ps.setOffset(null);
        ps.setFetch(null);
        rewritten = true;
        if (limitExpr == null) {
            ps.setLimit(null); // OFFSET alone: every group returns everything, the driver skips
            if (offsetExpr instanceof JdbcParameter p) {
                removedParams.add(p.getIndex());
            }
            return;
        }
        Expression total = limitExpr;
        if (offsetExpr != null) {
            // Keep the parameters in their textual order: the group text binds them positionally.
            boolean offsetFirst = offsetExpr instanceof JdbcParameter op && limitExpr instanceof JdbcParameter lp
                    && op.getIndex() < lp.getIndex();
            total = offsetFirst ? new Addition().withLeftExpression(offsetExpr).withRightExpression(limitExpr)
                    : new Addition().withLeftExpression(limitExpr).withRightExpression(offsetExpr);
        }
        Limit l = new Limit();
        l.setRowCount(total);
        ps.setLimit(l);
    }

    // ---------------------------------------------------------------- aggregates

    private MergePlan aggregating() throws Refused {
        List<SelectItem<?>> items = ps.getSelectItems();
        if (visible < 0) {
            throw new Refused("SELECT * with aggregates across groups cannot be merged; name the columns");
        }
        List<Expression> groupBy = new ArrayList<>();
        if (ps.getGroupBy() != null) {
            if (ps.getGroupBy().getGroupingSets() != null && !ps.getGroupBy().getGroupingSets().isEmpty()) {
                throw new Refused("GROUPING SETS/ROLLUP/CUBE across groups cannot be merged; bound the shard key");
            }
            ExpressionList<?> list = ps.getGroupBy().getGroupByExpressionList();
            if (list != null) {
                for (Object o : list) {
                    groupBy.add((Expression) o);
                }
            }
        }
        // Resolve GROUP BY positions and aliases to select-list expressions.
        List<Expression> groupExprs = new ArrayList<>();
        for (Expression g : groupBy) {
            int c = resolveOutput(g);
            groupExprs.add(c > 0 && c <= items.size() ? items.get(c - 1).getExpression() : g);
        }
        for (int i = 0; i < items.size(); i++) {
            SelectItem<?> item = items.get(i);
            Expression e = item.getExpression();
            if (e instanceof Function f && isCombinable(f)) {
                combines.add(aggregateItem(item, f, i + 1));
            } else if (indexOfSame(groupExprs, e) >= 0 || (groupBy.isEmpty() && !containsColumnOrAggregate(e))) {
                if (containsAggregate(e)) {
                    throw new Refused("the select item " + e + " computes with aggregates; across groups only"
                            + " plain count, sum, min, max and avg can be combined");
                }
                combines.add(new Combine(Op.KEY, 0));
            } else {
                throw new Refused("the select item " + e + " is not a plain count/sum/min/max/avg or a GROUP BY"
                        + " expression; across groups only those can be combined. Bound the shard key to one"
                        + " group, or simplify the select list");
            }
        }
        List<Integer> groupColumns = new ArrayList<>();
        for (Expression g : groupExprs) {
            int c = findItem(g);
            if (c < 0) {
                if (hasParameter(g)) {
                    throw new Refused("GROUP BY " + g + " has a bind parameter; put it in the select list");
                }
                c = addHidden(g, new Combine(Op.KEY, 0));
            }
            groupColumns.add(c);
        }
        Having having = null;
        if (ps.getHaving() != null) {
            collectParams(ps.getHaving());
            having = having(ps.getHaving(), groupExprs);
            ps.setHaving(null);
            rewritten = true;
        }
        List<SortKey> keys = new ArrayList<>();
        if (ps.getOrderByElements() != null) {
            for (OrderByElement o : ps.getOrderByElements()) {
                collectParams(o.getExpression());
                keys.add(sortKey(o, aggregateOperand(o.getExpression(), groupExprs)));
            }
            ps.setOrderByElements(null);
            rewritten = true;
        }
        Bound limit = limitBound();
        Bound offset = offsetBound();
        if (limit != null || offset != null) {
            if (ps.getLimit() != null) {
                collectParams(ps.getLimit().getRowCount());
                collectParams(ps.getLimit().getOffset());
            }
            if (ps.getOffset() != null) {
                collectParams(ps.getOffset().getOffset());
            }
            if (ps.getFetch() != null) {
                collectParams(ps.getFetch().getExpression());
            }
            ps.setLimit(null);
            ps.setOffset(null);
            ps.setFetch(null);
            rewritten = true;
        }
        boolean distinct = ps.getDistinct() != null;
        String describe = (groupBy.isEmpty() ? "combine partial aggregates into one row"
                : "combine partial aggregates per GROUP BY key (hash)")
                + (having != null ? "; HAVING after the merge" : "")
                + (keys.isEmpty() ? "" : "; sort on " + describeKeys(keys))
                + (limit != null || offset != null ? "; LIMIT/OFFSET by the driver" : "")
                + (distinct ? "; DISTINCT" : "");
        return finish(keys, limit, offset, distinct, combines, groupColumns, having, describe);
    }

    private Combine aggregateItem(SelectItem<?> item, Function f, int column) throws Refused {
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (!name.equals("avg")) {
            return new Combine(op(name), 0);
        }
        if (hasParameter(f)) {
            throw new Refused("avg(" + f.getParameters() + ") with a bind parameter across groups cannot be"
                    + " split into sum and count; bound the shard key to one group");
        }
        Function count = parseFunction("count" + argsOf(f));
        f.setName("sum");
        if (item.getAlias() == null) {
            // The column is still labelled avg, as PostgreSQL labels it.
            item.setAlias(new net.sf.jsqlparser.expression.Alias("avg"));
        }
        rewritten = true;
        int countColumn = addHidden(count, new Combine(Op.COUNT, 0));
        averageItems.add(column);
        return new Combine(Op.AVG, countColumn);
    }

    private static Op op(String name) {
        switch (name) {
            case "count":
                return Op.COUNT;
            case "sum":
                return Op.SUM;
            case "min":
                return Op.MIN;
            case "max":
                return Op.MAX;
            default:
                return Op.AVG;
        }
    }

    /** The combined column an ORDER BY or HAVING expression of an aggregating query reads. */
    private int aggregateOperand(Expression e, List<Expression> groupExprs) throws Refused {
        int c = resolveOutput(e);
        if (c > 0) {
            return c;
        }
        if (e instanceof Function f && isCombinable(f)) {
            if (hasParameter(f)) {
                throw new Refused("the aggregate " + f + " has a bind parameter and is not in the select list");
            }
            String name = f.getName().toLowerCase(Locale.ROOT);
            if (name.equals("avg")) {
                Function sum = parseFunction("sum" + argsOf(f));
                Function count = parseFunction("count" + argsOf(f));
                // The count goes first so that the sum's combine can name it.
                int countColumn = addHidden(count, new Combine(Op.COUNT, 0));
                return addHidden(sum, new Combine(Op.AVG, countColumn));
            }
            return addHidden(f, new Combine(op(name), 0));
        }
        if (indexOfSame(groupExprs, e) >= 0) {
            return addHidden(e, new Combine(Op.KEY, 0));
        }
        throw new Refused(e + " in HAVING/ORDER BY is neither a GROUP BY expression nor a plain count/sum/min/"
                + "max/avg; across groups only those can be evaluated after the merge");
    }

    private Having having(Expression e, List<Expression> groupExprs) throws Refused {
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            return having(p.get(0), groupExprs);
        }
        if (e instanceof AndExpression a) {
            return new MergePlan.And(List.of(having(a.getLeftExpression(), groupExprs),
                    having(a.getRightExpression(), groupExprs)));
        }
        if (e instanceof OrExpression o) {
            return new MergePlan.Or(List.of(having(o.getLeftExpression(), groupExprs),
                    having(o.getRightExpression(), groupExprs)));
        }
        if (e instanceof NotExpression n) {
            return new MergePlan.Not(having(n.getExpression(), groupExprs));
        }
        if (e instanceof IsNullExpression n) {
            return new MergePlan.IsNull(operand(n.getLeftExpression(), groupExprs), n.isNot());
        }
        if (e instanceof ComparisonOperator c) {
            String op = c.getStringExpression().trim();
            if (op.equals("!=")) {
                op = "<>";
            }
            if (!Set.of("=", "<>", "<", "<=", ">", ">=").contains(op)) {
                throw new Refused("HAVING " + e + ": only = <> < <= > >= can be evaluated after the merge");
            }
            return new MergePlan.Compare(op, operand(c.getLeftExpression(), groupExprs),
                    operand(c.getRightExpression(), groupExprs));
        }
        throw new Refused("HAVING " + e + " across groups: only comparisons of aggregates and GROUP BY columns with"
                + " constants, joined by AND/OR/NOT, are evaluated after the merge; bound the shard key to one"
                + " group, or simplify the HAVING");
    }

    private Operand operand(Expression e, List<Expression> groupExprs) throws Refused {
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            return operand(p.get(0), groupExprs);
        }
        if (e instanceof JdbcParameter p) {
            return new MergePlan.ParamOperand(p.getIndex());
        }
        if (e instanceof LongValue l) {
            return new MergePlan.ConstantOperand(l.getValue());
        }
        if (e instanceof DoubleValue d) {
            return new MergePlan.ConstantOperand(new java.math.BigDecimal(d.toString()));
        }
        if (e instanceof SignedExpression s && s.getSign() == '-' && s.getExpression() instanceof LongValue l) {
            return new MergePlan.ConstantOperand(-l.getValue());
        }
        if (e instanceof SignedExpression s && s.getSign() == '-' && s.getExpression() instanceof DoubleValue d) {
            return new MergePlan.ConstantOperand(new java.math.BigDecimal(d.toString()).negate());
        }
        if (e instanceof StringValue s) {
            return new MergePlan.ConstantOperand(s.getValue().replace("''", "'"));
        }
        if (e instanceof BooleanValue b) {
            return new MergePlan.ConstantOperand(b.getValue());
        }
        if (e instanceof NullValue) {
            return new MergePlan.ConstantOperand(null);
        }
        return new MergePlan.ColumnOperand(aggregateOperand(e, groupExprs));
    }

    // ---------------------------------------------------------------- shared

    private MergePlan finish(List<SortKey> keys, Bound limit, Bound offset, boolean distinct, List<Combine> aggs,
            List<Integer> groupColumns, Having having, String describe) throws Refused {
        List<Combine> all = null;
        if (aggs != null) {
            all = new ArrayList<>(aggs);
            all.addAll(hiddenCombines);
        }
        String groupSql = sql;
        int[] paramMap = null;
        if (rewritten || !hidden.isEmpty()) {
            if (parserTextDiffers) {
                throw new Refused("the statement uses ?? operators or E'' strings with backslashes, which the driver"
                        + " cannot rewrite for a merge across groups; bound the shard key to one group");
            }
            if (!hidden.isEmpty()) {
                List<SelectItem<?>> items = new ArrayList<>(ps.getSelectItems());
                items.addAll(hidden);
                ps.setSelectItems(items);
            }
            groupSql = ps.toString();
            int kept = parameterCount - removedParams.size();
            if (SqlLexer.countParams(SqlLexer.tokenize(groupSql)) != kept) {
                throw new Refused("the statement's parameters cannot be kept in order in the rewritten query;"
                        + " bound the shard key to one group");
            }
            if (!removedParams.isEmpty()) {
                paramMap = new int[kept];
                int i = 0;
                for (int p = 1; p <= parameterCount; p++) {
                    if (!removedParams.contains(p)) {
                        paramMap[i++] = p;
                    }
                }
            }
        }
        return new MergePlan(groupSql, paramMap, hidden.size(), keys, limit, offset, distinct, all, groupColumns,
                having, describe, null);
    }

    private static SortKey sortKey(OrderByElement o, int column) throws Refused {
        if (o.getNullOrdering() == null && !o.isAsc() && o.toString().toUpperCase(Locale.ROOT).contains(" USING ")) {
            throw new Refused("ORDER BY ... USING across groups cannot be merged");
        }
        boolean desc = !o.isAsc();
        boolean nullsFirst = o.getNullOrdering() == null ? desc
                : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
        return new SortKey(column, desc, nullsFirst);
    }

    private static String describeKeys(List<SortKey> keys) {
        StringBuilder sb = new StringBuilder();
        for (SortKey k : keys) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('#').append(k.column()).append(k.descending() ? " DESC" : " ASC")
                    .append(k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
        }
        return sb.toString();
    }

    /**
     * The 1-based output column an expression names: a position, an output alias, or an
     * expression equal to a select item. -1 when none.
     */
    private int resolveOutput(Expression e) throws Refused {
        List<SelectItem<?>> items = ps.getSelectItems();
        if (e instanceof LongValue l) {
            long n = l.getValue();
            int size = visible < 0 ? Integer.MAX_VALUE : visible;
            if (n < 1 || n > size) {
                throw new Refused("ORDER BY/GROUP BY position " + n + " is not in the select list");
            }
            return (int) n;
        }
        if (e instanceof Column c && c.getTable() == null) {
            String name = Sql.identifier(c.getColumnName());
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).getAlias() != null
                        && Sql.identifier(items.get(i).getAlias().getName()).equals(name)) {
                    return i + 1;
                }
            }
        }
        return findItem(e);
    }

    /** The 1-based position of a select item (visible or already hidden) equal to {@code e}, or -1. */
    private int findItem(Expression e) {
        List<SelectItem<?>> items = ps.getSelectItems();
        String text = normal(e);
        int limit = visible < 0 ? 0 : items.size();
        for (int i = 0; i < limit; i++) {
            if (averageItems.contains(i + 1)) {
                continue; // an AVG rewritten to sum(x) holds the average after the merge, not the sum
            }
            if (normal(items.get(i).getExpression()).equals(text)) {
                return i + 1;
            }
        }
        for (int i = 0; i < hidden.size(); i++) {
            if (normal(hidden.get(i).getExpression()).equals(text)) {
                return hiddenPosition(i + 1);
            }
        }
        return -1;
    }

    private static String normal(Expression e) {
        if (e instanceof Column c) {
            String t = c.getTable() == null ? "" : Sql.identifier(c.getTable().getName()) + ".";
            return t + Sql.identifier(c.getColumnName());
        }
        return e.toString();
    }

    private static int indexOfSame(List<Expression> list, Expression e) {
        String text = normal(e);
        for (int i = 0; i < list.size(); i++) {
            if (normal(list.get(i)).equals(text)) {
                return i;
            }
        }
        if (e instanceof Column c) {
            // g and t.g name the same column when only one table is in scope; match by name then.
            String name = Sql.identifier(c.getColumnName());
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Column o && Sql.identifier(o.getColumnName()).equals(name)
                        && (o.getTable() == null || c.getTable() == null)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The position of the n-th hidden column: after the visible ones, or, after a star whose width
     * is known only at run time, {@code -n} (counted from the first hidden column).
     */
    private int hiddenPosition(int n) {
        return visible < 0 ? -n : visible + n;
    }

    /**
     * Adds {@code e} as a hidden trailing column combined by {@code combine} (null when rows pass
     * through); returns its position (see {@link #hiddenPosition}).
     */
    private int addHidden(Expression e, Combine combine) throws Refused {
        if (visible < 0 && (ps.getDistinct() != null)) {
            throw new Refused("SELECT DISTINCT * ordered by an expression across groups cannot be merged");
        }
        SelectItem<?> item = new SelectItem<>(e);
        item.setAlias(new net.sf.jsqlparser.expression.Alias(HIDDEN + (hidden.size() + 1)));
        hidden.add(item);
        hiddenCombines.add(combine);
        rewritten = true;
        return hiddenPosition(hidden.size());
    }

    private Bound limitBound() throws Refused {
        Expression e = limitExpression();
        if (e == null) {
            return null;
        }
        return bound(e, "LIMIT");
    }

    private Expression limitExpression() {
        if (ps.getLimit() != null) {
            if (ps.getLimit().isLimitAll() || ps.getLimit().isLimitNull()) {
                return null;
            }
            return ps.getLimit().getRowCount();
        }
        if (ps.getFetch() != null) {
            Expression e = ps.getFetch().getExpression();
            return e == null ? new LongValue(1) : e;
        }
        return null;
    }

    private Bound offsetBound() throws Refused {
        if (ps.getLimit() != null && ps.getLimit().getOffset() != null) {
            return bound(ps.getLimit().getOffset(), "OFFSET");
        }
        Offset o = ps.getOffset();
        return o == null ? null : bound(o.getOffset(), "OFFSET");
    }

    private static Bound bound(Expression e, String what) throws Refused {
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            return bound(p.get(0), what);
        }
        if (e instanceof LongValue l) {
            return Bound.constant(l.getValue());
        }
        if (e instanceof JdbcParameter p) {
            return Bound.param(p.getIndex());
        }
        if (e instanceof NullValue) {
            return null;
        }
        throw new Refused(what + " " + e + " across groups must be a number or a ? parameter");
    }

    private void collectParams(Expression e) {
        if (e == null) {
            return;
        }
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(JdbcParameter p, S context) {
                removedParams.add(p.getIndex());
                return null;
            }
        }, null);
    }

    private static boolean hasParameter(Expression e) {
        boolean[] found = {false};
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(JdbcParameter p, S context) {
                found[0] = true;
                return null;
            }
        }, null);
        return found[0];
    }

    private static boolean isCombinable(Function f) throws Refused {
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (f.getMultipartName().size() != 1 || !COMBINABLE.contains(name)) {
            return false;
        }
        if (f.isDistinct() || f.isUnique()) {
            throw new Refused(name + "(DISTINCT ...) across groups cannot be combined from partial results; bound"
                    + " the shard key to one group, or count distinct values per group key with GROUP BY");
        }
        if (f.getOrderByElements() != null || f.getKeep() != null) {
            throw new Refused(f + " across groups cannot be combined");
        }
        return true;
    }

    private static boolean containsAggregate(PlainSelect ps) throws Refused {
        for (SelectItem<?> item : ps.getSelectItems()) {
            if (containsAggregate(item.getExpression())) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAggregate(Expression e) throws Refused {
        String[] found = {null};
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Function f, S context) {
                if (f.getMultipartName().size() == 1
                        && QueryAnalyzer.AGGREGATES.contains(f.getName().toLowerCase(Locale.ROOT))) {
                    found[0] = f.getName();
                }
                return super.visit(f, context);
            }

            @Override
            public <S> Void visit(AnalyticExpression a, S context) {
                found[0] = a.getName();
                return null;
            }

            @Override
            public <S> Void visit(Select s, S context) {
                return null; // a subquery's aggregates are its own
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.statement.select.ParenthesedSelect s, S context) {
                return null;
            }
        }, null);
        if (found[0] != null && !COMBINABLE.contains(found[0].toLowerCase(Locale.ROOT))) {
            throw new Refused("the aggregate " + found[0] + " across groups cannot be combined from partial results;"
                    + " only count, sum, min, max and avg can. Bound the shard key to one group");
        }
        return found[0] != null;
    }

    private static boolean containsColumnOrAggregate(Expression e) throws Refused {
        boolean[] found = {false};
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column c, S context) {
                found[0] = true;
                return null;
            }
        }, null);
        return found[0] || containsAggregate(e);
    }

    private static String argsOf(Function f) {
        String s = f.toString();
        return s.substring(s.indexOf('('));
    }

    private static Function parseFunction(String text) throws Refused {
        try {
            return (Function) CCJSqlParserUtil.parseExpression(text);
        } catch (JSQLParserException | ClassCastException e) {
            throw new Refused("cannot rewrite " + text + " for a merge across groups");
        }
    }
}
