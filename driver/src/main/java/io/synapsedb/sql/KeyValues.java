package io.synapsedb.sql;

import java.util.Locale;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;

/**
 * Reads a shard-key value from an expression: an integer or string literal, {@code NULL}, or a
 * JDBC parameter, also through casts ({@code '..'::uuid}, {@code CAST(? AS bigint)}) and signs.
 * Anything else (a column, a function, arithmetic) is not a value the router can use.
 */
final class KeyValues {

    private KeyValues() {
    }

    /** The value, or {@code null} when the expression is not a literal or a parameter. */
    static KeyRef of(Expression e) {
        if (e instanceof JdbcParameter p) {
            return p.isUseFixedIndex() || p.getIndex() == null ? null : new KeyRef.Param(p.getIndex());
        }
        if (e instanceof LongValue l) {
            try {
                return new KeyRef.Literal(l.getValue());
            } catch (NumberFormatException | ArithmeticException tooBig) {
                return null; // not a valid value of any key type anyway
            }
        }
        if (e instanceof StringValue s) {
            String prefix = s.getPrefix();
            if (prefix != null && !(prefix.equalsIgnoreCase("E") && s.getValue().indexOf('\\') < 0)) {
                return null; // bit strings, unicode escapes, backslash escapes: not worth guessing
            }
            return new KeyRef.Literal(s.getValue().replace("''", "'"));
        }
        if (e instanceof NullValue) {
            return new KeyRef.Literal(null);
        }
        if (e instanceof SignedExpression s && s.getExpression() instanceof LongValue) {
            KeyRef inner = of(s.getExpression());
            if (s.getSign() == '-' && inner instanceof KeyRef.Literal lit && lit.value() instanceof Long v) {
                return new KeyRef.Literal(-v);
            }
            return s.getSign() == '+' ? inner : null;
        }
        if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return of(list.get(0));
        }
        if (e instanceof CastExpression c) {
            return cast(of(c.getLeftExpression()), c.getColDataType().getDataType());
        }
        return null;
    }

    /** Applies a cast to a literal so it has the Java type the key's hash expects. */
    private static KeyRef cast(KeyRef inner, String type) {
        if (!(inner instanceof KeyRef.Literal lit) || lit.value() == null) {
            return inner; // parameters keep their index; the driver converts the bound value
        }
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT).trim();
        if (t.endsWith("[]")) {
            return null;
        }
        boolean integer = t.equals("int") || t.equals("int2") || t.equals("int4") || t.equals("int8")
                || t.equals("integer") || t.equals("smallint") || t.equals("bigint");
        boolean text = t.equals("text") || t.equals("varchar") || t.startsWith("character varying")
                || t.startsWith("varchar(") || t.equals("uuid");
        if (integer) {
            if (lit.value() instanceof Long) {
                return lit;
            }
            try {
                return new KeyRef.Literal(Long.parseLong(((String) lit.value()).trim()));
            } catch (NumberFormatException notAnInteger) {
                return null;
            }
        }
        if (text) {
            return new KeyRef.Literal(String.valueOf(lit.value()));
        }
        return null; // a cast to another type changes the value in ways we do not model
    }
}
