package io.synapsedb.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog side of DDL that needs no node: the version a drop publishes, and what is announced. */
class SchemaChangesTest {

    private static final List<GroupInfo> GROUPS = List.of(GroupInfo.of("g1", new NodeAddress("h1", 5432, "db")));

    private final List<String> announced = new ArrayList<>();
    private final CatalogSnapshots snapshots = new CatalogSnapshots(GROUPS, 0, group -> {
        throw new AssertionError("no node is asked");
    });
    private final SchemaChanges changes = new SchemaChanges(snapshots, new CatalogChannel() {
        @Override
        public Hold hold(String change) {
            return () -> { };
        }

        @Override
        public void announce(Catalog catalog, long schemaVersion, String change) {
            announced.add(catalog.version() + "/" + schemaVersion + " " + change);
        }

        @Override
        public long[] announcedVersions() {
            return null;
        }
    }, 1000);

    @Test
    void aDropOfDeclaredTablesPublishesTheNextVersionWithoutThem() {
        snapshots.publish(6, Map.of("orders", TableInfo.reference("orders"), "countries",
                TableInfo.reference("countries")), Map.of());

        assertThat(changes.versionAfterDrop(List.of("undeclared"))).as("no catalog change").isEqualTo(-1);
        long version = changes.versionAfterDrop(List.of("undeclared", "orders"));
        assertThat(version).isEqualTo(7);

        changes.afterDrop(version, List.of("undeclared", "orders"));
        assertThat(snapshots.current().version()).isEqualTo(7);
        assertThat(snapshots.current().tables()).containsOnlyKeys("countries");

        changes.afterDrop(-1, List.of("countries"));
        assertThat(snapshots.current().tables()).as("-1 changes nothing").containsOnlyKeys("countries");
    }

    @Test
    void committedDdlIsRememberedAndAnnouncedWithTheCurrentCatalog() throws SQLException {
        snapshots.publish(2, Map.of(), Map.of());

        changes.ddlCommitted(5, "CREATE TABLE t");

        assertThat(snapshots.schemaVersion()).isEqualTo(5);
        assertThat(announced).containsExactly("2/5 CREATE TABLE t");
        assertThat(changes.nextSchemaVersion(new Connection[] {null}))
                .as("with no connection to ask, one more than the version seen").isEqualTo(6);
    }
}
