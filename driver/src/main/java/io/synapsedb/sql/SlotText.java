package io.synapsedb.sql;

import io.synapsedb.catalog.CatalogManager;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.catalog.TableLookup;
import io.synapsedb.core.Sql;
import io.synapsedb.sql.SqlLexer.Kind;
import io.synapsedb.sql.SqlLexer.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * The statement's text addressed to one slot's partitions ("direct partitions"): every reference
 * to a distributed table names the slot's partition {@code <relname>_s<slot>} instead of the
 * partitioned parent, aliased to the parent's name when the reference had no alias, so that
 * {@code orders.col} keeps resolving. A generic plan on the parent locks and initialises every
 * partition of the group; a plan on one partition costs what a plain table costs.
 *
 * <p>Built only when every reference could be located exactly: each distributed {@link Table} of
 * the parse tree must point at lexer tokens spelling its name, and no other token may spell a
 * distributed table's name unless it qualifies a column ({@code orders.col}). Anything else (a CTE
 * or column that shares the name, {@code ONLY}, {@code TABLE t}, {@code ON CONFLICT ON CONSTRAINT},
 * a name PostgreSQL would truncate) leaves the statement on the parent. Texts are built lazily,
 * once per slot, and are then shared by every execution.
 */
final class SlotText {

    private final String sql;
    /** Per reference, in text order: where its table-name token starts and ends. */
    private final int[] nameStarts;
    private final int[] nameEnds;
    /** Per reference: the partitions' base name (the table's relname). */
    private final String[] relnames;
    /** Per reference: the name was a quoted identifier. */
    private final boolean[] quoted;
    /** Per reference: {@code " AS <name as written>"}, or empty when the reference has an alias. */
    private final String[] aliases;
    private final AtomicReferenceArray<String> bySlot;

    private SlotText(String sql, List<int[]> spans, List<String> relnames, List<Boolean> quoted, List<String> aliases,
            int slots) {
        this.sql = sql;
        int n = spans.size();
        this.nameStarts = new int[n];
        this.nameEnds = new int[n];
        this.relnames = relnames.toArray(new String[0]);
        this.quoted = new boolean[n];
        this.aliases = aliases.toArray(new String[0]);
        for (int i = 0; i < n; i++) {
            nameStarts[i] = spans.get(i)[0];
            nameEnds[i] = spans.get(i)[1];
            this.quoted[i] = quoted.get(i);
        }
        this.bySlot = new AtomicReferenceArray<>(slots);
    }

    /** The text for {@code slot}, or {@code null} when the slot is out of range. */
    String text(int slot) {
        if (slot < 0 || slot >= bySlot.length()) {
            return null;
        }
        String s = bySlot.get(slot);
        if (s == null) {
            // Two threads may render the same text at once; either result is the same string.
            s = render(slot);
            bySlot.set(slot, s);
        }
        return s;
    }

    private String render(int slot) {
        StringBuilder sb = new StringBuilder(sql.length() + nameStarts.length * 24);
        int at = 0;
        for (int i = 0; i < nameStarts.length; i++) {
            sb.append(sql, at, nameStarts[i]);
            String partition = CatalogManager.partitionName(relnames[i], slot);
            if (quoted[i]) {
                sb.append(Sql.ident(partition));
            } else {
                // An unquoted name folds to lower case, as the relname does.
                sb.append(sql, nameStarts[i], nameEnds[i]).append(partition, relnames[i].length(), partition.length());
            }
            sb.append(aliases[i]);
            at = nameEnds[i];
        }
        return sb.append(sql, at, sql.length()).toString();
    }

    /**
     * The slot texts of a parsed SELECT/INSERT/UPDATE/DELETE, or {@code null} when its distributed
     * table references cannot all be replaced exactly.
     *
     * @param sql the text as written (offsets equal those of the parser's text)
     * @param tokens the lexer tokens of {@code sql}
     */
    static SlotText of(String sql, List<Token> tokens, Statement statement, TableLookup lookup) {
        List<Table> refs = distributedTables(statement, lookup);
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        int[] lineStarts = lineStarts(sql);
        List<int[]> spans = new ArrayList<>();
        List<String> relnames = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        int slots = -1;
        boolean[] nameToken = new boolean[tokens.size()];
        List<String> distributedRelnames = new ArrayList<>();
        for (Table t : refs) {
            TableInfo info = lookup.find(Names.table(t));
            if (slots < 0) {
                slots = info.slots();
            } else if (slots != info.slots()) {
                return null;
            }
            String relname = relname(info.name());
            String longest = CatalogManager.partitionName(relname, info.slots() - 1);
            if (longest.getBytes(StandardCharsets.UTF_8).length > io.synapsedb.core.Sql.MAX_IDENTIFIER_BYTES) {
                return null;
            }
            int nameIndex = locate(sql, tokens, lineStarts, t);
            if (nameIndex < 0 || !relname.equals(Sql.identifier(tokens.get(nameIndex).text(sql)))) {
                return null;
            }
            nameToken[nameIndex] = true;
            Token name = tokens.get(nameIndex);
            spans.add(new int[] {name.start(), name.end()});
            relnames.add(relname);
            quoted.add(name.kind() == Kind.QUOTED_IDENT);
            aliases.add(t.getAlias() != null ? "" : " AS " + name.text(sql));
            if (!distributedRelnames.contains(relname)) {
                distributedRelnames.add(relname);
            }
        }
        if (!onlyReferencesAndQualifiers(sql, tokens, nameToken, distributedRelnames) || onConflictOnConstraint(sql,
                tokens)) {
            return null;
        }
        // Text order, so that rendering copies the text front to back.
        Integer[] order = new Integer[spans.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(spans.get(a)[0], spans.get(b)[0]));
        List<int[]> s = new ArrayList<>();
        List<String> r = new ArrayList<>();
        List<Boolean> q = new ArrayList<>();
        List<String> a = new ArrayList<>();
        for (int i : order) {
            s.add(spans.get(i));
            r.add(relnames.get(i));
            q.add(quoted.get(i));
            a.add(aliases.get(i));
        }
        return new SlotText(sql, s, r, q, a, slots);
    }

