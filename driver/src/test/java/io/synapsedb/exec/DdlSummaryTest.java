package io.synapsedb.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.sql.SqlAnalyzer;
import org.junit.jupiter.api.Test;

class DdlSummaryTest {

    private static String summary(String sql) {
        return DdlSummary.of(new SqlAnalyzer(0).analyze(sql, name -> null, 0));
    }

    @Test
    void namesTheVerbTheObjectKindAndTheTables() {
        assertThat(summary("CREATE TABLE orders (id bigint)")).isEqualTo("CREATE TABLE orders");
        assertThat(summary("alter table Orders add column note text")).isEqualTo("ALTER TABLE orders");
        assertThat(summary("CREATE UNIQUE INDEX ON orders (id)")).startsWith("CREATE INDEX");
        assertThat(summary("DROP TABLE a, b")).isEqualTo("DROP TABLE a, b");
    }

    @Test
    void neverCarriesLiteralsOrPasswords() {
        String s = summary("CREATE ROLE reporter LOGIN PASSWORD 'hunter2'");

        assertThat(s).startsWith("CREATE ROLE").doesNotContain("hunter2");
        assertThat(summary("COMMENT ON TABLE orders IS 'secret plan'")).doesNotContain("secret");
    }
}
