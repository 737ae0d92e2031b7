/**
 * Transactions across groups: two-phase commit with a decision record in the coordinator group's
 * own transaction ({@link io.synapsedb.txn.TwoPhaseCommit}), recovery of orphaned prepared
 * transactions by any driver instance ({@link io.synapsedb.txn.TransactionRecovery}), and the
 * decision table {@code synapse.transactions} ({@link io.synapsedb.txn.DecisionLog}). The argument
 * for the protocol is in docs/transactions.md.
 */
package io.synapsedb.txn;
