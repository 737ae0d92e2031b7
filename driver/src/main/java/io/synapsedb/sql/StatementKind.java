package io.synapsedb.sql;

/** What a statement does, as far as routing cares. */
public enum StatementKind {
    SELECT,
    INSERT,
    UPDATE,
    DELETE,
    /** CREATE/ALTER/DROP/TRUNCATE/COMMENT/CREATE INDEX ...: runs on every group. */
    DDL,
    /** SET / RESET / SET SESSION ...: applies to every physical connection of the logical one. */
    SET,
    /** BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK / SAVEPOINT / RELEASE / ROLLBACK TO. */
    TRANSACTION,
    /** {@code SELECT synapse.distribute_table(...)} and the other functions of {@link SynapseCall}. */
    SYNAPSE_CALL,
    /** Anything else the parser read (SHOW, EXPLAIN, VALUES, CALL, ...): runs on the home group. */
    UTILITY,
    /** The parser could not read it; see {@link StatementPlan#parseError()}. */
    UNPARSED
}
