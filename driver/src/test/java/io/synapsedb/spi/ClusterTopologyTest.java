package io.synapsedb.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTopologyTest {

    private static final ClusterTopology TOPOLOGY = new ClusterTopology("shop", "g2", List.of(
            new ClusterTopology.Group("g1", "10.0.0.1:5432", List.of()),
            new ClusterTopology.Group("g2", "[::1]:5433", List.of("10.0.0.9:5432"))));

    @Test
    void roundTripsThroughItsDocument() throws SQLException {
        String text = TOPOLOGY.encode();

        assertThat(text).doesNotContain("\n").contains("shop").contains("10.0.0.1:5432");
        assertThat(ClusterTopology.decode(text)).isEqualTo(TOPOLOGY);
    }

    @Test
    void homeGroupDefaultsToTheFirstGroup() {
        ClusterTopology t = new ClusterTopology("shop", null,
                List.of(new ClusterTopology.Group("a", "h:1", List.of()), new ClusterTopology.Group("b", "h:2", List.of())));

        assertThat(t.homeGroup()).isEqualTo("a");
        assertThat(t.groupNames()).containsExactly("a", "b");
    }

    @Test
    void refusesDuplicateGroupsAndUnknownHomeGroup() {
        assertThatThrownBy(() -> new ClusterTopology("shop", null, List.of(
                new ClusterTopology.Group("a", "h:1", List.of()), new ClusterTopology.Group("a", "h:2", List.of()))))
                .hasMessageContaining("group a appears twice");
        assertThatThrownBy(() -> new ClusterTopology("shop", "z",
                List.of(new ClusterTopology.Group("a", "h:1", List.of()))))
                .hasMessageContaining("home group z");
    }

    @Test
    void anInvalidDocumentFailsWithXX001NamingTheKey() {
        assertThatThrownBy(() -> ClusterTopology.decode("{database: shop, groups: []}"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(CoordinationSession.TOPOLOGY_KEY)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("XX001"));
        assertThatThrownBy(() -> ClusterTopology.decode("[1, 2"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> ClusterTopology.decode("{groups: [{name: g1}]}"))
                .hasMessageContaining("missing primary");
    }
}
