package io.synapsedb.sql;

import java.util.List;

/**
 * The immutable {@link StatementPlan} the analyser produces. See the interface for the meaning of
 * each component.
 */
record AnalyzedPlan(
        String sql,
        StatementKind kind,
        long catalogVersion,
        int parameterCount,
        List<String> tables,
        List<String> distributedTables,
        List<String> referenceTables,
        List<String> homeTables,
        List<KeyRef> keys,
        boolean joinsOnShardKeys,
        boolean writes,
        String mergeReason,
        boolean updatesShardKey,
        InsertShape insert,
        SynapseCall call,
        TransactionOp transactionOp,
        String savepointName,
        DdlOp ddlOp,
        boolean setLocal,
        String parseError,
        MergePlan merge,
        boolean explain,
        FanoutHint fanoutHint,
        String refusal,
        SlotText slotTexts,
        PlacementHint placementHint,
        String opaque,
        SessionObject sessionObject) implements StatementPlan {

    AnalyzedPlan {
        tables = List.copyOf(tables);
        distributedTables = List.copyOf(distributedTables);
        referenceTables = List.copyOf(referenceTables);
        homeTables = List.copyOf(homeTables);
        // List.copyOf refuses nulls; keys never hold null (a NULL literal is Literal(null)).
        keys = List.copyOf(keys);
    }

    @Override
    public String slotText(int slot) {
        return slotTexts == null ? null : slotTexts.text(slot);
    }

    @Override
    public String toString() {
        return "StatementPlan[" + kind + ", tables=" + tables + ", keys=" + keys
                + ", joinsOnShardKeys=" + joinsOnShardKeys + ", writes=" + writes
                + (mergeReason != null ? ", merge=" + mergeReason : "")
                + (merge != null && merge.refusal() != null ? ", mergeRefused=" + merge.refusal() : "")
                + (parseError != null ? ", parseError=" + parseError : "")
                + (refusal != null ? ", refusal=" + refusal : "")
                + (opaque != null ? ", opaque" : "")
                + (placementHint != PlacementHint.NONE ? ", hint=" + placementHint : "") + "]";
    }
}
