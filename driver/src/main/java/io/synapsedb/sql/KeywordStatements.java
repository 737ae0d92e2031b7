package io.synapsedb.sql;

import io.synapsedb.catalog.TableInfo;
import io.synapsedb.catalog.TableLookup;
import io.synapsedb.sql.SqlLexer.Kind;
import io.synapsedb.sql.SqlLexer.Token;
import java.util.List;

/**
 * Statements recognised by their leading keywords, without the parser: transaction control, SET,
 * SHOW, and DDL. This is faster than parsing, and JSqlParser reads only part of PostgreSQL's
 * syntax for them (no {@code BEGIN}, {@code RELEASE}, {@code DROP TABLE a, b},
 * {@code CREATE INDEX ON t}, {@code CREATE EXTENSION} ...).
 */
final class KeywordStatements {

    private final String sql;
    private final List<Token> tokens;
    private final int from;
    private final int to;

    private KeywordStatements(String sql, List<Token> tokens, int from, int to) {
        this.sql = sql;
        this.tokens = tokens;
        this.from = from;
        this.to = to;
    }

    /**
     * Classifies the statement in tokens [from, to) into {@code plan} when its leading keyword says
     * what it is; returns false to leave it to the parser.
     */
    static boolean classify(String sql, List<Token> tokens, int from, int to, PlanBuilder plan, TableLookup lookup) {
        return new KeywordStatements(sql, tokens, from, to).classify(plan, lookup);
    }

    private boolean classify(PlanBuilder plan, TableLookup lookup) {
        String w0 = word(0);
        if (w0 == null) {
            return false;
        }
        switch (w0) {
            case "begin":
                return transaction(plan, TransactionOp.BEGIN, null);
            case "start":
                return "transaction".equals(word(1)) && transaction(plan, TransactionOp.BEGIN, null);
            case "commit":
                return transaction(plan, "prepared".equals(word(1)) ? TransactionOp.TWO_PHASE : TransactionOp.COMMIT,
                        null);
            case "end":
                return transaction(plan, TransactionOp.COMMIT, null);
            case "abort":
                return transaction(plan, TransactionOp.ROLLBACK, null);
            case "rollback":
                return rollback(plan);
            case "savepoint":
                return transaction(plan, TransactionOp.SAVEPOINT, name(1));
            case "release":
                return transaction(plan, TransactionOp.RELEASE_SAVEPOINT,
                        name("savepoint".equals(word(1)) ? 2 : 1));
            case "prepare":
                // PREPARE TRANSACTION is two-phase commit; PREPARE name AS ... is a prepared statement.
                return "transaction".equals(word(1)) && transaction(plan, TransactionOp.TWO_PHASE, null);
            case "set":
                plan.kind = StatementKind.SET;
                String w1 = word(1);
                plan.setLocal = "local".equals(w1) || "transaction".equals(w1) || "constraints".equals(w1);
                return true;
            case "reset":
            case "discard":
                plan.kind = StatementKind.SET;
                return true;
            case "show":
                plan.kind = StatementKind.UTILITY;
                return true;
            case "create":
            case "alter":
            case "drop":
            case "truncate":
            case "comment":
            case "grant":
            case "revoke":
                ddl(plan, lookup, w0);
                return true;
            default:
                return false;
        }
    }

    private boolean transaction(PlanBuilder plan, TransactionOp op, String savepoint) {
        plan.kind = StatementKind.TRANSACTION;
        plan.transactionOp = op;
        plan.savepointName = savepoint;
        return true;
    }

    private boolean rollback(PlanBuilder plan) {
        if ("prepared".equals(word(1))) {
            return transaction(plan, TransactionOp.TWO_PHASE, null);
        }
        int i = 1;
        if ("work".equals(word(i)) || "transaction".equals(word(i))) {
            i++;
        }
        if ("to".equals(word(i))) {
            i++;
            if ("savepoint".equals(word(i))) {
                i++;
            }
            return transaction(plan, TransactionOp.ROLLBACK_TO_SAVEPOINT, name(i));
        }
        return transaction(plan, TransactionOp.ROLLBACK, null);
    }

