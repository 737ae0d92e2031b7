package io.synapsedb.sql;

import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.Sql;
import io.synapsedb.sql.SqlLexer.Kind;
import io.synapsedb.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Values;

/**
 * The rows of an {@code INSERT ... VALUES} (or the mere fact of an {@code INSERT ... SELECT}) into
 * a distributed table. Rendering copies the application's own text span by span (found by the
 * lexer), so casts, quoting, comments and functions survive byte for byte; only the row list, the
 * key column and {@code OVERRIDING SYSTEM VALUE} change.
 */
final class ValuesInsertShape implements InsertShape {

    /** Where a row's key is missing, how render adds it. */
    private enum AddKey {
        /** The row says DEFAULT at the key's position: replaced by {@code ?}. */
        IN_PLACE,
        /** The column list omits the key: the key column and a value are appended. */
        APPEND_COLUMN,
        /** No column list and the rows stop before the key: pad with DEFAULT, then {@code ?}. */
        PAD
    }

    /** Text spans of one row: the parentheses, and each value. */
    private record RowSpan(int open, int close, int[] valueStarts, int[] valueEnds) { }

    private final String sql;
    private final String table;
    private final TableInfo info;
    private final List<KeyRef> rowKeys;
    private final boolean fromSelect;
    private final int[] paramStarts;
    private final List<RowSpan> rows;
    private final int keyPosition;
    private final AddKey addKey;
    /** Offset of the column list's closing parenthesis, or -1 without a column list. */
    private final int columnListClose;
    /** Offset where {@code VALUES} / the source query starts. */
    private final int sourceStart;
    private final boolean overridingWritten;

    private ValuesInsertShape(String sql, String table, TableInfo info, List<KeyRef> rowKeys,
            boolean fromSelect, int[] paramStarts, List<RowSpan> rows, int keyPosition, AddKey addKey,
            int columnListClose, int sourceStart, boolean overridingWritten) {
        this.sql = sql;
        this.table = table;
        this.info = info;
        this.rowKeys = rowKeys;
        this.fromSelect = fromSelect;
        this.paramStarts = paramStarts;
        this.rows = rows;
        this.keyPosition = keyPosition;
        this.addKey = addKey;
        this.columnListClose = columnListClose;
        this.sourceStart = sourceStart;
        this.overridingWritten = overridingWritten;
    }

