package io.synapsedb.config;

import static io.synapsedb.config.ConfigAssertions.invalid;
import static io.synapsedb.config.ConfigAssertions.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlValidationTest {

    @Test
    void unknownPropertyNamesItListsOursAndPointsToPgJdbc() {
        String m = invalid("jdbc:synapse://h/db?shards=4");

        assertThat(m).contains("Unknown property 'shards'").contains("(from the URL)")
                .contains(SynapseProperty.names())
                .contains("pgJDBC").contains("sslmode").contains("ApplicationName");
    }

    @Test
    void unknownPropertyWithWrongCaseSuggestsTheRightName() {
        String m = invalid("jdbc:synapse://h/db", props("poolsize", "4"));

        assertThat(m).contains("'poolsize'").contains("(from connection properties)")
                .contains("Did you mean poolSize?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "poolSize=abc               | poolSize                    | 'abc'",
        "poolSize=0                 | poolSize                    | '0'",
        "poolSize=10001             | poolSize                    | '10001'",
        "poolSize=                  | poolSize                    | ''",
        "poolMinIdle=-1             | poolMinIdle                 | '-1'",
        "connectionTimeoutMs=100    | connectionTimeoutMs         | '100'",
        "defaultSlots=0             | defaultSlots                | '0'",
        "defaultSlots=4097          | defaultSlots                | '4097'",
        "defaultSlots=1.5           | defaultSlots                | '1.5'",
        "planCacheSize=-1           | planCacheSize               | '-1'",
        "keyBlockSize=0             | keyBlockSize                | '0'",
        "breakerFailureRateThreshold=0   | breakerFailureRateThreshold | '0'",
        "breakerFailureRateThreshold=101 | breakerFailureRateThreshold | '101'",
        "breakerFailureRateThreshold=NaN | breakerFailureRateThreshold | 'NaN'",
        "breakerMinimumCalls=0      | breakerMinimumCalls         | '0'",
        "breakerOpenMs=0            | breakerOpenMs               | '0'",
        "failOnFullFanout=yes       | failOnFullFanout            | 'yes'",
        "homeGroup=                 | homeGroup                   | ''",
        "user=%20                   | user                        | ' '",
        "sslmode=bogus              | sslmode                     | 'bogus'",
    })
    void invalidValuesNameThePropertyAndTheValue(String query, String property, String shownValue) {
        String m = invalid("jdbc:synapse://h/db?" + query);

        assertThat(m).contains("Invalid value " + shownValue + " for " + property)
                .contains("(from the URL)").contains("expected");
    }

    @Test
    void minIdleAbovePoolSizeNamesBoth() {
        String m = invalid("jdbc:synapse://h/db?poolSize=4&poolMinIdle=5");

        assertThat(m).contains("poolMinIdle (5)").contains("poolSize (4)");
    }

    @Test
    void homeGroupNamingNoGroup() {
        assertThat(invalid("jdbc:synapse://a,b/db?homeGroup=g3"))
                .contains("homeGroup 'g3'").contains("g1, g2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:synapse://h:0/db        | 'h:0'",
        "jdbc:synapse://h:65536/db    | 'h:65536'",
        "jdbc:synapse://h:abc/db      | 'h:abc'",
        "jdbc:synapse://h:/db         | 'h:'",
        "jdbc:synapse://::1/db        | brackets",
        "jdbc:synapse://[::1/db       | ']'",
        "jdbc:synapse://[::1]x/db     | ':port'",
        "jdbc:synapse://[zz]/db       | IPv6",
        "jdbc:synapse://:5432/db      | empty host",
        "jdbc:synapse://h$x/db        | 'h$x'",
    })
    void badHostsAndPortsNameTheEntry(String url, String expected) {
        assertThat(invalid(url)).contains("host 1 of the URL").contains(expected);
    }

    @Test
    void emptyEntriesInTheHostList() {
        assertThat(invalid("jdbc:synapse://a,,b/db")).contains("host 2 of 3").contains("empty");
        assertThat(invalid("jdbc:synapse://a,/db")).contains("host 2 of 2").contains("empty");
    }

    @Test
    void noHostsAndNoConfig() {
        assertThat(invalid("jdbc:synapse://db")).doesNotContain("no hosts"); // 'db' is a host here
        assertThat(invalid("jdbc:synapse:///db")).contains("no hosts");
        assertThat(invalid("jdbc:synapse:")).contains("no hosts");
        assertThat(invalid("jdbc:synapse://")).contains("no hosts");
    }

    @Test
    void noDatabaseAndNoUser() {
        assertThat(invalid("jdbc:synapse://h1")).contains("No database");
    }

    @Test
    void duplicateHostsAreRejected() {
        assertThat(invalid("jdbc:synapse://h1,h1:5432/db")).contains("h1:5432/db")
                .contains("appears twice");
    }

    @Test
    void otherUrlShapesAreRejected() {
        assertThat(invalid("jdbc:synapse:db")).contains("jdbc:synapse://");
        assertThat(invalid("jdbc:synapse:/db")).contains("jdbc:synapse://");
    }

    @Test
    void refusedPgJdbcPropertiesSayWhy() {
        assertThat(invalid("jdbc:synapse://h/db?PGHOST=x")).contains("PGHOST").contains("host list");
        assertThat(invalid("jdbc:synapse://h/db?PGPORT=1")).contains("PGPORT");
        assertThat(invalid("jdbc:synapse://h/db?PGDBNAME=x")).contains("PGDBNAME");
        assertThat(invalid("jdbc:synapse://h/db?service=x")).contains("service");
        assertThat(invalid("jdbc:synapse://h/db?targetServerType=primary"))
                .contains("targetServerType").contains("chooses");
        assertThat(invalid("jdbc:synapse://h/db?loadBalanceHosts=true")).contains("loadBalanceHosts");
        assertThat(invalid("jdbc:synapse://h/db?hostRecheckSeconds=5")).contains("hostRecheckSeconds");
        assertThat(invalid("jdbc:synapse://h/db?replication=database")).contains("replication");
        assertThat(invalid("jdbc:synapse://h/db", props("readOnly", "true")))
                .contains("readOnly").contains("setReadOnly").contains("(from connection properties)");
    }

    @Test
    void passwordNeverAppearsInErrors() {
        String secret = "Sup3r-s3cret";
        assertThat(invalid("jdbc:synapse://h/db?password=" + secret + "&poolSize=x"))
                .doesNotContain(secret);
        assertThat(invalid("jdbc:synapse://h/db?password=%zz" + secret)).contains("password")
                .contains("percent-encoding").doesNotContain(secret);
        assertThat(invalid("jdbc:synapse://bob:" + secret + "@h/db")).doesNotContain(secret)
                .contains("user@host");
        assertThat(invalid("jdbc:synapse://h/db?sslpassword=" + secret + "&shards=1"))
                .doesNotContain(secret);
    }

    @Test
    void nonStringInfoValuesAreRejectedInsteadOfIgnored() {
        Properties info = new Properties();
        info.put("poolSize", 20);

        assertThat(invalid("jdbc:synapse://h/db", info)).contains("poolSize").contains("Integer");
    }
}
