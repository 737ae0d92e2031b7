package io.synapsedb.txn;

import java.util.List;

/**
 * A two-phase transaction that some group holds prepared, as listed by
 * {@code SELECT * FROM synapse.distributed_transactions}.
 *
 * @param gid the global transaction id
 * @param groups the groups holding it prepared
 * @param state {@code preparing} (younger than {@code recoveryMinAgeMs}: normally still committing),
 *     {@code in doubt} (no decision yet), {@code committing} (decided commit, recovery finishes it) or
 *     {@code aborting} (decided abort)
 * @param ageMs how long the oldest prepared part has been prepared
 */
public record InDoubtTransaction(String gid, List<String> groups, String state, long ageMs) {
}
