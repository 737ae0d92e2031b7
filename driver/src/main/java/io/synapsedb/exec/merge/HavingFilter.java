package io.synapsedb.exec.merge;

import io.synapsedb.route.ParamSource;
import io.synapsedb.sql.MergePlan;
import io.synapsedb.sql.MergePlan.Having;
import io.synapsedb.sql.MergePlan.Operand;
import java.math.BigDecimal;
import java.sql.SQLException;

/** Evaluates a HAVING condition on combined rows with SQL's three-valued logic. */
public final class HavingFilter {

    private final Having having;
    private final ParamSource params;

    public HavingFilter(Having having, ParamSource params) {
        this.having = having;
        this.params = params;
    }

    /** True when the row is kept (the condition is true, not false or unknown). */
    public boolean keeps(Object[] row) throws SQLException {
        return Boolean.TRUE.equals(eval(having, row));
    }

    private Boolean eval(Having h, Object[] row) throws SQLException {
        if (h instanceof MergePlan.And and) {
            Boolean result = Boolean.TRUE;
            for (Having p : and.parts()) {
                Boolean v = eval(p, row);
                if (Boolean.FALSE.equals(v)) {
                    return false;
                }
                if (v == null) {
                    result = null;
                }
            }
            return result;
        }
        if (h instanceof MergePlan.Or or) {
            Boolean result = Boolean.FALSE;
            for (Having p : or.parts()) {
                Boolean v = eval(p, row);
                if (Boolean.TRUE.equals(v)) {
                    return true;
                }
                if (v == null) {
                    result = null;
                }
            }
            return result;
        }
        if (h instanceof MergePlan.Not not) {
            Boolean v = eval(not.part(), row);
            return v == null ? null : !v;
        }
        if (h instanceof MergePlan.IsNull isNull) {
            return (value(isNull.operand(), row) == null) != isNull.negated();
        }
        MergePlan.Compare c = (MergePlan.Compare) h;
        Object l = value(c.left(), row);
        Object r = value(c.right(), row);
        if (l == null || r == null) {
            return null;
        }
        int cmp = compare(l, r);
        switch (c.op()) {
            case "=":
                return cmp == 0;
            case "<>":
                return cmp != 0;
            case "<":
                return cmp < 0;
            case "<=":
                return cmp <= 0;
            case ">":
                return cmp > 0;
            default:
                return cmp >= 0;
        }
    }

    private static int compare(Object l, Object r) throws SQLException {
        // A numeric literal compared with text (or the reverse) compares as numbers, as PostgreSQL
        // would after coercing the unknown-typed literal.
        if (l instanceof Number && r instanceof String s) {
            return ValueOrder.compare(l, new BigDecimal(s.trim()));
        }
        if (l instanceof String s && r instanceof Number) {
            return ValueOrder.compare(new BigDecimal(s.trim()), r);
        }
        return ValueOrder.compare(l, r);
    }

    private Object value(Operand o, Object[] row) throws SQLException {
        if (o instanceof MergePlan.ColumnOperand c) {
            return row[c.column() - 1];
        }
        if (o instanceof MergePlan.ConstantOperand k) {
            return k.value();
        }
        return params.get(((MergePlan.ParamOperand) o).index());
    }
}
