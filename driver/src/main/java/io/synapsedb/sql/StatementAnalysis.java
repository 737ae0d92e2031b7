package io.synapsedb.sql;

import io.synapsedb.catalog.TableInfo;
import io.synapsedb.catalog.TableLookup;
import io.synapsedb.core.Sql;
import io.synapsedb.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;

/** One analysis of one SQL text: lexing, keyword statements, parsing, and the AST walk. */
final class StatementAnalysis {

    static final String MULTIPLE_STATEMENTS = "multiple statements in one call";

    /**
     * Parenthesis depth beyond which the SQL parser is not asked: its time grows steeply with depth
     * (seconds at a few thousand levels), while PostgreSQL stops at max_stack_depth by itself.
     */
    static final int MAX_PARSED_DEPTH = 200;

    private StatementAnalysis() {
    }

    /** The plan for {@code sql}; never throws for bad SQL. */
    static AnalyzedPlan analyze(String sql, TableLookup lookup, long catalogVersion) {
        List<Token> tokens = SqlLexer.tokenize(sql);
        int params = SqlLexer.countParams(tokens);
        List<int[]> statements = SqlLexer.statements(sql, tokens);
        PlanBuilder plan = new PlanBuilder(sql, catalogVersion, params, StatementKind.UTILITY);
        plan.fanoutHint = FanoutHint.of(sql);
        plan.placementHint = PlacementHint.of(sql);
        if (statements.size() > 1) {
            multiple(sql, tokens, statements, plan, lookup);
            return plan.build(lookup);
        }
        if (statements.isEmpty()) {
            return plan.build(lookup); // an empty query: PostgreSQL answers it with nothing
        }
        int[] range = statements.get(0);
        single(sql, tokens, range, plan, lookup);
        String hazard = Hazards.check(sql, tokens, range[0], range[1], lookup);
        if (hazard != null) {
            plan.refusal = hazard;
        }
        return plan.build(lookup);
    }

    /**
     * Why {@code p}, as one of several statements in one call, cannot simply run on the home group
     * together with the others, or {@code null} when it can: it touches no declared table and
     * needs nothing of the driver (no SET, transaction control, DDL, driver call or view, no
     * session object, nothing the driver cannot see into).
     */
    static String notHomeSafe(StatementPlan p) {
        if (p.refusal() != null) {
            return "is refused: " + p.refusal();
        }
        if (p.opaque() != null) {
            return "cannot be read: " + p.opaque();
        }
        if (!p.distributedTables().isEmpty()) {
            return "names distributed table " + p.distributedTables().get(0);
        }
        if (!p.referenceTables().isEmpty()) {
            return "names reference table " + p.referenceTables().get(0);
        }
        for (String t : p.tables()) {
            if (t.startsWith("synapse.")) {
                return "names the driver's " + t;
            }
        }
        if (p.sessionObject() != null) {
            return "makes or drops a prepared statement or cursor";
        }
        return switch (p.kind()) {
            case SELECT, INSERT, UPDATE, DELETE, UTILITY, UNPARSED -> null;
            case DDL -> "is DDL, which runs on every group";
            case SET -> "is a SET, which the driver runs on every group";
            case TRANSACTION -> "is transaction control, which the driver runs itself";
            case SYNAPSE_CALL -> "is a call of the driver's own functions";
        };
    }

