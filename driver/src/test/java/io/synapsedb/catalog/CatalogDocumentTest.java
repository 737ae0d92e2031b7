package io.synapsedb.catalog;

import io.synapsedb.core.KeyType;
import io.synapsedb.core.TableKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.placement.Placement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogDocumentTest {

    @Test
    void roundTripsTablesPlacementsAndVersions() throws SQLException {
        Placement p = Placement.compute(16, List.of("g1", "g2", "g3")).withEpoch(4);
        TableInfo orders = new TableInfo("orders", TableKind.DISTRIBUTED, "customer_id", KeyType.INT8, 16, 1,
                "public.orders_customer_id_seq", true);
        TableInfo quoted = new TableInfo("Sales.\"Line Items\"", TableKind.DISTRIBUTED, "k", KeyType.TEXT, 16, 0,
                null, false);
        TableInfo countries = TableInfo.reference("countries");
        CatalogDocument doc = new CatalogDocument(7, 12, "ALTER TABLE orders",
                Map.of("orders", orders, quoted.name(), quoted, "countries", countries), Map.of(16, p));

        CatalogDocument back = CatalogDocument.decode(doc.encode());

        assertThat(back.version()).isEqualTo(7);
        assertThat(back.schemaVersion()).isEqualTo(12);
        assertThat(back.lastChange()).isEqualTo("ALTER TABLE orders");
        assertThat(back.tables()).isEqualTo(doc.tables());
        assertThat(back.placements().get(16)).isEqualTo(p);
        assertThat(back.placements().get(16).epoch()).isEqualTo(4);
    }

    @Test
    void anInvalidDocumentFailsWithXX001() {
        assertThatThrownBy(() -> CatalogDocument.decode("{version: 1}"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("XX001"));
    }
}
