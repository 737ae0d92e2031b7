package io.synapsedb.config;

import static io.synapsedb.config.ConfigAssertions.failsWith;
import static io.synapsedb.config.ConfigAssertions.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.TableKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryKeyFromAClasspathFile() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse:?config=classpath:config-cluster.yaml",
                null);

        assertThat(c.database()).isEqualTo("synapsedb");
        assertThat(c.user()).isEqualTo("postgres");
        assertThat(c.password()).isEqualTo("file-secret");
        assertThat(c.homeGroup()).isEqualTo("g2");
        assertThat(c.catalog().defaultSlots()).isEqualTo(256);
        assertThat(c.routing().planCacheSize()).isEqualTo(500);
        assertThat(c.routing().keyBlockSize()).isEqualTo(64);
        assertThat(c.routing().failOnFullFanout()).isTrue();
        assertThat(c.pool().size()).isEqualTo(12);
        assertThat(c.pool().minIdle()).isEqualTo(2);
        assertThat(c.pool().connectionTimeoutMs()).isEqualTo(3000);
        assertThat(c.breaker().failureRateThreshold()).isEqualTo(40.5f);
        assertThat(c.breaker().minimumCalls()).isEqualTo(7);
        assertThat(c.breaker().openMs()).isEqualTo(9000);
        assertThat(c.groups()).containsExactly(
                new GroupInfo("g1", new NodeAddress("127.0.0.1", 5432, "synapsedb"), List.of(
                        new NodeAddress("127.0.0.1", 5442, "synapsedb"),
                        new NodeAddress("[::1]", 5443, "otherdb"))),
                GroupInfo.of("g2", new NodeAddress("db2.example.com", 5432, "synapsedb")));
        assertThat(c.tables()).containsExactly(
                new TableDeclaration("orders", TableKind.DISTRIBUTED, "customer_id", 128),
                new TableDeclaration("customers", TableKind.DISTRIBUTED, "id", 0),
                new TableDeclaration("countries", TableKind.REFERENCE, null, 0));
        assertThat(c.tables().get(1).effectiveSlots(c.catalog().defaultSlots())).isEqualTo(256);
        assertThat(c.pgProperties()).containsOnlyKeys("sslmode", "ApplicationName", "ssl");
        assertThat(c.pgProperties().getProperty("ssl")).isEqualTo("false");
        assertThat(c.pgProperties().getProperty("ApplicationName")).isEqualTo("shop");
    }

    @Test
    void classpathPrefixToleratesALeadingSlashAndOtherUrlSpellings() throws SQLException {
        SynapseConfig plain = SynapseConfig.fromUrl("jdbc:synapse:?config=classpath:config-minimal.yaml",
                null);

        assertThat(SynapseConfig.fromUrl("jdbc:synapse:?config=classpath:/config-minimal.yaml", null))
                .isEqualTo(plain);
        assertThat(SynapseConfig.fromUrl("jdbc:synapse://?config=classpath:config-minimal.yaml", null))
                .isEqualTo(plain);
        assertThat(SynapseConfig.fromUrl("jdbc:synapse:///?config=classpath:config-minimal.yaml", null))
                .isEqualTo(plain);
        assertThat(SynapseConfig.fromUrl("jdbc:synapse:",
                props("config", "classpath:config-minimal.yaml"))).isEqualTo(plain);
        assertThat(plain.groups()).containsExactly(
                GroupInfo.of("only", new NodeAddress("localhost", 6543, "app")));
        assertThat(plain.homeGroup()).isEqualTo("only");
        assertThat(plain.pool().size()).isEqualTo(10);
    }

    @Test
    void readsAFileByPathWithPercentEncodedName() throws IOException, SQLException, URISyntaxException {
        Path sub = Files.createDirectories(dir.resolve("my dir"));
        Path file = sub.resolve("cluster.yaml");
        Files.copy(Path.of(getClass().getResource("/config-cluster.yaml").toURI()), file);

        SynapseConfig byPath = SynapseConfig.fromUrl("jdbc:synapse:?config="
                + URLEncoder.encode(file.toString(), StandardCharsets.UTF_8), null);

        assertThat(byPath).isEqualTo(SynapseConfig.fromUrl(
                "jdbc:synapse:?config=classpath:config-cluster.yaml", null));
    }

    @Test
    void urlAndInfoOverrideTheFile() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse:?config=classpath:config-cluster.yaml"
                        + "&poolSize=30&sslmode=require&homeGroup=g1",
                props("user", "ops", "password", "info-secret", "poolSize", "25",
                        "breakerOpenMs", "100", "ApplicationName", "fromInfo"));

        assertThat(c.pool().size()).as("URL over info over file").isEqualTo(30);
        assertThat(c.user()).as("info over file").isEqualTo("ops");
        assertThat(c.password()).isEqualTo("info-secret");
        assertThat(c.breaker().openMs()).isEqualTo(100);
        assertThat(c.homeGroup()).isEqualTo("g1");
        assertThat(c.pool().minIdle()).as("file value kept").isEqualTo(2);
        assertThat(c.pgProperties().getProperty("sslmode")).isEqualTo("require");
        assertThat(c.pgProperties().getProperty("ApplicationName")).isEqualTo("fromInfo");
        assertThat(c.pgProperties().getProperty("ssl")).isEqualTo("false");
    }

    @Test
    void databaseDefaultsToUserWhenTheFileHasNone() throws IOException, SQLException {
        Path f = write("user: carol\ngroups:\n  - { name: g1, primary: h1 }\n");

        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse:?config=" + f, null);

        assertThat(c.database()).isEqualTo("carol");
        assertThat(c.groups().get(0).primary()).isEqualTo(new NodeAddress("h1", 5432, "carol"));
    }

    @Test
    void aFileCanSetFailOnFullFanoutAndPlanCacheAsYamlScalars() throws IOException, SQLException {
        Path f = write("database: d\nfailOnFullFanout: yes\nplanCacheSize: 7\n"
                + "groups:\n  - { name: g1, primary: h1 }\n");

        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse:?config=" + f, null);

        // YAML 1.1 reads 'yes' as a boolean; the driver takes the boolean.
        assertThat(c.routing().failOnFullFanout()).isTrue();
        assertThat(c.routing().planCacheSize()).isEqualTo(7);
    }

    @Test
    void missingFileIs08001AndNamesTheFile() {
        Path missing = dir.resolve("nope.yaml");

        SQLException e = failsWith("08001",
                () -> SynapseConfig.fromUrl("jdbc:synapse:?config=" + missing, null));

        assertThat(e.getMessage()).contains(missing.toString()).contains("not found");
    }

    @Test
    void missingClasspathResourceIs08001() {
        SQLException e = failsWith("08001",
                () -> SynapseConfig.fromUrl("jdbc:synapse:?config=classpath:config-absent.yaml", null));

        assertThat(e.getMessage()).contains("classpath:config-absent.yaml");
    }

    @Test
    void aDirectoryIsUnreadable08001() {
        SQLException e = failsWith("08001",
                () -> SynapseConfig.fromUrl("jdbc:synapse:?config=" + dir, null));

        assertThat(e.getMessage()).contains(dir.toString());
    }

    @Test
    void unknownNestedKeyListsTheValidOnes() {
        String m = ConfigAssertions.invalid("jdbc:synapse:?config=classpath:config-unknown-key.yaml");

        assertThat(m).contains("pool.maxLifetime").contains("size, minIdle, connectionTimeoutMs")
                .contains("config-unknown-key.yaml");
    }

    @Test
    void unknownTopLevelKeyListsTheValidOnes() throws IOException {
        Path f = write("database: d\nshards: 4\ngroups:\n  - { name: g1, primary: h1 }\n");

        String m = ConfigAssertions.invalid("jdbc:synapse:?config=" + f);

        assertThat(m).contains("'shards'").contains("database, groups, tables, properties")
                .contains("pool").contains("breaker").contains("homeGroup");
    }

    @Test
    void unknownGroupAndTableKeysAreRejected() throws IOException {
        Path g = write("database: d\ngroups:\n  - { name: g1, primary: h1, standby: h2 }\n");
        Path t = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "tables:\n  - { name: t, shardKey: id, kind: reference }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + g))
                .contains("groups[0].standby").contains("name, primary, replicas");
        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + t))
                .contains("tables[0].kind").contains("name, type, shardKey, slots");
    }

    @Test
    void distributedTableWithoutShardKeyIsRejected() throws IOException {
        Path f = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "tables:\n  - { name: orders }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + f))
                .contains("tables[0] (orders)").contains("shardKey");
    }

    @Test
    void referenceTableWithShardKeyOrSlotsIsRejected() throws IOException {
        Path f = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "tables:\n  - { name: countries, type: reference, slots: 8 }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + f))
                .contains("countries").contains("reference");
    }

    @Test
    void badTableTypeAndSlotsAreRejected() throws IOException {
        Path type = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "tables:\n  - { name: t, type: sharded, shardKey: id }\n");
        Path zero = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "tables:\n  - { name: t, shardKey: id, slots: 0 }\n");
        Path huge = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "tables:\n  - { name: t, shardKey: id, slots: 5000 }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + type))
                .contains("tables[0] (t).type").contains("'sharded'");
        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + zero))
                .contains("tables[0] (t).slots").contains("'0'").contains("4096");
        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + huge))
                .contains("tables[0] (t).slots").contains("'5000'");
    }

    @Test
    void duplicateTablesAreRejectedAfterCaseFolding() throws IOException {
        Path f = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "tables:\n  - { name: orders, shardKey: id }\n  - { name: Orders, shardKey: id }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + f)).contains("Orders")
                .contains("twice");
    }

    @Test
    void duplicateGroupNamesAreRejected() throws IOException {
        Path f = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "  - { name: g1, primary: h2 }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + f))
                .contains("Duplicate group name 'g1'");
    }

    @Test
    void theSameNodeInTwoGroupsIsRejected() throws IOException {
        Path f = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "  - { name: g2, primary: h2, replicas: [\"h1:5432\"] }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + f))
                .contains("h1:5432/d").contains("g1").contains("g2");
    }

    @Test
    void homeGroupNamingNoGroupIsRejected() throws IOException {
        Path f = write("database: d\nhomeGroup: g9\ngroups:\n  - { name: g1, primary: h1 }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + f))
                .contains("homeGroup 'g9'").contains("g1");
    }

    @Test
    void missingGroupsOrPrimaryIsRejected() throws IOException {
        Path none = write("database: d\n");
        Path noPrimary = write("database: d\ngroups:\n  - { name: g1 }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + none)).contains("no groups");
        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + noPrimary))
                .contains("groups[0] (g1)").contains("'primary'");
    }

    @Test
    void unquotedIpv6IsExplained() throws IOException {
        Path unquoted = write("database: d\ngroups:\n  - name: g1\n    primary: [::1]:5432\n");
        Path list = write("database: d\ngroups:\n  - name: g1\n    primary: [h1, h2]\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + unquoted)).contains("line 4")
                .contains("\"[::1]:5432\"");
        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + list))
                .contains("groups[0] (g1).primary").contains("not a list").contains("quotes");
    }

    @Test
    void badPortInFileNamesTheGroup() throws IOException {
        Path f = write("database: d\ngroups:\n  - { name: g1, primary: \"h1:99999\" }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + f))
                .contains("h1:99999").contains("groups[0] (g1)").contains("port");
    }

    @Test
    void badValueInFileNamesKeyValueAndFile() throws IOException {
        Path f = write("database: d\npool: { size: lots }\ngroups:\n  - { name: g1, primary: h1 }\n");

        String m = ConfigAssertions.invalid("jdbc:synapse:?config=" + f);

        assertThat(m).contains("poolSize").contains("'lots'").contains("pool.size in " + f)
                .contains("1 to 10000");
    }

    @Test
    void yamlSyntaxErrorsGiveTheLineButNotTheText() throws IOException {
        Path f = write("database: d\npassword: \"s3cret\n  unterminated: [\n");

        String m = ConfigAssertions.invalid("jdbc:synapse:?config=" + f);

        assertThat(m).contains(f.toString()).contains("not valid YAML").contains("line")
                .doesNotContain("s3cret");
    }

    @Test
    void duplicateKeysAreRejected() throws IOException {
        Path f = write("database: d\ndatabase: e\ngroups:\n  - { name: g1, primary: h1 }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + f)).contains("duplicate key")
                .contains("database");
    }

    @Test
    void arbitraryObjectConstructionIsRefused() throws IOException {
        Path f = write("database: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                + " [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\ngroups: []\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + f)).contains("not valid YAML");
    }

    @Test
    void emptyAndNonMappingFilesAreRejected() throws IOException {
        Path empty = write("");
        Path list = write("- a\n- b\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + empty)).contains("is empty");
        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + list)).contains("mapping");
    }

    @Test
    void synapseSettingsInsidePropertiesArePointedToTheirPlace() throws IOException {
        Path f = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "properties: { poolSize: 5 }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + f))
                .contains("properties.poolSize").contains("pool.size");
    }

    @Test
    void userAndUnknownNamesInsidePropertiesAreRejected() throws IOException {
        Path user = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "properties: { user: bob }\n");
        Path unknown = write("database: d\ngroups:\n  - { name: g1, primary: h1 }\n"
                + "properties: { sslMode: disable }\n");

        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + user))
                .contains("properties.user").contains("'user'").contains(user.toString());
        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=" + unknown))
                .contains("'sslMode'").contains("sslmode");
    }

    @Test
    void configWithHostListOrDatabaseIsRejected() {
        assertThat(ConfigAssertions.invalid("jdbc:synapse://h1/db?config=classpath:config-minimal.yaml"))
                .contains("config").contains("host list");
        assertThat(ConfigAssertions.invalid("jdbc:synapse:///db?config=classpath:config-minimal.yaml"))
                .contains("config").contains("'db'");
    }

    @Test
    void emptyConfigValueIsRejected() {
        assertThat(ConfigAssertions.invalid("jdbc:synapse:?config=")).contains("config");
    }

    private Path write(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "config-", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
