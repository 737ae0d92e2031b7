package io.synapsedb.config;

import static io.synapsedb.config.ConfigAssertions.failsWith;
import static io.synapsedb.config.ConfigAssertions.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class UrlFormsTest {

    @Test
    void hostListMakesOneGroupPerHostNamedInUrlOrder() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl(
                "jdbc:synapse://h1:6001,h2,10.0.0.3:6003/shop?user=app&password=pw&poolSize=20", null);

        assertThat(c.groups()).containsExactly(
                GroupInfo.of("g1", new NodeAddress("h1", 6001, "shop")),
                GroupInfo.of("g2", new NodeAddress("h2", 5432, "shop")),
                GroupInfo.of("g3", new NodeAddress("10.0.0.3", 6003, "shop")));
        assertThat(c.homeGroup()).isEqualTo("g1");
        assertThat(c.database()).isEqualTo("shop");
        assertThat(c.user()).isEqualTo("app");
        assertThat(c.password()).isEqualTo("pw");
        assertThat(c.pool().size()).isEqualTo(20);
        assertThat(c.tables()).isEmpty();
    }

    @Test
    void defaultsMatchTheDocumentedValues() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse://h1/db", new Properties());

        assertThat(c.pool().size()).isEqualTo(10);
        assertThat(c.pool().minIdle()).isZero();
        assertThat(c.pool().connectionTimeoutMs()).isEqualTo(5000);
        assertThat(c.catalog().defaultSlots()).isEqualTo(128);
        assertThat(c.routing().planCacheSize()).isEqualTo(10000);
        assertThat(c.routing().keyBlockSize()).isEqualTo(32);
        assertThat(c.breaker().failureRateThreshold()).isEqualTo(50f);
        assertThat(c.breaker().minimumCalls()).isEqualTo(5);
        assertThat(c.breaker().openMs()).isEqualTo(5000);
        assertThat(c.routing().failOnFullFanout()).isFalse();
        assertThat(c.user()).isNull();
        assertThat(c.password()).isNull();
        assertThat(c.pgProperties()).isEmpty();
    }

    @Test
    void everySynapsePropertyIsReadFromTheUrl() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse://a,b/db?homeGroup=g2&poolSize=7"
                + "&poolMinIdle=3&connectionTimeoutMs=1000&defaultSlots=100&planCacheSize=0"
                + "&keyBlockSize=500&breakerFailureRateThreshold=12.5&breakerMinimumCalls=9"
                + "&breakerOpenMs=250&failOnFullFanout=TRUE", null);

        assertThat(c.homeGroup()).isEqualTo("g2");
        assertThat(c.pool().size()).isEqualTo(7);
        assertThat(c.pool().minIdle()).isEqualTo(3);
        assertThat(c.pool().connectionTimeoutMs()).isEqualTo(1000);
        assertThat(c.catalog().defaultSlots()).isEqualTo(100);
        assertThat(c.routing().planCacheSize()).isZero();
        assertThat(c.routing().keyBlockSize()).isEqualTo(500);
        assertThat(c.breaker().failureRateThreshold()).isEqualTo(12.5f);
        assertThat(c.breaker().minimumCalls()).isEqualTo(9);
        assertThat(c.breaker().openMs()).isEqualTo(250);
        assertThat(c.routing().failOnFullFanout()).isTrue();
    }

    @Test
    void ipv6LiteralsInBracketsWithAndWithoutPort() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse://[::1]:6000,[fe80::1%eth0]/db", null);

        assertThat(c.groups()).extracting(GroupInfo::primary).containsExactly(
                new NodeAddress("[::1]", 6000, "db"),
                new NodeAddress("[fe80::1%eth0]", 5432, "db"));
        assertThat(c.groups().get(0).primary().jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:6000/db");
    }

    @Test
    void queryValuesAndDatabaseArePercentDecodedLikePgJdbc() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl(
                "jdbc:synapse://h/my%20db?user=al%C3%AFce&password=p%26ss%3Dw+rd%2B&ApplicationName=a%2Fb",
                null);

        assertThat(c.database()).isEqualTo("my db");
        assertThat(c.user()).isEqualTo("alïce");
        assertThat(c.password()).isEqualTo("p&ss=w rd+");
        assertThat(c.pgProperties().getProperty("ApplicationName")).isEqualTo("a/b");
    }

    @Test
    void pgJdbcPropertiesArePassedThrough() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse://h/db?ssl=true&sslmode=verify-full"
                + "&ApplicationName=shop&connectTimeout=3", props("socketTimeout", "30"));

        Properties pg = c.pgProperties();
        assertThat(pg).containsOnlyKeys("ssl", "sslmode", "ApplicationName", "connectTimeout",
                "socketTimeout");
        assertThat(pg.getProperty("ssl")).isEqualTo("true");
        assertThat(pg.getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(pg.getProperty("ApplicationName")).isEqualTo("shop");
        assertThat(pg.getProperty("connectTimeout")).isEqualTo("3");
        assertThat(pg.getProperty("socketTimeout")).isEqualTo("30");
    }

    @Test
    void pgPropertiesIsACopy() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse://h/db?sslmode=disable", null);

        c.pgProperties().setProperty("sslmode", "require");
        c.pgProperties().setProperty("ssl", "true");

        assertThat(c.pgProperties()).containsOnlyKeys("sslmode");
        assertThat(c.pgProperties().getProperty("sslmode")).isEqualTo("disable");
    }

    @Test
    void userAndPasswordAreOursAndNotPassedThrough() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse://h/db",
                props("user", "u", "password", "p", "sslmode", "require"));

        assertThat(c.user()).isEqualTo("u");
        assertThat(c.password()).isEqualTo("p");
        assertThat(c.pgProperties()).containsOnlyKeys("sslmode");
    }

    @Test
    void urlWinsOverInfoLikePgJdbc() throws SQLException {
        Properties info = props("user", "fromInfo", "poolSize", "3", "ApplicationName", "infoApp",
                "password", "infoPw");
        SynapseConfig c = SynapseConfig.fromUrl(
                "jdbc:synapse://h/db?user=fromUrl&poolSize=4&ApplicationName=urlApp", info);

        assertThat(c.user()).isEqualTo("fromUrl");
        assertThat(c.pool().size()).isEqualTo(4);
        assertThat(c.pgProperties().getProperty("ApplicationName")).isEqualTo("urlApp");
        assertThat(c.password()).as("info still supplies what the URL does not").isEqualTo("infoPw");
    }

    @Test
    void infoDefaultsOfPropertiesAreSeen() throws SQLException {
        Properties defaults = props("poolSize", "6");
        Properties info = new Properties(defaults);

        assertThat(SynapseConfig.fromUrl("jdbc:synapse://h/db", info).pool().size()).isEqualTo(6);
    }

    @Test
    void databaseDefaultsToTheUserNameLikePostgres() throws SQLException {
        assertThat(SynapseConfig.fromUrl("jdbc:synapse://h1,h2/?user=alice", null).database())
                .isEqualTo("alice");
        assertThat(SynapseConfig.fromUrl("jdbc:synapse://h1", props("user", "bob"))
                .groups().get(0).primary().database()).isEqualTo("bob");
    }

    @Test
    void repeatedQueryKeyKeepsTheLastValueAndEmptySegmentsAreIgnored() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse://h/db?poolSize=3&&poolSize=9&", null);

        assertThat(c.pool().size()).isEqualTo(9);
    }

    @Test
    void acceptsUrlOnlyForSynapseUrls() {
        assertThat(SynapseConfig.acceptsUrl("jdbc:synapse://h/db")).isTrue();
        assertThat(SynapseConfig.acceptsUrl("jdbc:synapse:?config=x.yaml")).isTrue();
        assertThat(SynapseConfig.acceptsUrl("jdbc:postgresql://h/db")).isFalse();
        assertThat(SynapseConfig.acceptsUrl("jdbc:mysql://h/db")).isFalse();
        assertThat(SynapseConfig.acceptsUrl("jdbc:synapsedb://h/db")).isFalse();
        assertThat(SynapseConfig.acceptsUrl("JDBC:SYNAPSE://h/db")).isFalse();
        assertThat(SynapseConfig.acceptsUrl("synapse://h/db")).isFalse();
        assertThat(SynapseConfig.acceptsUrl("")).isFalse();
        assertThat(SynapseConfig.acceptsUrl(null)).isFalse();
    }

    @Test
    void fromUrlRefusesForeignUrlsWith08001() {
        SQLException e = failsWith("08001",
                () -> SynapseConfig.fromUrl("jdbc:postgresql://h/db", null));
        assertThat(e.getMessage()).contains("jdbc:synapse:");
    }

    @Test
    void hostOrderDefinesGroupNames() throws SQLException {
        SynapseConfig ab = SynapseConfig.fromUrl("jdbc:synapse://a,b/db", null);
        SynapseConfig ba = SynapseConfig.fromUrl("jdbc:synapse://b,a/db", null);

        assertThat(ab.group("g1").primary().host()).isEqualTo("a");
        assertThat(ba.group("g1").primary().host()).isEqualTo("b");
        assertThat(ab).isNotEqualTo(ba);
        assertThat(ab.group("g3")).isNull();
        assertThat(List.of(ab.groups().get(1).name())).containsExactly("g2");
    }
}
