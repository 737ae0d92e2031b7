package io.synapsedb.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;

/**
 * Rebuilds a boolean condition with PostgreSQL's precedence. JSqlParser 5.3 (issues #2244, #2282,
 * #2356; fixed in 5.4) lets the right side of {@code IN (...)} and of {@code ->} / {@code ->>}
 * swallow the rest of the condition: {@code k = 5 AND x IN (1) OR true} comes back as
 * {@code k = 5 AND x IN ((1) OR true)}, which would wrongly bound k. The operands and the
 * AND / OR operators are still in textual order, so the condition is flattened to that sequence
 * and regrouped (AND before OR). Parenthesised parts are separate groups, repaired when read.
 */
final class BooleanRepair {

    private static final String AND = "AND";
    private static final String OR = "OR";

    private BooleanRepair() {
    }

    /**
     * The condition with correct precedence (the same object when nothing was wrong), or
     * {@code null} when it holds a boolean operator in a place the repair does not understand;
     * the caller must then not read conjuncts from it.
     */
    static Expression repair(Expression e) {
        boolean misparsed = !sameShape(e);
        List<Object> sequence = new ArrayList<>();
        linearize(e, sequence);
        List<Expression> ors = new ArrayList<>();
        Expression and = null;
        for (int i = 0; i < sequence.size(); i += 2) {
            Expression operand = (Expression) sequence.get(i);
            if (hidesLogical(operand)) {
                return null;
            }
            and = and == null ? operand : new AndExpression(and, operand);
            if (i + 1 >= sequence.size() || sequence.get(i + 1) == OR) {
                ors.add(and);
                and = null;
            }
        }
        if (!misparsed) {
            return e;
        }
        Expression out = ors.get(0);
        for (int i = 1; i < ors.size(); i++) {
            out = new OrExpression(out, ors.get(i));
        }
        return out;
    }

    /** False when the tree has a misparsed node (then the rebuilt tree is used). */
    private static boolean sameShape(Expression e) {
        if (e instanceof AndExpression || e instanceof OrExpression || e instanceof XorExpression) {
            BinaryExpression b = (BinaryExpression) e;
            return sameShape(b.getLeftExpression()) && sameShape(b.getRightExpression());
        }
        return misparsedTail(e) == null && !(e instanceof NotExpression n && misparsedTail(n.getExpression()) != null);
    }

    private static void linearize(Expression e, List<Object> out) {
        if (e instanceof AndExpression || e instanceof OrExpression || e instanceof XorExpression) {
            BinaryExpression b = (BinaryExpression) e;
            linearize(b.getLeftExpression(), out);
            out.add(e instanceof AndExpression ? AND : OR);
            linearize(b.getRightExpression(), out);
            return;
        }
        if (e instanceof NotExpression not && misparsedTail(not.getExpression()) != null) {
            // NOT binds tighter than AND: it applies to the first operand only.
            int at = out.size();
            linearize(not.getExpression(), out);
            NotExpression first = new NotExpression((Expression) out.get(at), not.isExclamationMark());
            out.set(at, first);
            return;
        }
        Expression tail = misparsedTail(e);
        if (tail == null) {
            out.add(e);
            return;
        }
        int at = out.size();
        linearize(tail, out);
        out.set(at, reattach(e, (Expression) out.get(at)));
    }

    /** The swallowed expression of a misparsed IN / JSON node, or null. */
    private static Expression misparsedTail(Expression e) {
        if (e instanceof InExpression in && isLogical(in.getRightExpression())) {
            return in.getRightExpression();
        }
        if (e instanceof JsonExpression json && !json.getIdentList().isEmpty()) {
            Expression last = json.getIdentList().get(json.getIdentList().size() - 1).getKey();
            // A chain a -> 'x' ->> 'y' nests: the inner node may be the one that swallowed.
            if (last instanceof BinaryExpression || last instanceof InExpression
                    || (last instanceof JsonExpression && misparsedTail(last) != null)) {
                return last;
            }
        }
        return null;
    }

    /** Puts the misparsed node back around the first operand of its swallowed tail. */
    private static Expression reattach(Expression node, Expression firstOperand) {
        if (node instanceof InExpression in) {
            InExpression fixed = new InExpression(in.getLeftExpression(), firstOperand);
            fixed.setNot(in.isNot());
            fixed.setGlobal(in.isGlobal());
            return fixed;
        }
        JsonExpression json = (JsonExpression) node;
        // The JSON operator binds tighter than any comparison: its real operand is the leftmost leaf.
        BinaryExpression parent = null;
        Expression leaf = firstOperand;
        while (leaf instanceof BinaryExpression b && !isLogical(b)) {
            parent = b;
            leaf = b.getLeftExpression();
        }
        List<Map.Entry<Expression, String>> idents = new ArrayList<>(json.getIdentList());
        Map.Entry<Expression, String> last = idents.remove(idents.size() - 1);
        idents.add(Map.entry(leaf, last.getValue()));
        JsonExpression fixed = new JsonExpression(json.getExpression(), idents);
        if (parent == null) {
            return fixed;
        }
        parent.setLeftExpression(fixed);
        return firstOperand;
    }

    /** A boolean operator where, outside parentheses, precedence forbids one: a misparse. */
    private static boolean hidesLogical(Expression e) {
        if (isLogical(e)) {
            return true;
        }
        if (e instanceof BinaryExpression b) {
            return hidesLogical(b.getLeftExpression()) || hidesLogical(b.getRightExpression());
        }
        if (e instanceof InExpression in) {
            return hidesLogical(in.getLeftExpression()) || isLogical(in.getRightExpression());
        }
        if (e instanceof NotExpression n) {
            return hidesLogical(n.getExpression());
        }
        if (e instanceof CastExpression c) {
            return hidesLogical(c.getLeftExpression());
        }
        if (e instanceof JsonExpression j) {
            for (Map.Entry<Expression, String> ident : j.getIdentList()) {
                if (hidesLogical(ident.getKey())) {
                    return true;
                }
            }
            return hidesLogical(j.getExpression());
        }
        return false;
    }

    private static boolean isLogical(Expression e) {
        return e instanceof AndExpression || e instanceof OrExpression || e instanceof XorExpression;
    }
}
