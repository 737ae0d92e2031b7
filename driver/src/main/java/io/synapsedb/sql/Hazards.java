package io.synapsedb.sql;

import io.synapsedb.catalog.CatalogManager;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.catalog.TableLookup;
import io.synapsedb.core.Sql;
import io.synapsedb.sql.SqlLexer.Kind;
import io.synapsedb.sql.SqlLexer.Token;
import java.util.List;

/**
 * Token-level checks for statements that PostgreSQL would read differently from the router, found
 * before any parsing: each one could make a node run something on rows or tables the route does not
 * cover. Any statement kind can carry them (DDL, SET, routed statements, SQL the parser cannot
 * read), and each is refused with {@code 0A000}.
 *
 * <ul>
 *   <li>{@code ONLY t} of a distributed table: on each group that is the empty partitioned parent,
 *       while on one PostgreSQL it is the whole table;</li>
 *   <li>the name of a slot's partition ({@code orders_s17}): the driver manages partitions, and
 *       to one PostgreSQL that table does not exist;</li>
 *   <li>{@code set_config} of a guarded setting ({@link SessionSettings}), or with a setting name
 *       the driver cannot read;</li>
 *   <li>{@code U&"..." UESCAPE}: an identifier whose escape character the driver does not
 *       decode.</li>
 * </ul>
 */
final class Hazards {

    private final String sql;
    private final List<Token> tokens;
    private final int from;
    private final int to;
    private final TableLookup lookup;
    private String refusal;

    private Hazards(String sql, List<Token> tokens, int from, int to, TableLookup lookup) {
        this.sql = sql;
        this.tokens = tokens;
        this.from = from;
        this.to = to;
        this.lookup = lookup;
    }

    /** Why the statement in tokens [from, to) is refused, or {@code null}. */
    static String check(String sql, List<Token> tokens, int from, int to, TableLookup lookup) {
        return new Hazards(sql, tokens, from, to, lookup).check();
    }

    private String check() {
        TokenNames.forEachName(sql, tokens, from, to, this::name);
        for (int i = from; i < to && refusal == null; i++) {
            Token t = tokens.get(i);
            if (t.isWord(sql, "set_config") && i + 1 < to && tokens.get(i + 1).kind() == Kind.LPAREN) {
                setConfig(i + 2);
            } else if (t.isWord(sql, "uescape") && i > from && tokens.get(i - 1).kind() == Kind.QUOTED_IDENT) {
                refusal = "U&\"...\" identifiers with UESCAPE are not supported: the driver could not tell which table"
                        + " the name means; write the identifier without UESCAPE";
            }
        }
        return refusal;
    }

    private void name(TokenNames.Name name, int at) {
        if (refusal != null) {
            return;
        }
        TableInfo parent = partitionParent(name.normalized());
        if (parent != null) {
            refusal = "table " + name.normalized() + " is a partition of distributed table " + parent.name()
                    + ", which the driver manages; name " + parent.name() + " instead";
            return;
        }
        TableInfo info = lookup.find(name.normalized());
        if (info != null && info.isDistributed() && at > from && tokens.get(at - 1).isWord(sql, "only")) {
            refusal = "ONLY " + info.name() + " is not supported: distributed table " + info.name() + " is a"
                    + " partitioned table on each group, and ONLY would name its empty parent there, not the rows;"
                    + " leave ONLY out";
        }
    }

    /**
     * The distributed table whose slot partition {@code normalized} names ({@code orders_s17},
     * {@code s.orders_s17}), or {@code null}.
     */
    private TableInfo partitionParent(String normalized) {
        int s = normalized.lastIndexOf("_s");
        if (s <= 0 || s + 2 >= normalized.length()) {
            return null;
        }
        String digits = normalized.substring(s + 2);
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return null;
            }
        }
        if (digits.length() > 9) {
            return null;
        }
        int slot = Integer.parseInt(digits);
        TableInfo info = lookup.find(normalized.substring(0, s));
        if (info == null || !info.isDistributed() || slot >= info.slots()) {
            return null;
        }
        String relname = Sql.relname(normalized);
        return relname.equals(CatalogManager.partitionName(Sql.relname(info.name()), slot)) ? info : null;
    }

    /** {@code set_config(name, value, is_local)} with its first argument at token {@code i}. */
    private void setConfig(int i) {
        Token arg = i < to ? tokens.get(i) : null;
        String name = arg == null ? null : plainString(sql, arg);
        if (name == null || i + 1 >= to || tokens.get(i + 1).kind() != Kind.COMMA) {
            refusal = "set_config with a setting name the driver cannot read is not supported: it could change "
                    + SessionSettings.CONFORMING_STRINGS + " or " + SessionSettings.SEARCH_PATH
                    + ", on which the driver's reading of SQL depends; write the name as a literal";
        } else if (SessionSettings.guarded(name)) {
            refusal = name.toLowerCase(java.util.Locale.ROOT).equals(SessionSettings.CONFORMING_STRINGS)
                    ? SessionSettings.conformingStrings() : SessionSettings.searchPath("with set_config");
        }
    }

    /** The value of a plain {@code '...'} literal, or {@code null} for any other token. */
    static String plainString(String sql, Token t) {
        if (t.kind() != Kind.STRING || sql.charAt(t.start()) != '\'' || t.end() - t.start() < 2
                || sql.charAt(t.end() - 1) != '\'') {
            return null;
        }
        return sql.substring(t.start() + 1, t.end() - 1).replace("''", "'");
    }
}
