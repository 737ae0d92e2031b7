package io.synapsedb.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.core.KeyType;
import io.synapsedb.core.TableKind;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a declaration decides before it touches a node: names, slot counts, declaring twice. */
class DeclarationsTest {

    private static final TableInfo ORDERS = new TableInfo("orders", TableKind.DISTRIBUTED, "customer_id",
            KeyType.INT8, 16, 0, null, false);

    @Test
    void tableNamesAreReadAsPostgresReadsIdentifiers() {
        assertThat(Declarations.normalize(" Orders ")).isEqualTo("orders");
        assertThat(Declarations.normalize("public.Orders")).isEqualTo("orders");
        assertThat(Declarations.normalize("Sales.\"Order.Lines\"")).isEqualTo("sales.Order.Lines");
        assertThat(Declarations.normalize("\"My.Schema\".t")).isEqualTo("My.Schema.t");
        assertThat(Declarations.normalizeColumn("\"CustomerId\"")).isEqualTo("CustomerId");
        assertThat(Declarations.normalizeColumn("CustomerId")).isEqualTo("customerid");
    }

    @Test
    void slotCountIsTheDefaultForNoneAndAtMost4096() throws SQLException {
        assertThat(Declarations.slotCount(0, 128)).isEqualTo(128);
        assertThat(Declarations.slotCount(-1, 128)).isEqualTo(128);
        assertThat(Declarations.slotCount(4096, 128)).isEqualTo(4096);
        assertThatThrownBy(() -> Declarations.slotCount(4097, 128))
                .hasMessage("slots must be between 1 and 4096, got 4097")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    }

    @Test
    void partitionNamesMustFitPostgresIdentifiers() throws SQLException {
        String sixty = "t".repeat(58); // with "_s4095" 64 bytes, with "_s999" 63
        Partitions.checkNames(sixty, 1000);
        Partitions.checkNames("s." + sixty, 1000);
        assertThatThrownBy(() -> Partitions.checkNames(sixty, 4096))
                .hasMessageContaining(sixty + "_s4095").hasMessageContaining("63 bytes")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42622"));
    }

    @Test
    void declaringTheSameTwiceAnswersWithoutAChange() throws SQLException {
        assertThat(Declarations.alreadyDeclared("orders", null, TableKind.DISTRIBUTED, "customer_id", 16)).isNull();
        assertThat(Declarations.alreadyDeclared("orders", ORDERS, TableKind.DISTRIBUTED, "customer_id", 16))
                .isEqualTo("table orders is already distributed by customer_id into 16 slots");
        assertThat(Declarations.alreadyDeclared("countries", TableInfo.reference("countries"), TableKind.REFERENCE,
                null, 0)).isEqualTo("table countries is already a reference table");
    }

    @Test
    void declaringATableOtherwiseIsRefused() {
        assertThatThrownBy(() -> Declarations.alreadyDeclared("orders", ORDERS, TableKind.DISTRIBUTED, "id", 16))
                .hasMessage("table orders is already declared as distributed by customer_id into 16 slots;"
                        + " drop and re-create it to change that")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P16"));
        assertThatThrownBy(() -> Declarations.alreadyDeclared("orders", ORDERS, TableKind.DISTRIBUTED,
                "customer_id", 32)).hasMessageContaining("already declared as distributed");
        assertThatThrownBy(() -> Declarations.alreadyDeclared("orders", ORDERS, TableKind.REFERENCE, null, 0))
                .hasMessage("table orders is already declared as distributed by customer_id into 16 slots");
        assertThatThrownBy(() -> Declarations.alreadyDeclared("countries", TableInfo.reference("countries"),
                TableKind.DISTRIBUTED, "id", 16))
                .hasMessageStartingWith("table countries is already declared as a reference table;");
    }
}
