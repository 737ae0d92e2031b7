package io.synapsedb.txn;

/**
 * What one recovery run did.
 *
 * @param committed prepared transactions committed (their decision was commit)
 * @param rolledBack prepared transactions rolled back (no decision, and none can come any more)
 * @param inDoubt prepared transactions old enough to settle that this run found
 * @param skipped of those, the ones left for a later run (coordinator unreachable or still at work)
 * @param unreachableGroups groups that could not be asked
 */
public record RecoveryResult(int committed, int rolledBack, int inDoubt, int skipped, int unreachableGroups) {
}
