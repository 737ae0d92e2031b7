package io.synapsedb.config;

import static io.synapsedb.config.ConfigAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.TableKind;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SynapseConfigTest {

    private static final GroupInfo G1 = GroupInfo.of("g1", new NodeAddress("h1", 5432, "db"));
    private static final GroupInfo G2 = new GroupInfo("g2", new NodeAddress("h2", 5432, "db"),
            List.of(new NodeAddress("h2r", 5432, "db")));

    private static SynapseConfig.Builder base() {
        return SynapseConfig.builder().group(G1).group(G2).user("app").password("pw")
                .pgProperty("sslmode", "require")
                .table(TableDeclaration.distributed("orders", "customer_id"))
                .table(TableDeclaration.reference("countries"));
    }

    @Test
    void builderDefaultsAndDerivedValues() throws SQLException {
        SynapseConfig c = base().build();

        assertThat(c.homeGroup()).isEqualTo("g1");
        assertThat(c.database()).isEqualTo("db");
        assertThat(c.groups()).containsExactly(G1, G2);
        assertThat(c.pool().size()).isEqualTo(10);
        assertThat(c.tables()).hasSize(2);
    }

    @Test
    void equalConfigsAreEqualWithEqualHashCodes() throws SQLException {
        SynapseConfig a = base().build();
        SynapseConfig b = base().build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void theSameClusterFromUrlAndInfoIsEqual() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "app");
        info.setProperty("password", "pw");
        SynapseConfig viaInfo = SynapseConfig.fromUrl("jdbc:synapse://h1,h2/db?poolSize=3", info);
        SynapseConfig viaUrl = SynapseConfig.fromUrl(
                "jdbc:synapse://h1:5432,h2:5432/db?password=pw&user=app&poolSize=3", null);

        assertThat(viaInfo).isEqualTo(viaUrl).hasSameHashCodeAs(viaUrl);
    }

    @Test
    void everySettingTakesPartInEquality() throws SQLException {
        SynapseConfig a = base().build();

        assertThat(List.of(
                base().homeGroup("g2"),
                base().database("other"),
                base().user("other"),
                base().password("other"),
                base().password(null),
                base().pgProperty("ApplicationName", "x"),
                base().poolSize(11),
                base().poolMinIdle(1),
                base().connectionTimeoutMs(5001),
                base().defaultSlots(64),
                base().table(TableDeclaration.distributed("lines", "order_id")),
                base().planCacheSize(1),
                base().keyBlockSize(1),
                base().breakerFailureRateThreshold(51),
                base().breakerMinimumCalls(6),
                base().breakerOpenMs(1),
                base().failOnFullFanout(true),
                base().ddlLockTimeoutMs(500),
                base().groups(List.of(G2, G1))))
                .allSatisfy(b -> assertThat(b.build()).isNotEqualTo(a));
    }

    @Test
    void toStringShowsTheTopologyButNoPassword() throws SQLException {
        SynapseConfig c = base().password("Hunter2-secret").pgProperty("sslpassword", "key-secret")
                .build();

        assertThat(c.toString()).contains("g1=h1:5432/db").contains("h2r:5432/db")
                .contains("user=app").contains("sslmode=require").contains("password=***")
                .contains("sslpassword=***")
                .doesNotContain("Hunter2-secret").doesNotContain("key-secret");
        assertThat(c.pgProperties().getProperty("sslpassword")).isEqualTo("key-secret");
    }

    @Test
    void builderValidatesLikeTheUrl() {
        assertThat(failsWith("22023", () -> SynapseConfig.builder().build()).getMessage())
                .contains("No groups");
        assertThat(failsWith("22023", () -> base().poolSize(0).build()).getMessage())
                .contains("poolSize").contains("'0'");
        assertThat(failsWith("22023", () -> base().defaultSlots(5000).build()).getMessage())
                .contains("defaultSlots").contains("'5000'");
        assertThat(failsWith("22023", () -> base().breakerFailureRateThreshold(0).build())
                .getMessage()).contains("breakerFailureRateThreshold");
        assertThat(failsWith("22023", () -> base().homeGroup("g7").build()).getMessage())
                .contains("homeGroup 'g7'");
        assertThat(failsWith("22023", () -> base().group(G1).build()).getMessage())
                .contains("Duplicate group name 'g1'");
        assertThat(failsWith("22023", () -> base().pgProperty("PGHOST", "x").build()).getMessage())
                .contains("PGHOST");
        assertThat(failsWith("22023", () -> base().pgProperty("password", "x").build())
                .getMessage()).contains("password");
        assertThat(failsWith("22023", () -> base().pgProperty("poolSize", "3").build()).getMessage())
                .contains("poolSize");
        assertThat(failsWith("22023", () -> base().user(" ").build()).getMessage())
                .contains("user");
        assertThat(failsWith("22023",
                () -> base().table(TableDeclaration.reference("Countries")).build()).getMessage())
                .contains("Countries").contains("twice");
    }

    @Test
    void tableDeclarationInvariants() {
        assertThatThrownBy(() -> new TableDeclaration("t", TableKind.DISTRIBUTED, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shardKey");
        assertThatThrownBy(() -> new TableDeclaration("t", TableKind.DISTRIBUTED, "id", 4097))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4097");
        assertThatThrownBy(() -> new TableDeclaration("t", TableKind.REFERENCE, "id", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TableDeclaration.distributed("t", "id").effectiveSlots(100)).isEqualTo(100);
        assertThat(new TableDeclaration("t", TableKind.DISTRIBUTED, "id", 7).effectiveSlots(100))
                .isEqualTo(7);
    }

    @Test
    void normalizedNameFoldsUnquotedPartsAndDropsPublic() {
        assertThat(SynapseConfig.normalizedName("Orders")).isEqualTo("orders");
        assertThat(SynapseConfig.normalizedName("public.Orders")).isEqualTo("orders");
        assertThat(SynapseConfig.normalizedName("\"Orders\"")).isEqualTo("Orders");
        assertThat(SynapseConfig.normalizedName("Sales.\"Orders\"")).isEqualTo("sales.Orders");
    }
}
