package io.synapsedb.sql;

import io.synapsedb.catalog.TableInfo;
import io.synapsedb.catalog.TableLookup;
import io.synapsedb.core.Sql;
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
                if ("transaction".equals(word(1))) {
                    return transaction(plan, TransactionOp.TWO_PHASE, null);
                }
                sessionObjectCreate(plan, lookup, SessionObject.Type.PREPARED_STATEMENT, topLevelWord(2, "as"));
                return true;
            case "execute":
                plan.opaque("EXECUTE " + name(1) + " runs a prepared statement this connection did not PREPARE on the"
                        + " home group from a statement the driver could read");
                plan.sessionObject = new SessionObject(SessionObject.Type.PREPARED_STATEMENT, name(1),
                        SessionObject.Action.USE);
                return true;
            case "deallocate":
                sessionObjectDrop(plan, SessionObject.Type.PREPARED_STATEMENT, skip(1, "prepare"));
                return true;
            case "declare":
                sessionObjectCreate(plan, lookup, SessionObject.Type.CURSOR, topLevelWord(2, "for"));
                return true;
            case "fetch":
            case "move":
                String cursor = name(to - from - 1);
                plan.opaque(w0.toUpperCase(java.util.Locale.ROOT) + " from cursor " + cursor + ", which this connection"
                        + " did not DECLARE on the home group from a query the driver could read");
                plan.sessionObject = new SessionObject(SessionObject.Type.CURSOR, cursor, SessionObject.Action.USE);
                return true;
            case "close":
                sessionObjectDrop(plan, SessionObject.Type.CURSOR, 1);
                return true;
            case "do":
                plan.opaque("a DO block runs code the driver cannot read");
                return true;
            case "call":
                plan.opaque("CALL runs a procedure whose statements the driver cannot see");
                return true;
            case "set":
                plan.kind = StatementKind.SET;
                String w1 = word(1);
                plan.setLocal = "local".equals(w1) || "transaction".equals(w1) || "constraints".equals(w1);
                plan.refusal = setRefusal(skip(1, "session", "local"));
                return true;
            case "reset":
            case "discard":
                plan.kind = StatementKind.SET;
                return true;
            case "show":
                plan.kind = StatementKind.UTILITY;
                return true;
            case "alter":
                String w = word(1);
                if ("role".equals(w) || "user".equals(w) || "database".equals(w) || "system".equals(w)) {
                    // ALTER ROLE/DATABASE ... SET x = v: the default of every later session, pooled ones included.
                    for (int k = 2; k < to - from && plan.refusal == null; k++) {
                        if ("set".equals(word(k))) {
                            plan.refusal = setRefusal(k + 1);
                        }
                    }
                }
                ddl(plan, lookup, w0);
                return true;
            case "create":
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

    /**
     * {@code name {TO|=} value, ...} (or {@code SCHEMA 'value'}) at relative index {@code i}: why
     * the change is refused ({@link SessionSettings}), or null.
     */
    private String setRefusal(int i) {
        String setting = name(i);
        if (setting == null) {
            return null;
        }
        if (setting.equals("schema")) {
            setting = SessionSettings.SEARCH_PATH; // SET SCHEMA 'x' is SET search_path TO 'x'
        } else if ("to".equals(word(i + 1)) || (i + 1 < to - from && tokens.get(from + i + 1).kind() == Kind.OP)) {
            i++; // TO or =
        } else {
            return null; // SET ROLE, SET TIME ZONE, SET TRANSACTION ...: not a guarded setting
        }
        if (!SessionSettings.guarded(setting)) {
            return null;
        }
        List<String> values = new java.util.ArrayList<>();
        for (int k = from + i + 1; k < to; k++) {
            Token t = tokens.get(k);
            if (t.kind() == Kind.COMMA) {
                continue;
            }
            String plain = Hazards.plainString(sql, t);
            values.add(plain != null ? plain : t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENT
                    ? Sql.identifier(t.text(sql)) : t.text(sql));
        }
        return SessionSettings.refusal(setting, values);
    }

    /**
     * {@code PREPARE name ... AS statement} or {@code DECLARE name ... FOR query}, whose statement
     * starts after relative index {@code keyword}: allowed on the home group when that statement
     * touches no declared table (the connection then remembers the name), else opaque.
     */
    private void sessionObjectCreate(PlanBuilder plan, TableLookup lookup, SessionObject.Type type, int keyword) {
        String name = name(1);
        String what = type == SessionObject.Type.CURSOR ? "DECLARE " + name : "PREPARE " + name;
        if (keyword < 0 || from + keyword + 1 >= to) {
            plan.opaque(what + " has no statement the driver can read");
            return;
        }
        String inner = sql.substring(tokens.get(from + keyword + 1).start(), tokens.get(to - 1).end());
        StatementPlan p = StatementAnalysis.analyze(inner, lookup, plan.catalogVersion);
        plan.tables.addAll(p.tables());
        String why = StatementAnalysis.notHomeSafe(p);
        if (p.refusal() != null) {
            plan.refusal = p.refusal();
        } else if (why != null) {
            plan.opaque(what + ": its statement " + why + ", and the " + (type == SessionObject.Type.CURSOR ? "cursor"
                    : "prepared statement") + " would live on one group; use a JDBC "
                    + (type == SessionObject.Type.CURSOR ? "result set with a fetch size" : "PreparedStatement"));
        } else {
            plan.kind = StatementKind.UTILITY;
            plan.sessionObject = new SessionObject(type, name, SessionObject.Action.CREATE);
        }
    }

    /** {@code DEALLOCATE [PREPARE] name|ALL}, {@code CLOSE name|ALL} with the name at relative index {@code i}. */
    private void sessionObjectDrop(PlanBuilder plan, SessionObject.Type type, int i) {
        plan.kind = StatementKind.UTILITY;
        plan.sessionObject = new SessionObject(type, "all".equals(word(i)) ? null : name(i), SessionObject.Action.DROP);
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
            if ("view".equals(word(skip(i, "recursive")))) {
                int as = topLevelWord(i + 1, "as");
                if (as >= 0) {
                    refuseOverDeclared(plan, lookup, as, "a view");
                }
            } else if ("rule".equals(word(i))) {
                int action = topLevelWord(i + 1, "do");
                if (action >= 0) {
                    refuseOverDeclared(plan, lookup, action, "a rule");
                }
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
            int at = skip(2, "if", "exists", "only");
            addName(plan, at);
            alterDeclared(plan, lookup, at);
        } else if ((w0.equals("alter") || w0.equals("drop")) && "schema".equals(word(1))) {
            refuseSchemaWithDeclared(plan, lookup, skip(2, "if", "exists"), w0.equals("alter"));
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
     * A view or rule over a declared table would be read (or fire) on the home group alone, since
     * its own name is undeclared: it would see and change only that group's rows of a distributed
     * table, or only the home group's copy of a reference table. Refused.
     */
    private void refuseOverDeclared(PlanBuilder plan, TableLookup lookup, int bodyStart, String what) {
        for (String t : TokenNames.declared(sql, tokens, from + bodyStart, to, lookup)) {
            plan.tables.add(t);
            plan.refusal = what + " over declared table " + t + " is not supported: its name is not declared, so"
                    + " statements on it would run on the home group alone and see or change only that group's"
                    + " rows of " + t + ". Query " + t + " directly";
            return;
        }
    }

    /**
     * {@code ALTER TABLE t ...} of a declared table, the name at relative index {@code at}: a rename
     * of the table or of its shard key, a move to another schema and partition surgery would leave
     * the catalog naming what no longer exists. Refused.
     */
    private void alterDeclared(PlanBuilder plan, TableLookup lookup, int at) {
        TokenNames.Name n = TokenNames.read(sql, tokens, from + at, to);
        TableInfo info = n == null ? null : lookup.find(n.normalized());
        if (info == null) {
            return;
        }
        for (int k = n.next() - from; k < to - from; k++) {
            String w = word(k);
            String why = null;
            if ("rename".equals(w) && "to".equals(word(k + 1))) {
                why = "renaming it";
            } else if ("rename".equals(w)) {
                int c = skip(k + 1, "column");
                String column = name(c);
                if (info.isDistributed() && info.shardKey().equals(column) && "to".equals(word(c + 1))) {
                    why = "renaming its shard key " + column;
                }
            } else if ("set".equals(w) && "schema".equals(word(k + 1))) {
                why = "moving it to another schema";
            } else if (("detach".equals(w) || "attach".equals(w)) && "partition".equals(word(k + 1))) {
                why = "attaching or detaching partitions";
            } else if ("inherit".equals(w)) {
                why = "changing its inheritance";
            }
            if (why != null) {
                plan.refusal = "ALTER TABLE " + info.name() + ": " + why + " is not supported for a declared table, whose"
                        + " name, shard key and partitions the catalog records; undeclare it first"
                        + " (SELECT synapse.undistribute_table('" + info.name() + "')) or create a new table";
                return;
            }
        }
    }

    /** {@code ALTER SCHEMA s RENAME} / {@code DROP SCHEMA s, ...} of a schema holding declared tables. */
    private void refuseSchemaWithDeclared(PlanBuilder plan, TableLookup lookup, int i, boolean alter) {
        while (i < to - from) {
            String schema = name(i);
            if (schema == null) {
                return;
            }
            List<String> declared = lookup.inSchema(schema);
            if (!declared.isEmpty() && (!alter || "rename".equals(word(i + 1)))) {
                plan.refusal = (alter ? "renaming" : "dropping") + " schema " + schema + " is not supported while it"
                        + " holds declared table " + declared.get(0) + "; drop or undeclare its declared tables first";
                return;
            }
            if (alter || i + 1 >= to - from || tokens.get(from + i + 1).kind() != Kind.COMMA) {
                return;
            }
            i += 2;
        }
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
        return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENT ? Sql.identifier(t.text(sql)) : null;
    }
}