    private void ddl(PlanBuilder plan, TableLookup lookup, String w0) {
        plan.kind = StatementKind.DDL;
        plan.ddlOp = DdlOp.OTHER;
        int i = 1;
        if (w0.equals("create")) {
            i = skip(i, "or", "replace", "global", "local", "temp", "temporary", "unlogged");
            if ("table".equals(word(i))) {
                plan.ddlOp = DdlOp.CREATE_TABLE;
                i = skipIfNotExists(i + 1);
                TokenNames.Name n = TokenNames.read(sql, tokens, from + i, to);
                if (n != null) {
                    plan.tables.add(n.normalized());
                    int as = topLevelWord(n.next() - from, "as");
                    if (as >= 0) {
                        refuseCopyOfDistributed(plan, lookup, as, "CREATE TABLE " + n.normalized() + " AS");
                    }
                }
                return;
            }
            if ("materialized".equals(word(i)) && "view".equals(word(i + 1))) {
                int as = topLevelWord(i + 2, "as");
                if (as >= 0) {
                    refuseCopyOfDistributed(plan, lookup, as, "CREATE MATERIALIZED VIEW");
                }
                if (plan.refusal != null) {
                    return;
                }
            }
            i = skip(i, "unique");
            if ("index".equals(word(i))) {
                // CREATE INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table
                while (i < to - from && !"on".equals(word(i))) {
                    i++;
                }
                addName(plan, skip(i + 1, "only"));
            }
        } else if (w0.equals("drop") && "table".equals(word(1))) {
            plan.ddlOp = DdlOp.DROP_TABLE;
            i = skip(2, "if", "exists");
            while (true) {
                TokenNames.Name n = TokenNames.read(sql, tokens, from + i, to);
                if (n == null) {
                    break;
                }
                plan.tables.add(n.normalized());
                i = n.next() - from;
                if (i < to - from && tokens.get(from + i).kind() == Kind.COMMA) {
                    i++;
                } else {
                    break;
                }
            }
            return;
        } else if (w0.equals("alter") && "table".equals(word(1))) {
            addName(plan, skip(2, "if", "exists", "only"));
        } else if (w0.equals("truncate")) {
            plan.writes = true;
            i = skip(1, "table", "only");
            while (true) {
                TokenNames.Name n = TokenNames.read(sql, tokens, from + i, to);
                if (n == null) {
                    break;
                }
                plan.tables.add(n.normalized());
                i = n.next() - from;
                if (i < to - from && tokens.get(from + i).kind() == Kind.OP) {
                    i++; // TRUNCATE t * (descendants)
                }
                if (i < to - from && tokens.get(from + i).kind() == Kind.COMMA) {
                    i = skip(i + 1, "only");
                } else {
                    break;
                }
            }
        }
        plan.tables.addAll(TokenNames.declared(sql, tokens, from, to, lookup));
    }

    /**
     * A statement that fills a new relation from a query runs on every group (DDL), so each group
     * would build it from its own rows of a distributed table only, and the new, undeclared
     * relation would later be read on the home group alone: a silently wrong copy. Refused (the
     * plan becomes a routable UTILITY that the router refuses with {@code 0A000}).
     */
    private void refuseCopyOfDistributed(PlanBuilder plan, TableLookup lookup, int queryStart, String what) {
        for (String t : TokenNames.declared(sql, tokens, from + queryStart, to, lookup)) {
            TableInfo info = lookup.find(t);
            if (info != null && info.isDistributed()) {
                plan.tables.add(t);
                plan.kind = StatementKind.UTILITY;
                plan.ddlOp = null;
                plan.refusal = what + " ... reads distributed table " + t + ", whose rows are spread over the"
                        + " groups: every group would build its copy from its own rows only. Create the table"
                        + " with a column list, declare it (synapse.distribute_table or synapse.reference_table)"
                        + " and insert the rows with INSERT ... VALUES";
                return;
            }
        }
    }

    /** Relative index of {@code w} outside parentheses from relative index {@code i}, or -1. */
    private int topLevelWord(int i, String w) {
        int depth = tokens.get(from).depth();
        for (int k = i; k < to - from; k++) {
            Token t = tokens.get(from + k);
            if (t.depth() == depth && t.kind() == Kind.WORD && w.equals(SqlLexer.word(sql, t))) {
                return k;
            }
        }
        return -1;
    }

    private void addName(PlanBuilder plan, int i) {
        TokenNames.Name n = TokenNames.read(sql, tokens, from + i, to);
        if (n != null) {
            plan.tables.add(n.normalized());
        }
    }

    private int skipIfNotExists(int i) {
        if ("if".equals(word(i)) && "not".equals(word(i + 1)) && "exists".equals(word(i + 2))) {
            return i + 3;
        }
        return i;
    }

    /** Skips any of the words, in any order, from relative token {@code i}. */
    private int skip(int i, String... words) {
        outer:
        while (true) {
            String w = word(i);
            for (String s : words) {
                if (s.equals(w)) {
                    i++;
                    continue outer;
                }
            }
            return i;
        }
    }

    /** Lower-case word at relative index {@code i}, or null. */
    private String word(int i) {
        int at = from + i;
        return at < to ? SqlLexer.word(sql, tokens.get(at)) : null;
    }

    /** A normalised identifier at relative index {@code i}, or null. */
    private String name(int i) {
        int at = from + i;
        if (at >= to) {
            return null;
        }
        Token t = tokens.get(at);
        return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENT ? Names.identifier(t.text(sql)) : null;
    }
}
