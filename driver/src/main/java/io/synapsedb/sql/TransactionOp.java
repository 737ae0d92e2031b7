package io.synapsedb.sql;

/** Transaction control written as SQL. */
public enum TransactionOp {
    BEGIN,
    COMMIT,
    ROLLBACK,
    SAVEPOINT,
    RELEASE_SAVEPOINT,
    ROLLBACK_TO_SAVEPOINT,
    /** PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED: the driver owns these. */
    TWO_PHASE
}
