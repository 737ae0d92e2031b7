package io.synapsedb.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.placement.Placement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DDL that turns a plain table into the partitions one group owns. */
class PartitionsTest {

    /** Slots 0 and 2 on g1, 1 and 3 on g2. */
    private static final Placement ALTERNATE = new Placement(4, List.of("g1", "g2"), new int[] {0, 1, 0, 1}, 0);

    @Test
    void aGroupGetsThePartitionsOfItsSlotsOnly() {
        assertThat(Partitions.repartitionStatements("orders", "customer_id", 4, ALTERNATE, "g2", null))
                .containsExactly(
                        "ALTER TABLE \"orders\" RENAME TO \"orders__synapse_old\"",
                        "CREATE TABLE \"orders\" (LIKE \"orders__synapse_old\" INCLUDING ALL)"
                                + " PARTITION BY HASH (\"customer_id\")",
                        "CREATE TABLE \"orders_s1\" PARTITION OF \"orders\" FOR VALUES WITH (MODULUS 4, REMAINDER 1)",
                        "CREATE TABLE \"orders_s3\" PARTITION OF \"orders\" FOR VALUES WITH (MODULUS 4, REMAINDER 3)",
                        "DROP TABLE \"orders__synapse_old\"");
    }

    @Test
    void aSerialKeysSequenceMovesToTheNewTableAroundTheDrop() {
        List<String> sql = Partitions.repartitionStatements("sales.Orders", "id", 4, ALTERNATE, "g1",
                "sales.\"Orders_id_seq\"");

        assertThat(sql.get(0)).isEqualTo("ALTER TABLE \"sales\".\"Orders\" RENAME TO \"Orders__synapse_old\"");
        assertThat(sql.get(1)).startsWith("CREATE TABLE \"sales\".\"Orders\" (LIKE \"sales\".\"Orders__synapse_old\"");
        assertThat(sql.get(2)).isEqualTo("CREATE TABLE \"sales\".\"Orders_s0\" PARTITION OF \"sales\".\"Orders\""
                + " FOR VALUES WITH (MODULUS 4, REMAINDER 0)");
        assertThat(sql.subList(4, sql.size())).containsExactly(
                "ALTER SEQUENCE sales.\"Orders_id_seq\" OWNED BY NONE",
                "DROP TABLE \"sales\".\"Orders__synapse_old\"",
                "ALTER SEQUENCE sales.\"Orders_id_seq\" OWNED BY \"sales\".\"Orders\".\"id\"");
    }

    @Test
    void partitionNamesAreTheRelnameAndTheSlot() {
        assertThat(Partitions.name("orders", 17)).isEqualTo("orders_s17");
        assertThat(CatalogManager.partitionName("orders", 0)).isEqualTo("orders_s0");
    }
}
