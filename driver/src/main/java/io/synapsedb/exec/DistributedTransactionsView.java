package io.synapsedb.exec;

import io.synapsedb.txn.InDoubtTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The driver's view {@code synapse.distributed_transactions(gid, groups, state, age)}: the
 * two-phase transactions some group holds prepared, as the recovery sees them (see
 * {@link InDoubtTransaction}).
 */
final class DistributedTransactionsView {

    static final DriverView VIEW = new DriverView("distributed_transactions", List.of(
            new DriverView.Column("gid", "text"),
            new DriverView.Column("groups", "text"),
            new DriverView.Column("state", "text"),
            new DriverView.Column("age", "interval")),
            runtime -> rows(runtime.recovery().list()));

    private DistributedTransactionsView() {
    }

    /** One row per transaction; {@code groups} comma-separated, {@code age} in milliseconds. */
    static List<String[]> rows(List<InDoubtTransaction> transactions) {
        List<String[]> out = new ArrayList<>(transactions.size());
        for (InDoubtTransaction t : transactions) {
            out.add(new String[] {t.gid(), String.join(",", t.groups()), t.state(),
                String.format(Locale.ROOT, "%d milliseconds", t.ageMs())});
        }
        return out;
    }
}