    /** Every distributed table reference of the parse tree, once each; null when the walk fails. */
    private static List<Table> distributedTables(Statement statement, TableLookup lookup) {
        Set<Table> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Table> out = new ArrayList<>();
        TablesNamesFinder<Void> finder = new TablesNamesFinder<>() {
            @Override
            public <S> Void visit(Table table, S context) {
                if (seen.add(table)) {
                    out.add(table);
                }
                return super.visit(table, context);
            }
        };
        try {
            finder.getTables(statement);
        } catch (RuntimeException e) {
            return null; // a node the finder does not know: stay on the parent
        }
        List<Table> distributed = new ArrayList<>();
        for (Table t : out) {
            if (t.getName() == null) {
                continue;
            }
            if (t.getDatabaseName() != null && !t.getDatabaseName().isEmpty()) {
                return null;
            }
            TableInfo info = lookup.find(Names.table(t));
            if (info != null && info.isDistributed()) {
                distributed.add(t);
            }
        }
        return distributed;
    }

    /**
     * The index of the token that spells the table's name, checked against the lexer: the parse
     * node's first token must start a token whose text (and {@code schema .} before the name) is
     * the table's; else -1.
     */
    private static int locate(String sql, List<Token> tokens, int[] lineStarts, Table t) {
        Node node = t.getASTNode();
        if (node == null || node.jjtGetFirstToken() == null) {
            return -1;
        }
        net.sf.jsqlparser.parser.Token first = node.jjtGetFirstToken();
        if (first.beginLine < 1 || first.beginLine > lineStarts.length || first.beginColumn < 1) {
            return -1;
        }
        int offset = lineStarts[first.beginLine - 1] + first.beginColumn - 1;
        int i = tokenAt(tokens, offset);
        if (i < 0) {
            return -1;
        }
        if (i > 0) {
            Token before = tokens.get(i - 1);
            // ONLY t / TABLE t / t* change what the name means; leave those on the parent.
            if (before.isWord(sql, "only") || before.isWord(sql, "table")) {
                return -1;
            }
        }
        int name = i;
        if (t.getSchemaName() != null) {
            if (i + 2 >= tokens.size() || !isIdent(tokens.get(i)) || tokens.get(i + 1).kind() != Kind.DOT
                    || !Sql.identifier(tokens.get(i).text(sql)).equals(Sql.identifier(t.getSchemaName()))) {
                return -1;
            }
            name = i + 2;
        }
        Token n = tokens.get(name);
        if (!isIdent(n) || !Sql.identifier(n.text(sql)).equals(Sql.identifier(t.getName()))) {
            return -1;
        }
        if (name + 1 < tokens.size()) {
            Token after = tokens.get(name + 1);
            if (after.kind() == Kind.DOT || (after.kind() == Kind.OP && after.text(sql).startsWith("*"))) {
                return -1;
            }
        }
        return name;
    }

    /**
     * Every token that spells a distributed table's name is either a located reference or the
     * qualifier of a column ({@code orders.col}, not {@code s.orders.col}, which the alias would
     * hide); anything else (a CTE, a column or a whole-row value of that name) may mean the text
     * is not what the parse tree says, or that the partition's row type would show.
     */
    private static boolean onlyReferencesAndQualifiers(String sql, List<Token> tokens, boolean[] nameToken,
            List<String> relnames) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (nameToken[i] || !isIdent(t) || !relnames.contains(Sql.identifier(t.text(sql)))) {
                continue;
            }
            boolean qualifier = i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.DOT;
            boolean qualified = i > 0 && tokens.get(i - 1).kind() == Kind.DOT;
            if (!qualifier || qualified) {
                return false;
            }
        }
        return true;
    }

    /** {@code ON CONFLICT ON CONSTRAINT name}: the partition's constraint has another name. */
    private static boolean onConflictOnConstraint(String sql, List<Token> tokens) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).isWord(sql, "conflict") && tokens.get(i + 1).isWord(sql, "on")
                    && tokens.get(i + 2).isWord(sql, "constraint")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIdent(Token t) {
        return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENT;
    }

    private static String relname(String normalizedName) {
        int dot = normalizedName.indexOf('.');
        return dot < 0 ? normalizedName : normalizedName.substring(dot + 1);
    }

    private static int tokenAt(List<Token> tokens, int offset) {
        int lo = 0;
        int hi = tokens.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int start = tokens.get(mid).start();
            if (start < offset) {
                lo = mid + 1;
            } else if (start > offset) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Offsets where each line starts, counting {@code \n}, {@code \r\n} and {@code \r} as the parser does. */
    private static int[] lineStarts(String sql) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= sql.length() || sql.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        int[] out = new int[starts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = starts.get(i);
        }
        return out;
    }
}
