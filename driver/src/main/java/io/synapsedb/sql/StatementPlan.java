package io.synapsedb.sql;

import java.util.List;

/**
 * What the analyser learnt about one SQL text against one catalog version: enough for the router
 * to choose groups without parsing again. Immutable and cached by SQL text.
 *
 * <p>Table names are normalised: unquoted identifiers lower-cased, quoted ones kept, the
 * {@code public.} schema dropped, other schemas kept as {@code schema.table}. CTE names are not
 * tables.
 */
public interface StatementPlan {

    /** The logical SQL text as the application wrote it. */
    String sql();

    StatementKind kind();

    /** Catalog version the plan was made against; a plan from an older version is re-analysed. */
    long catalogVersion();

    /** Number of JDBC {@code ?} parameters. */
    int parameterCount();

    /** Every table the statement reads or writes (joins, subqueries and CTE bodies included). */
    List<String> tables();

    /** The referenced tables that the catalog declares distributed. */
    List<String> distributedTables();

    /** The referenced tables that the catalog declares reference tables. */
    List<String> referenceTables();

    /**
     * The referenced tables the catalog does not declare and that are not system tables
     * ({@code pg_catalog}, {@code information_schema}, {@code synapse}): they live on the home group.
     */
    List<String> homeTables();

    /**
     * The shard-key values that bound the rows of the distributed tables: top-level {@code AND}
     * conjuncts of the form {@code key = v}, {@code key IN (v, ...)} or {@code key = ANY(?)} on the
     * routed table. Empty when nothing bounds them (every group is needed).
     */
    List<KeyRef> keys();

    /**
     * True when there is at most one distributed table, or every distributed table is tied to the
     * others by equality of their shard keys (in {@code JOIN ... ON}, {@code USING} or
     * {@code WHERE}), so that one key value selects the same slot of each. A statement with
     * several distributed tables and {@code false} here cannot be pushed down to groups.
     */
    boolean joinsOnShardKeys();

    /** The statement writes rows (INSERT/UPDATE/DELETE, or a data-modifying CTE). */
    boolean writes();

    /**
     * Why a result from several groups would need merging ({@code "ORDER BY"}, {@code "LIMIT"},
     * {@code "aggregate count"}, {@code "GROUP BY"}, {@code "DISTINCT"}, {@code "window function"},
     * {@code "UNION"}, ...), or {@code null} when concatenating the groups' rows is the right answer.
     */
    String mergeReason();

    /** UPDATE assigns the shard key of a distributed table (rows could change slot). */
    boolean updatesShardKey();

    /** For INSERT ... VALUES on a distributed table, the rows' shape; otherwise {@code null}. */
    InsertShape insert();

    /** For {@link StatementKind#SYNAPSE_CALL}, the call; otherwise {@code null}. */
    SynapseCall call();

    /** For {@link StatementKind#TRANSACTION}, which; otherwise {@code null}. */
    TransactionOp transactionOp();

    /** For savepoint operations, the savepoint name; otherwise {@code null}. */
    String savepointName();

    /** For {@link StatementKind#DDL}, what the catalog must follow; otherwise {@code null}. */
    DdlOp ddlOp();

    /** For {@link StatementKind#SET}: {@code SET LOCAL} (lasts only to the end of the transaction). */
    boolean setLocal();

    /** For {@link StatementKind#UNPARSED}, the parser's message; otherwise {@code null}. */
    String parseError();

    /**
     * For a SELECT whose multi-group result needs merging ({@link #mergeReason()} set and
     * mergeable), how the driver merges it, possibly with {@link MergePlan#refusal()} saying why it
     * cannot; for an {@code EXPLAIN SELECT}, the merge of the explained query with the group text
     * prefixed by the EXPLAIN. Otherwise {@code null}.
     */
    MergePlan merge();

    /** The statement is {@code EXPLAIN} of a query. */
    boolean explain();

    /** A leading {@code /*+ synapse:no_fanout *}{@code /} or {@code synapse:allow_fanout} comment. */
    FanoutHint fanoutHint();

    /**
     * Why the driver must not run the statement at all, or {@code null}. Set for statements that
     * would each build something from one group's rows of a distributed table ({@code CREATE TABLE
     * ... AS}, {@code CREATE MATERIALIZED VIEW}, {@code SELECT ... INTO}), and for statements whose
     * meaning PostgreSQL and the router could read differently (a session setting that changes how
     * text is read or names are found, {@code ONLY} on a distributed table, a partition's name, a
     * view over a declared table, a rename of a declared table). The driver refuses such a plan
     * with {@code 0A000} before anything runs, whatever its kind.
     */
    String refusal();

    /**
     * A leading {@code /*+ synapse:home *}{@code /} or {@code synapse:all_groups} comment: where a
     * statement the driver cannot analyse runs. Only {@link StatementKind#UNPARSED} plans use it.
     */
    PlacementHint placementHint();

    /**
     * For an {@link StatementKind#UNPARSED} plan whose effect cannot be seen in its text at all
     * (a {@code DO} block, {@code CALL}, {@code EXECUTE} of a prepared statement, {@code FETCH}
     * from a cursor, several statements that cannot run together), why; such a plan runs only
     * where its {@link #placementHint()} says, even when it names no declared table. Otherwise
     * {@code null}.
     */
    String opaque();

    /**
     * For {@code PREPARE}/{@code EXECUTE}/{@code DEALLOCATE} and {@code DECLARE}/{@code FETCH}/
     * {@code MOVE}/{@code CLOSE}, the prepared statement or cursor it creates, uses or drops;
     * otherwise {@code null}.
     */
    SessionObject sessionObject();

    /**
     * The text to send when one execution touches exactly one slot of the distributed tables:
     * every distributed table reference replaced by the slot's partition ({@code orders} becomes
     * {@code orders_s17 AS orders}, {@code orders o} becomes {@code orders_s17 o}). Built once per
     * slot and then shared. {@code null} when direct partitions do not apply to this statement (it
     * is not a single-slot SELECT/INSERT/UPDATE/DELETE, or a reference could not be located
     * exactly in the text): the caller then sends {@link #sql()}.
     */
    default String slotText(int slot) {
        return null;
    }
}