    private static void single(String sql, List<Token> tokens, int[] range, PlanBuilder plan, TableLookup lookup) {
        if (KeywordStatements.classify(sql, tokens, range[0], range[1], plan, lookup)) {
            return;
        }
        if (maxDepth(tokens, range) > MAX_PARSED_DEPTH) {
            plan.unparsed("nested more than " + MAX_PARSED_DEPTH + " parentheses deep for the driver's parser");
            plan.tables.addAll(TokenNames.declared(sql, tokens, range[0], range[1], lookup));
            return;
        }
        Statement statement;
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(SqlLexer.forParser(sql, tokens));
            statement = parser.Statement();
        } catch (Exception | StackOverflowError e) {
            // Not every PostgreSQL statement is JSqlParser's: say so, with the tables we can see.
            plan.unparsed(shortMessage(e));
            plan.tables.addAll(TokenNames.declared(sql, tokens, range[0], range[1], lookup));
            return;
        }
        try {
            statement(sql, tokens, statement, plan, lookup);
            plan.slotTexts = slotTexts(sql, tokens, statement, plan, lookup);
        } catch (UnsupportedStatementException e) {
            plan.unparsed(e.getMessage());
        } catch (RuntimeException e) {
            // A shape of AST the walk did not expect: refuse rather than guess.
            plan.unparsed("cannot analyse the statement: " + shortMessage(e));
            plan.tables.addAll(TokenNames.declared(sql, tokens, range[0], range[1], lookup));
        }
    }

    private static void statement(String sql, List<Token> tokens, Statement statement, PlanBuilder plan,
            TableLookup lookup) throws UnsupportedStatementException {
        QueryAnalyzer analyzer = new QueryAnalyzer(lookup, plan);
        if (statement instanceof Select select) {
            if (synapseCall(select, plan)) {
                return;
            }
            plan.kind = select instanceof Values ? StatementKind.UTILITY : StatementKind.SELECT;
            analyzer.analyzeSelect(select);
            analyzer.finish();
            if (selectInto(select, plan, lookup)) {
                return;
            }
            if (mergeable(plan.mergeReason)) {
                plan.merge = new MergePlanner(sql, plan.parameterCount,
                        SqlLexer.forParser(sql, tokens) != sql).plan(select, plan.mergeReason);
            }
        } else if (statement instanceof Insert insert) {
            plan.kind = StatementKind.INSERT;
            analyzer.analyzeInsert(insert, null);
            analyzer.finish();
            String target = Names.table(insert.getTable());
            TableInfo info = lookup.find(target);
            if (info != null && info.isDistributed()) {
                ValuesInsertShape shape = ValuesInsertShape.of(sql, tokens, insert, target, info);
                plan.insert = shape;
                if (!shape.fromSelect() && !shape.rowKeys().contains(null)) {
                    List<KeyRef> keys = new ArrayList<>();
                    for (KeyRef k : shape.rowKeys()) {
                        if (!keys.contains(k)) {
                            keys.add(k);
                        }
                    }
                    plan.keys = keys;
                }
            }
        } else if (statement instanceof Update update) {
            plan.kind = StatementKind.UPDATE;
            analyzer.analyzeUpdate(update);
            analyzer.finish();
        } else if (statement instanceof Delete delete) {
            plan.kind = StatementKind.DELETE;
            analyzer.analyzeDelete(delete);
            analyzer.finish();
        } else if (statement instanceof ExplainStatement explain
                && explain.getStatement() instanceof net.sf.jsqlparser.statement.select.Select explained) {
            // EXPLAIN runs where the statement would; the router sees the same tables and keys.
            plan.kind = StatementKind.UTILITY;
            plan.explain = true;
            String full = explain.toString();
            String inner = explained.toString();
            analyzer.analyzeSelect(explained);
            analyzer.finish();
            if (mergeable(plan.mergeReason) && full.endsWith(inner)) {
                MergePlan m = new MergePlanner(inner, plan.parameterCount, SqlLexer.forParser(sql, tokens) != sql)
                        .plan(explained, plan.mergeReason);
                if (m.refusal() == null) {
                    // The groups explain the query they would run: the rewritten one.
                    String prefix = full.substring(0, full.length() - inner.length());
                    m = new MergePlan(prefix + m.groupSql(), m.paramMap(), m.hiddenColumns(), m.sortKeys(), m.limit(),
                            m.offset(), m.distinct(), m.aggregates(), m.groupColumns(), m.having(), m.describe(),
                            null);
                }
                plan.merge = m;
            }
            boolean refused = plan.mergeReason != null
                    && (!mergeable(plan.mergeReason) || (plan.merge != null && plan.merge.refusal() != null));
            if (!refused) {
                plan.mergeReason = null;
            }
            // else: the reason stays, so EXPLAIN of a query the driver refuses on several groups is
            // refused with the same 0A000 instead of showing a route the query never takes.
        } else {
            Set<String> declared = TokenNames.declared(sql, tokens, 0, tokens.size(), lookup);
            plan.tables.addAll(declared);
            if (!declared.isEmpty()) {
                throw new UnsupportedStatementException("cannot route a " + statement.getClass().getSimpleName()
                        + " statement that names " + String.join(", ", declared));
            }
            plan.kind = StatementKind.UTILITY;
        }
    }

    /**
     * {@code SELECT ... INTO t} creates a table from the rows it reads. It writes; from a
     * distributed table it is refused, because each group would create its own {@code t} from its
     * own rows only (and an undeclared {@code t} is read on the home group alone).
     */
    private static boolean selectInto(Select select, PlanBuilder plan, TableLookup lookup) {
        PlainSelect first = select instanceof PlainSelect ps ? ps
                : select instanceof SetOperationList ops && !ops.getSelects().isEmpty()
                        && ops.getSelects().get(0) instanceof PlainSelect ps0 ? ps0 : null;
        if (first == null || first.getIntoTables() == null || first.getIntoTables().isEmpty()) {
            return false;
        }
        plan.writes = true;
        String into = Names.table(first.getIntoTables().get(0));
        for (String t : plan.tables) {
            TableInfo info = lookup.find(t);
            if (info != null && info.isDistributed()) {
                plan.refusal = "SELECT ... INTO " + into + " reads distributed table " + t + ", whose rows are spread"
                        + " over the groups: every group would create its own " + into + " from its own rows only."
                        + " Create the table with a column list, declare it (synapse.distribute_table or"
                        + " synapse.reference_table) and insert the rows with INSERT ... VALUES";
                plan.merge = null;
                return true;
            }
        }
        return false;
    }

    /**
     * Direct-partition texts for a statement whose rows can be bounded to one slot: a routed
     * SELECT/INSERT/UPDATE/DELETE with shard-key values, co-located tables joined on their keys, and
     * no key assignment (a row that changes slot must go through the parent). Else {@code null}.
     */
    private static SlotText slotTexts(String sql, List<Token> tokens, Statement statement, PlanBuilder plan,
            TableLookup lookup) {
        boolean routed = plan.kind == StatementKind.SELECT || plan.kind == StatementKind.INSERT
                || plan.kind == StatementKind.UPDATE || plan.kind == StatementKind.DELETE;
        if (!routed || plan.explain || plan.keys.isEmpty() || !plan.joinsOnShardKeys || plan.updatesShardKey) {
            return null;
        }
        return SlotText.of(sql, tokens, statement, lookup);
    }

    private static boolean mergeable(String reason) {
        return reason != null && !reason.startsWith(QueryAnalyzer.NOT_MERGEABLE);
    }

    /**
     * {@code SELECT synapse.fn(args)} alone, or {@code SELECT * FROM synapse.fn(args)}: a call of
     * the driver's own functions, with literal or parameter arguments.
     */
    private static boolean synapseCall(Select select, PlanBuilder plan) throws UnsupportedStatementException {
        if (!(select instanceof PlainSelect ps) || ps.getWhere() != null || ps.getJoins() != null
                || ps.getSelectItems().size() != 1 || ps.getWithItemsList() != null) {
            return false;
        }
        Expression item = ps.getSelectItems().get(0).getExpression();
        Function f = null;
        if (ps.getFromItem() == null && item instanceof Function fn) {
            f = fn;
        } else if (ps.getFromItem() instanceof TableFunction tf && item instanceof AllColumns) {
            f = tf.getFunction();
        }
        if (f == null || f.getMultipartName().size() != 2
                || !Sql.identifier(f.getMultipartName().get(0)).equals("synapse")) {
            return false;
        }
        String name = Sql.identifier(f.getMultipartName().get(1));
        List<KeyRef> args = new ArrayList<>();
        if (f.getNamedParameters() != null) {
            throw new UnsupportedStatementException("synapse." + name + " takes positional arguments only");
        }
        if (f.getParameters() != null) {
            for (Expression e : f.getParameters()) {
                KeyRef v = KeyValues.of(e);
                if (v == null || v instanceof KeyRef.ArrayParam) {
                    throw new UnsupportedStatementException("the arguments of synapse." + name
                            + " must be literals or ? parameters, not " + e);
                }
                args.add(v);
            }
        }
        plan.kind = StatementKind.SYNAPSE_CALL;
        plan.call = new SynapseCall(name, args);
        return true;
    }

    /**
     * Several statements in one string. PostgreSQL runs them as one implicit transaction, all or
     * nothing, so they run as written, together on the home group, when every one of them would run
     * there by itself (see {@link #notHomeSafe}). Otherwise no split could keep that: the string is
     * refused as a whole when a statement is refused, and else runs only where a placement hint
     * says (it is opaque).
     */
    private static void multiple(String sql, List<Token> tokens, List<int[]> statements, PlanBuilder plan,
            TableLookup lookup) {
        String why = null;
        for (int s = 0; s < statements.size(); s++) {
            int[] range = statements.get(s);
            String piece = sql.substring(tokens.get(range[0]).start(), tokens.get(range[1] - 1).end());
            StatementPlan p = analyze(piece, lookup, plan.catalogVersion);
            plan.tables.addAll(p.tables());
            if (p.refusal() != null && plan.refusal == null) {
                plan.refusal = MULTIPLE_STATEMENTS + ": statement " + (s + 1) + " of " + statements.size()
                        + " is refused: " + p.refusal();
            }
            String pieceWhy = notHomeSafe(p);
            if (why == null && pieceWhy != null) {
                why = "statement " + (s + 1) + " of " + statements.size() + " " + pieceWhy;
            }
        }
        if (why != null) {
            plan.opaque(MULTIPLE_STATEMENTS + ", and " + why + "; send them one at a time");
        }
    }

    private static int maxDepth(List<Token> tokens, int[] range) {
        int max = 0;
        for (int i = range[0]; i < range[1]; i++) {
            max = Math.max(max, tokens.get(i).depth());
        }
        return max;
    }

    private static String shortMessage(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.strip();
        int nl = m.indexOf('\n');
        if (nl > 0) {
            m = m.substring(0, nl).strip();
        }
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
