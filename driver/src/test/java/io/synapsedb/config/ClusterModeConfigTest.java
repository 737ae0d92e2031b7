package io.synapsedb.config;

import static io.synapsedb.config.ConfigAssertions.failsWith;
import static io.synapsedb.config.ConfigAssertions.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.spi.ClusterTopology;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterModeConfigTest {

    private static final ClusterTopology TOPOLOGY = new ClusterTopology("shop", "g1", List.of(
            new ClusterTopology.Group("g1", "db1:5432", List.of()),
            new ClusterTopology.Group("g2", "db2:6432", List.of("db2r:6432"))));

    @Test
    void coordinatorUrlFormNamesTheMembersAndTakesNoGroups() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl(
                "jdbc:synapse:coordinator=c1@10.0.0.1:5679,10.0.0.2:5679/shop?user=app&coordinatorTimeoutMs=2000", null);

        assertThat(c.coordinator().members()).containsExactly("c1@10.0.0.1:5679", "10.0.0.2:5679");
        assertThat(c.coordinator().operationTimeoutMs()).isEqualTo(2000);
        assertThat(c.coordinator().host()).isEqualTo("127.0.0.1");
        assertThat(c.coordinator().port()).isZero();
        assertThat(c.coordinator().memberId()).isNull();
        assertThat(c.groups()).isEmpty();
        assertThat(c.database()).isEqualTo("shop");
    }

    @Test
    void withoutADatabaseTheTopologysIsUsed() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse:coordinator=h:5679", props("user", "app"));

        SynapseConfig resolved = c.withTopology(TOPOLOGY);

        assertThat(resolved.database()).isEqualTo("shop");
        assertThat(resolved.groups()).containsExactly(
                GroupInfo.of("g1", new NodeAddress("db1", 5432, "shop")),
                new GroupInfo("g2", new NodeAddress("db2", 6432, "shop"), List.of(new NodeAddress("db2r", 6432, "shop"))));
        assertThat(resolved.homeGroup()).isEqualTo("g1");
        assertThat(resolved.user()).isEqualTo("app");
        assertThat(resolved.coordinator()).isEqualTo(c.coordinator());
    }

    @Test
    void staticGroupsSeedTheTopology() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse://db1:5432,db2:6432/shop?coordinator=h:5679", null);

        assertThat(c.toTopology().groups()).containsExactly(
                new ClusterTopology.Group("g1", "db1:5432", List.of()),
                new ClusterTopology.Group("g2", "db2:6432", List.of()));
        assertThat(c.toTopology().database()).isEqualTo("shop");
    }

    @Test
    void aHomeGroupOtherThanTheTopologysIsRefused() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse:coordinator=h:5679/shop?homeGroup=g2", null);

        SQLException e = failsWith("22023", () -> c.withTopology(TOPOLOGY));
        assertThat(e.getMessage()).contains("homeGroup 'g2'").contains("'g1'");
    }

    @Test
    void badCoordinatorSettingsFailWith22023() {
        failsWith("22023", () -> SynapseConfig.fromUrl("jdbc:synapse:coordinator=/shop", null));
        failsWith("22023", () -> SynapseConfig.fromUrl("jdbc:synapse:coordinator=nohostport/shop", null));
        failsWith("22023", () -> SynapseConfig.fromUrl("jdbc:synapse://db1/shop?coordinatorPort=5679", null));
        failsWith("22023", () -> SynapseConfig.fromUrl("jdbc:synapse:coordinator=h:1/shop?coordinatorPort=70000", null));
        failsWith("22023", () -> SynapseConfig.fromUrl("jdbc:synapse:coordinator=h:1/shop?coordinator=h:2", null));
    }

    @Test
    void coordinatorPasswordsNeverShow() throws SQLException {
        SynapseConfig c = SynapseConfig.fromUrl("jdbc:synapse:coordinator=h:1/shop?coordinatorKeyStore=k.p12"
                + "&coordinatorKeyStorePassword=s3cret&coordinatorTrustStore=t.p12&coordinatorTrustStorePassword=s3cret2",
                null);

        assertThat(c.coordinator().keyStorePassword()).isEqualTo("s3cret");
        assertThat(c.toString()).doesNotContain("s3cret");
    }
}
