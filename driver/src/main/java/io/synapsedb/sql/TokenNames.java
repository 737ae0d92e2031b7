package io.synapsedb.sql;

import io.synapsedb.catalog.TableLookup;
import io.synapsedb.core.Sql;
import io.synapsedb.sql.SqlLexer.Kind;
import io.synapsedb.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads (possibly qualified) names from tokens, for statements the parser does not read. */
final class TokenNames {

    /** A name and the index of the token after it. */
    record Name(String normalized, int next) { }

    private TokenNames() {
    }

    /** The qualified name starting at token {@code i}, or null when no identifier is there. */
    static Name read(String sql, List<Token> tokens, int i, int to) {
        List<String> parts = new ArrayList<>(3);
        while (i < to && (tokens.get(i).kind() == Kind.WORD || tokens.get(i).kind() == Kind.QUOTED_IDENT)) {
            parts.add(tokens.get(i).text(sql));
            i++;
            if (i + 1 < to && tokens.get(i).kind() == Kind.DOT) {
                i++;
            } else {
                break;
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        int n = parts.size();
        String name = n == 1 ? Sql.identifier(parts.get(0)) : Sql.tableName(parts.get(n - 2), parts.get(n - 1));
        return new Name(name, i);
    }

    /** Called for each (possibly qualified) name in a token range, with the index of its first token. */
    @FunctionalInterface
    interface NameVisitor {
        void visit(Name name, int at);
    }

    /** Visits every (possibly qualified) name in tokens [from, to), left to right. */
    static void forEachName(String sql, List<Token> tokens, int from, int to, NameVisitor visitor) {
        int i = from;
        while (i < to) {
            Kind k = tokens.get(i).kind();
            if (k == Kind.WORD || k == Kind.QUOTED_IDENT) {
                Name name = read(sql, tokens, i, to);
                visitor.visit(name, i);
                i = name.next();
            } else {
                i++;
            }
        }
    }

    /**
     * Every name in tokens [from, to) that the catalog declares: how the analyser tells whether SQL
     * it cannot read touches a distributed or reference table.
     */
    static Set<String> declared(String sql, List<Token> tokens, int from, int to, TableLookup lookup) {
        Set<String> out = new LinkedHashSet<>();
        forEachName(sql, tokens, from, to, (name, at) -> {
            if (lookup.find(name.normalized()) != null) {
                out.add(name.normalized());
            } else if (name.next() > at + 1) {
                // "o.customer_id" is no table, but "orders" alone before a dot may be one.
                String first = Sql.identifier(tokens.get(at).text(sql));
                if (lookup.find(first) != null) {
                    out.add(first);
                }
            }
        });
        return out;
    }
}
