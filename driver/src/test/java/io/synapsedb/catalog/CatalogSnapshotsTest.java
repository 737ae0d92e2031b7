package io.synapsedb.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.KeyType;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.TableKind;
import io.synapsedb.placement.Placement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snapshots' own logic, without nodes: versions only grow, and each publish is one whole snapshot. */
class CatalogSnapshotsTest {

    private static final List<GroupInfo> GROUPS = List.of(
            GroupInfo.of("g1", new NodeAddress("h1", 5432, "db")),
            GroupInfo.of("g2", new NodeAddress("h2", 5432, "db")));
    private static final TableInfo ORDERS = new TableInfo("orders", TableKind.DISTRIBUTED, "customer_id",
            KeyType.INT8, 8, 0, null, false);
    private static final TableInfo COUNTRIES = TableInfo.reference("countries");

    private final CatalogSnapshots snapshots = new CatalogSnapshots(GROUPS, 1, group -> {
        throw new AssertionError("no node is asked");
    });

    @Test
    void startsEmptyAtVersionZeroWithTheGroupsAndHomeGroup() {
        Catalog c = snapshots.current();

        assertThat(c.version()).isZero();
        assertThat(c.tables()).isEmpty();
        assertThat(c.groups()).isEqualTo(GROUPS);
        assertThat(c.homeGroup()).isEqualTo(1);
    }

    @Test
    void anOlderVersionIsNeverPublished() {
        snapshots.publish(5, Map.of("orders", ORDERS), Map.of());
        snapshots.publish(4, Map.of(), Map.of());

        assertThat(snapshots.current().version()).isEqualTo(5);
        assertThat(snapshots.current().find("orders")).isEqualTo(ORDERS);

        snapshots.publish(5, Map.of("countries", COUNTRIES), Map.of());
        assertThat(snapshots.current().tables()).as("the same version replaces").containsOnlyKeys("countries");
    }

    @Test
    void publishWithAddsTheTableAndKeepsAPlacementAlreadyStored() {
        Placement stored = Placement.compute(8, List.of("g2", "g1"));
        Placement other = Placement.compute(8, List.of("g1", "g2"));
        snapshots.publish(1, Map.of("countries", COUNTRIES), Map.of(8, stored));

        snapshots.publishWith(2, ORDERS, other);

        Catalog c = snapshots.current();
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.tables()).containsOnlyKeys("countries", "orders");
        assertThat(c.placements()).containsExactly(Map.entry(8, stored));

        snapshots.publishWith(3, TableInfo.reference("currencies"), null);
        assertThat(snapshots.current().placements()).containsExactly(Map.entry(8, stored));
        assertThat(snapshots.current().tables()).containsOnlyKeys("countries", "orders", "currencies");
    }

    @Test
    void publishWithoutDropsOnlyTheNamedTables() {
        Placement p = Placement.compute(8, List.of("g1", "g2"));
        snapshots.publish(1, Map.of("countries", COUNTRIES, "orders", ORDERS), Map.of(8, p));

        snapshots.publishWithout(2, List.of("orders", "not_declared"));

        assertThat(snapshots.current().version()).isEqualTo(2);
        assertThat(snapshots.current().tables()).containsOnlyKeys("countries");
        assertThat(snapshots.current().placements()).as("placements stay").containsOnlyKeys(8);
    }

    @Test
    void readdressKeepsVersionAndTablesWithTheNewAddresses() {
        snapshots.publish(3, Map.of("orders", ORDERS), Map.of());
        List<GroupInfo> moved = List.of(GROUPS.get(0), GroupInfo.of("g2", new NodeAddress("h2b", 5432, "db")));

        snapshots.readdress(moved);

        Catalog c = snapshots.current();
        assertThat(c.version()).isEqualTo(3);
        assertThat(c.find("orders")).isEqualTo(ORDERS);
        assertThat(c.group(1).primary().host()).isEqualTo("h2b");
        assertThat(snapshots.groups()).isEqualTo(moved);
        snapshots.publish(4, Map.of(), Map.of());
        assertThat(snapshots.current().group(1).primary().host()).as("later snapshots too").isEqualTo("h2b");
    }

    @Test
    void adoptTakesANewerDocumentAndTheHighestSchemaVersion() {
        snapshots.publish(3, Map.of(), Map.of());

        assertThat(snapshots.adopt(new CatalogDocument(4, 9, "distribute_table orders",
                Map.of("orders", ORDERS), Map.of()))).isTrue();
        assertThat(snapshots.current().find("orders")).isEqualTo(ORDERS);
        assertThat(snapshots.schemaVersion()).isEqualTo(9);

        assertThat(snapshots.adopt(new CatalogDocument(2, 12, "CREATE INDEX", Map.of(), Map.of()))).isFalse();
        assertThat(snapshots.current().version()).isEqualTo(4);
        assertThat(snapshots.schemaVersion()).as("a schema version is remembered even from an older catalog")
                .isEqualTo(12);

        snapshots.sawSchemaVersion(5);
        assertThat(snapshots.schemaVersion()).as("never goes back").isEqualTo(12);
    }
}
