package io.synapsedb.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlLexerTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "select ? => 1",
        "select 'it''s ?' , ? => 1",
        "select \"a?b\" from t where c = ? => 1",
        "select ? -- ? => 1",
        "select /* ? /* nested ? */ ? */ ? => 1",
        "select $$ ? $$, $tag$ ? $$ ? $tag$, ? => 1",
        "select e'\\' ?', ? => 1",
        "select data ?? 'k', ? => 1",
        "select data ??| array['a'], data ??& array['b'] => 0",
        "select $1, ? => 1",
        "select a$b, ? from t => 1",
        "insert into t values (?, ?), (?, ?) => 4",
        "select U&'d\\0061t?', B'1010', ? => 1",
        "select 'unterminated ? => 0",
    })
    void countsParametersLikePgJdbc(String sql, int expected) {
        assertThat(SqlLexer.countParams(SqlLexer.tokenize(sql))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "select 1 | 1",
        "select 1; | 1",
        "select 1; select 2 | 2",
        "select ';'; select 2; ; | 2",
        "create function f() returns int as $$ begin; return 1; end $$ language plpgsql | 1",
        "select (1; 2) | 1",
        "'' | 1",
        "'' ; -- only a comment | 1",
    })
    void splitsStatementsAtTopLevelSemicolons(String sql, int expected) {
        assertThat(SqlLexer.statements(sql, SqlLexer.tokenize(sql))).hasSize(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false, value = {
        "select ?? 'k' => select @> 'k'",
        "select a ??| b => select a @>  b",
        "select '??' => select '??'",
    })
    void parserTextKeepsOffsets(String sql, String expected) {
        String out = SqlLexer.forParser(sql, SqlLexer.tokenize(sql));
        assertThat(out).isEqualTo(expected).hasSameSizeAs(sql);
    }
}