    /**
     * Reads the shape of {@code insert}, whose text is {@code sql} (one statement) with tokens
     * {@code tokens}.
     *
     * @throws UnsupportedStatementException when a row's key is an expression the router cannot
     *     evaluate, or the rows cannot be found in the text
     */
    static ValuesInsertShape of(String sql, List<Token> tokens, Insert insert, String table, TableInfo info)
            throws UnsupportedStatementException {
        int[] paramStarts = tokens.stream().filter(t -> t.kind() == Kind.PARAM).mapToInt(Token::start).toArray();
        Header h = Header.read(sql, tokens);
        if (h == null) {
            throw new UnsupportedStatementException("cannot find the column list and VALUES of INSERT INTO "
                    + table + " in the SQL text");
        }
        ExpressionList<Column> columns = insert.getColumns();
        boolean hasColumns = columns != null && !columns.isEmpty();
        int keyPosition = -1;
        if (hasColumns) {
            for (int i = 0; i < columns.size(); i++) {
                if (Sql.identifier(columns.get(i).getColumnName()).equals(info.shardKey())) {
                    keyPosition = i;
                }
            }
        } else {
            keyPosition = info.keyOrdinal();
        }
        if (!(insert.getSelect() instanceof Values values)) {
            return new ValuesInsertShape(sql, table, info, List.of(), true, paramStarts, List.of(), keyPosition,
                    AddKey.IN_PLACE, h.columnListClose, h.sourceStart, h.overriding);
        }
        List<List<Expression>> astRows = rows(values);
        List<RowSpan> spans = new ArrayList<>();
        int tail = readRows(sql, tokens, h.sourceTokenIndex + 1, spans);
        if (tail < 0 || spans.size() != astRows.size()) {
            throw new UnsupportedStatementException("cannot find the VALUES rows of INSERT INTO " + table
                    + " in the SQL text");
        }
        List<KeyRef> keys = new ArrayList<>();
        AddKey addKey = hasColumns && keyPosition < 0 ? AddKey.APPEND_COLUMN : AddKey.IN_PLACE;
        for (int r = 0; r < astRows.size(); r++) {
            List<Expression> row = astRows.get(r);
            if (row.size() != spans.get(r).valueStarts().length) {
                throw new UnsupportedStatementException("cannot find the values of row " + (r + 1)
                        + " of INSERT INTO " + table + " in the SQL text");
            }
            if (keyPosition < 0) {
                keys.add(null);
            } else if (keyPosition >= row.size()) {
                addKey = AddKey.PAD;
                keys.add(null);
            } else {
                Expression e = row.get(keyPosition);
                if (e instanceof Column c && c.getTable() == null && c.getColumnName().equalsIgnoreCase("default")) {
                    keys.add(null);
                } else {
                    KeyRef k = KeyValues.of(e);
                    if (k == null) {
                        throw new UnsupportedStatementException("the shard key " + info.shardKey() + " of "
                                + table + " in row " + (r + 1) + " of the INSERT is " + e
                                + ", not a literal or a ? parameter: the row cannot be routed");
                    }
                    keys.add(k);
                }
            }
        }
        return new ValuesInsertShape(sql, table, info, Collections.unmodifiableList(keys), false, paramStarts,
                List.copyOf(spans), keyPosition, addKey, h.columnListClose, h.sourceStart, h.overriding);
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<KeyRef> rowKeys() {
        return rowKeys;
    }

    @Override
    public boolean fromSelect() {
        return fromSelect;
    }

    @Override
    public PhysicalSql render(int[] chosen, boolean overridingSystemValue) {
        for (int r : chosen) {
            if (r < 0 || r >= rows.size()) {
                throw new IllegalArgumentException("row " + r + " out of range: the INSERT into " + table
                        + " has " + rows.size() + " rows");
            }
        }
        boolean addOverriding = overridingSystemValue && !overridingWritten;
        boolean anyMissing = false;
        for (int r : chosen) {
            anyMissing |= rowKeys.get(r) == null;
        }
        if (!addOverriding && !anyMissing && (fromSelect || isAllInOrder(chosen))) {
            return identity();
        }
        if (fromSelect && chosen.length > 0) {
            throw new IllegalArgumentException("INSERT ... SELECT into " + table + " has no VALUES rows");
        }
        Emitter out = new Emitter();
        if (anyMissing && addKey == AddKey.APPEND_COLUMN) {
            out.copy(0, columnListClose);
            out.text(", " + Sql.ident(info.shardKey()));
            out.copy(columnListClose, sourceStart);
        } else {
            out.copy(0, sourceStart);
        }
        if (addOverriding) {
            out.text("OVERRIDING SYSTEM VALUE ");
        }
        if (fromSelect) {
            out.copy(sourceStart, sql.length());
            return out.build();
        }
        out.copy(sourceStart, rows.get(0).open());
        for (int i = 0; i < chosen.length; i++) {
            if (i > 0) {
                out.text(", ");
            }
            row(out, chosen[i]);
        }
        out.copy(rows.get(rows.size() - 1).close() + 1, sql.length());
        return out.build();
    }

    private void row(Emitter out, int r) {
        RowSpan span = rows.get(r);
        if (rowKeys.get(r) != null) {
            out.copy(span.open(), span.close() + 1);
            return;
        }
        switch (addKey) {
            case IN_PLACE:
                out.copy(span.open(), span.valueStarts()[keyPosition]);
                out.generated(r);
                out.copy(span.valueEnds()[keyPosition], span.close() + 1);
                break;
            case APPEND_COLUMN:
                out.copy(span.open(), span.close());
                out.text(", ");
                out.generated(r);
                out.text(")");
                break;
            default:
                out.copy(span.open(), span.close());
                for (int i = span.valueStarts().length; i < keyPosition; i++) {
                    out.text(", DEFAULT");
                }
                out.text(", ");
                out.generated(r);
                out.text(")");
                break;
        }
    }

    private boolean isAllInOrder(int[] chosen) {
        if (chosen.length != rows.size()) {
            return false;
        }
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i] != i) {
                return false;
            }
        }
        return true;
    }

    private PhysicalSql identity() {
        int[] map = new int[paramStarts.length];
        for (int i = 0; i < map.length; i++) {
            map[i] = i + 1;
        }
        return new PhysicalSql(sql, map);
    }

    /** Builds the text and its parameter map together, so they cannot disagree. */
    private final class Emitter {
        private final StringBuilder sb = new StringBuilder(sql.length() + 32);
        private int[] map = new int[Math.max(4, paramStarts.length)];
        private int size;

        void copy(int from, int to) {
            if (to <= from) {
                return;
            }
            sb.append(sql, from, to);
            int i = Arrays.binarySearch(paramStarts, from);
            if (i < 0) {
                i = -i - 1;
            }
            for (; i < paramStarts.length && paramStarts[i] < to; i++) {
                add(i + 1);
            }
        }

        void text(String s) {
            sb.append(s);
        }

        void generated(int row) {
            sb.append('?');
            add(PhysicalSql.generatedKeyOf(row));
        }

        private void add(int v) {
            if (size == map.length) {
                map = Arrays.copyOf(map, size * 2);
            }
            map[size++] = v;
        }

        PhysicalSql build() {
            return new PhysicalSql(sb.toString(), Arrays.copyOf(map, size));
        }
    }

    // ---------------------------------------------------------------- reading

    /** VALUES rows as the parser gives them: one row is a parenthesised list, several a list of those. */
    private static List<List<Expression>> rows(Values values) {
        ExpressionList<?> list = values.getExpressions();
        List<List<Expression>> out = new ArrayList<>();
        if (list instanceof ParenthesedExpressionList<?> single) {
            out.add(new ArrayList<>(single));
            return out;
        }
        for (Expression e : list) {
            if (e instanceof ParenthesedExpressionList<?> row) {
                out.add(new ArrayList<>(row));
            } else {
                out.add(List.of(e));
            }
        }
        return out;
    }

    /**
     * Reads {@code (..), (..)} from token {@code i}; returns the offset where the text after the
     * rows starts, or -1 when the tokens are not rows.
     */
    private static int readRows(String sql, List<Token> tokens, int i, List<RowSpan> out) {
        while (i < tokens.size() && tokens.get(i).kind() == Kind.LPAREN && tokens.get(i).depth() == 0) {
            int open = i;
            List<Integer> starts = new ArrayList<>();
            List<Integer> ends = new ArrayList<>();
            int valueStart = -1;
            int valueEnd = -1;
            int j = open + 1;
            for (; j < tokens.size(); j++) {
                Token t = tokens.get(j);
                if (t.depth() == 0 && t.kind() == Kind.RPAREN) {
                    break;
                }
                if (t.depth() == 1 && t.kind() == Kind.COMMA) {
                    starts.add(valueStart);
                    ends.add(valueEnd);
                    valueStart = -1;
                    continue;
                }
                if (valueStart < 0) {
                    valueStart = t.start();
                }
                valueEnd = t.end();
            }
            if (j >= tokens.size() || valueStart < 0) {
                return -1;
            }
            starts.add(valueStart);
            ends.add(valueEnd);
            if (starts.contains(-1)) {
                return -1;
            }
            out.add(new RowSpan(tokens.get(open).start(), tokens.get(j).start(),
                    starts.stream().mapToInt(Integer::intValue).toArray(),
                    ends.stream().mapToInt(Integer::intValue).toArray()));
            i = j + 1;
            if (i < tokens.size() && tokens.get(i).kind() == Kind.COMMA && tokens.get(i).depth() == 0) {
                i++;
            } else {
                return i < tokens.size() ? tokens.get(i).start() : sql.length();
            }
        }
        return -1;
    }

    /** Offsets of the INSERT header: column list, OVERRIDING, and where VALUES / the query start. */
    private static final class Header {
        int columnListClose = -1;
        int sourceStart;
        int sourceTokenIndex;
        boolean overriding;

        static Header read(String sql, List<Token> tokens) {
            int i = 0;
            while (i < tokens.size() && !(tokens.get(i).depth() == 0 && tokens.get(i).isWord(sql, "insert"))) {
                i++;
            }
            i++;
            if (i >= tokens.size() || !tokens.get(i).isWord(sql, "into")) {
                return null;
            }
            i++;
            // table name: ident (. ident)*
            i = skipName(tokens, i);
            if (i < 0) {
                return null;
            }
            if (i < tokens.size() && tokens.get(i).isWord(sql, "as")) {
                i += 2;
            }
            Header h = new Header();
            if (i < tokens.size() && tokens.get(i).kind() == Kind.LPAREN) {
                int j = i + 1;
                while (j < tokens.size() && !(tokens.get(j).kind() == Kind.RPAREN && tokens.get(j).depth() == 0)) {
                    j++;
                }
                if (j >= tokens.size()) {
                    return null;
                }
                h.columnListClose = tokens.get(j).start();
                i = j + 1;
                if (i < tokens.size() && !isSourceStart(sql, tokens.get(i))) {
                    // "(" began the source query itself, e.g. INSERT INTO t (SELECT ...)
                    return null;
                }
            }
            if (i < tokens.size() && tokens.get(i).isWord(sql, "overriding")) {
                h.overriding = i + 1 < tokens.size() && tokens.get(i + 1).isWord(sql, "system");
                i += 3;
            }
            if (i >= tokens.size()) {
                return null;
            }
            h.sourceStart = tokens.get(i).start();
            h.sourceTokenIndex = i;
            return h;
        }

        private static boolean isSourceStart(String sql, Token t) {
            return t.isWord(sql, "values") || t.isWord(sql, "select") || t.isWord(sql, "with")
                    || t.isWord(sql, "overriding") || t.isWord(sql, "default") || t.isWord(sql, "table")
                    || t.kind() == Kind.LPAREN;
        }

        private static int skipName(List<Token> tokens, int i) {
            while (true) {
                if (i >= tokens.size()
                        || !(tokens.get(i).kind() == Kind.WORD || tokens.get(i).kind() == Kind.QUOTED_IDENT)) {
                    return -1;
                }
                i++;
                if (i < tokens.size() && tokens.get(i).kind() == Kind.DOT) {
                    i++;
                } else {
                    return i;
                }
            }
        }
    }
}
