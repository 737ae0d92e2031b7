package io.synapsedb.sql;

import io.synapsedb.catalog.TableInfo;
import io.synapsedb.catalog.TableLookup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects what one analysis learns, then freezes it into an {@link AnalyzedPlan}. */
final class PlanBuilder {

    final String sql;
    final long catalogVersion;
    final int parameterCount;
    StatementKind kind;
    final Set<String> tables = new LinkedHashSet<>();
    List<KeyRef> keys = List.of();
    boolean joinsOnShardKeys = true;
    boolean writes;
    String mergeReason;
    boolean updatesShardKey;
    InsertShape insert;
    SynapseCall call;
    TransactionOp transactionOp;
    String savepointName;
    DdlOp ddlOp;
    boolean setLocal;
    String parseError;
    MergePlan merge;
    boolean explain;
    FanoutHint fanoutHint = FanoutHint.NONE;
    String refusal;
    SlotText slotTexts;
    PlacementHint placementHint = PlacementHint.NONE;
    String opaque;
    SessionObject sessionObject;

    PlanBuilder(String sql, long catalogVersion, int parameterCount, StatementKind kind) {
        this.sql = sql;
        this.catalogVersion = catalogVersion;
        this.parameterCount = parameterCount;
        this.kind = kind;
    }

    PlanBuilder unparsed(String error) {
        this.kind = StatementKind.UNPARSED;
        this.parseError = error;
        this.keys = List.of();
        this.insert = null;
        this.call = null;
        this.mergeReason = null;
        this.merge = null;
        this.slotTexts = null;
        return this;
    }

    /**
     * A statement whose effect the driver cannot see from its text (a DO block, CALL, a cursor or
     * prepared statement it did not see made, several statements it cannot run together): it
     * runs only where a {@link PlacementHint} says, else the router refuses it.
     */
    PlanBuilder opaque(String why) {
        unparsed(why);
        this.opaque = why;
        return this;
    }

    AnalyzedPlan build(TableLookup lookup) {
        List<String> distributed = new ArrayList<>();
        List<String> reference = new ArrayList<>();
        List<String> home = new ArrayList<>();
        for (String t : tables) {
            TableInfo info = lookup.find(t);
            if (info != null) {
                (info.isDistributed() ? distributed : reference).add(t);
            } else if (!Names.isSystem(t)) {
                home.add(t);
            }
        }
        // Placed by a hint, a statement the driver cannot read is assumed to write what it reaches.
        boolean assumedWrite = kind == StatementKind.UNPARSED && placementHint == PlacementHint.ALL_GROUPS;
        return new AnalyzedPlan(sql, kind, catalogVersion, parameterCount, new ArrayList<>(tables),
                distributed, reference, home, keys, joinsOnShardKeys, writes || assumedWrite, mergeReason,
                updatesShardKey, insert, call, transactionOp, savepointName, ddlOp, setLocal, parseError, merge, explain,
                fanoutHint, refusal, slotTexts, placementHint, opaque, sessionObject);
    }
}
