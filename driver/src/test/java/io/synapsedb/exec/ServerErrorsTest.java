package io.synapsedb.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.KeyType;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.TableKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Errors a node reports about a slot's partition speak of the logical table, and carry no input values. */
class ServerErrorsTest {

    private static final Catalog CATALOG = new Catalog(3,
            List.of(GroupInfo.of("g1", new NodeAddress("127.0.0.1", 5001, "db"))), 0,
            Map.of("accounts", new TableInfo("accounts", TableKind.DISTRIBUTED, "id", KeyType.INT8, 128, 0, null, false),
                    "my_sales", new TableInfo("my_sales", TableKind.DISTRIBUTED, "id", KeyType.INT8, 16, 0, null, false),
                    "countries", TableInfo.reference("countries")),
            Map.of());

    private static PSQLException reported(String fields) {
        return new PSQLException(new ServerErrorMessage(fields.replace('|', '\0')), false);
    }

    @Test
    void partitionNamesBecomeTheLogicalTable() {
        PSQLException e = (PSQLException) ServerErrors.logical(reported("SERROR|C23505|Mduplicate key value violates"
                + " unique constraint \"accounts_s84_pkey\"|DKey (id)=(7) already exists.|spublic|taccounts_s84"
                + "|naccounts_s84_pkey|"), CATALOG, false);
        assertThat(e.getMessage()).isEqualTo("ERROR: duplicate key value violates unique constraint \"accounts_pkey\"");
        assertThat(e.getSQLState()).isEqualTo("23505");
        assertThat(e.getServerErrorMessage().getTable()).isEqualTo("accounts");
        assertThat(e.getServerErrorMessage().getConstraint()).isEqualTo("accounts_pkey");
        assertThat(e.getServerErrorMessage().getDetail()).isEqualTo("Key (id)=(7) already exists.");
        assertThat(e.getServerErrorMessage().getSchema()).isEqualTo("public");
    }

    @Test
    void onlyRealPartitionsAreRenamed() {
        // slot 16 does not exist for a 16-slot table, my_sales_s05 is no partition name, other_s3 no declared table
        SQLException same = reported("SERROR|C23514|Mnew row for relation \"my_sales_s16\" violates my_sales_s05 and"
                + " other_s3|");
        assertThat((Throwable) ServerErrors.logical(same, CATALOG, false)).isSameAs(same);
        SQLException renamed = ServerErrors.logical(reported("SERROR|C23514|Mnew row for relation \"my_sales_s15\""
                + " violates check constraint \"my_sales_amount_check\"|tmy_sales_s15|"), CATALOG, false);
        assertThat(renamed.getMessage()).contains("\"my_sales\"").doesNotContain("_s15");
    }

    @Test
    void dataExceptionsLoseTheirQuotedInputUnlessDetailIsOn() {
        SQLException bad = reported("SERROR|C22P02|Minvalid input syntax for type integer: \"s3cret\"|");
        assertThat(ServerErrors.logical(bad, CATALOG, false).getMessage())
                .isEqualTo("ERROR: invalid input syntax for type integer: \"...\"");
        assertThat((Throwable) ServerErrors.logical(bad, CATALOG, true)).isSameAs(bad);
    }

    @Test
    void aMissingPartitionKeepsItsNameForTheRetryOnTheParent() {
        SQLException gone = reported("SERROR|C42P01|Mrelation \"accounts_s17\" does not exist|");
        assertThat((Throwable) ServerErrors.logical(gone, CATALOG, false)).isSameAs(gone);
    }

    @Test
    void batchesAreRewrittenWithEveryChainedError() {
        BatchUpdateException b = new BatchUpdateException("Batch entry 0 <unknown> was aborted: ERROR: duplicate key value"
                + " violates unique constraint \"accounts_s3_pkey\"", "23505", 0, new long[] {1}, null);
        b.setNextException(reported("SERROR|C23505|Mduplicate key value violates unique constraint \"accounts_s3_pkey\"|"));
        SQLException r = ServerErrors.logical(b, CATALOG, false);
        assertThat((Throwable) r).isInstanceOf(BatchUpdateException.class);
        assertThat(r.getMessage()).contains("\"accounts_pkey\"").doesNotContain("_s3");
        assertThat(r.getNextException().getMessage()).contains("\"accounts_pkey\"");
        assertThat(((BatchUpdateException) r).getLargeUpdateCounts()).containsExactly(1);
        SQLException plain = new SQLException("not from the server", "XX000");
        assertThat((Throwable) ServerErrors.logical(plain, CATALOG, false)).isSameAs(plain);
    }
}
