package io.synapsedb.config;

import static io.synapsedb.config.ConfigAssertions.failsWith;
import static io.synapsedb.config.ConfigAssertions.invalid;
import static io.synapsedb.config.ConfigAssertions.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ddlLockTimeoutMs}: the bound on DDL's wait for another application's DDL. */
class DdlLockTimeoutConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsToSixtySeconds() throws SQLException {
        assertThat(SynapseConfig.fromUrl("jdbc:synapse://h1/db", null).catalog().ddlLockTimeoutMs()).isEqualTo(60_000);
        assertThat(SynapseConfig.builder().group(GroupInfo.of("g1", new NodeAddress("h1", 5432, "db"))).build()
                .catalog().ddlLockTimeoutMs()).isEqualTo(60_000);
        DriverPropertyInfo info = SynapseProperty.DDL_LOCK_TIMEOUT_MS.toDriverPropertyInfo(null);
        assertThat(info.name).isEqualTo("ddlLockTimeoutMs");
        assertThat(info.value).isEqualTo("60000");
        assertThat(info.description).contains("55P03");
    }

    @Test
    void readFromUrlInfoAndFileWithTheUsualPrecedence() throws SQLException, IOException {
        assertThat(SynapseConfig.fromUrl("jdbc:synapse://h1/db?ddlLockTimeoutMs=500", null).catalog().ddlLockTimeoutMs())
                .isEqualTo(500);
        assertThat(SynapseConfig.fromUrl("jdbc:synapse://h1/db", props("ddlLockTimeoutMs", "1")).catalog().ddlLockTimeoutMs())
                .isEqualTo(1);
        assertThat(SynapseConfig.fromUrl("jdbc:synapse://h1/db?ddlLockTimeoutMs=2147483647",
                props("ddlLockTimeoutMs", "7")).catalog().ddlLockTimeoutMs()).as("URL over info").isEqualTo(2_147_483_647L);

        Path f = dir.resolve("ddl.yaml");
        Files.writeString(f, "database: d\nddlLockTimeoutMs: 1500\ngroups:\n  - { name: g1, primary: h1 }\n");
        assertThat(SynapseConfig.fromUrl("jdbc:synapse:?config=" + f, null).catalog().ddlLockTimeoutMs()).isEqualTo(1500);
        assertThat(SynapseConfig.fromUrl("jdbc:synapse:?config=" + f, props("ddlLockTimeoutMs", "900"))
                .catalog().ddlLockTimeoutMs()).as("info over file").isEqualTo(900);
    }

    @Test
    void takesPartInEqualityAndToString() throws SQLException {
        SynapseConfig a = SynapseConfig.fromUrl("jdbc:synapse://h1/db?ddlLockTimeoutMs=500", null);
        SynapseConfig b = SynapseConfig.fromUrl("jdbc:synapse://h1/db", props("ddlLockTimeoutMs", "500"));
        SynapseConfig other = SynapseConfig.fromUrl("jdbc:synapse://h1/db", null);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(other);
        assertThat(a.toString()).contains("ddlLockTimeoutMs=500");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "2147483648", ""})
    void nonPositiveOrMalformedValuesAreRejectedNamingTheProperty(String value) {
        String m = invalid("jdbc:synapse://h1/db?ddlLockTimeoutMs=" + value);

        assertThat(m).contains("Invalid value '" + value + "' for ddlLockTimeoutMs").contains("(from the URL)")
                .contains("expected an integer from 1 to 2147483647");
    }

    @Test
    void theBuilderAndTheFileValidateToo() throws IOException {
        GroupInfo g1 = GroupInfo.of("g1", new NodeAddress("h1", 5432, "db"));
        assertThat(failsWith("22023", () -> SynapseConfig.builder().group(g1).ddlLockTimeoutMs(0).build())
                .getMessage()).contains("ddlLockTimeoutMs").contains("'0'");

        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "database: d\nddlLockTimeoutMs: -5\ngroups:\n  - { name: g1, primary: h1 }\n");
        assertThat(invalid("jdbc:synapse:?config=" + f)).contains("ddlLockTimeoutMs").contains("'-5'")
                .contains(f.toString());
    }
}
