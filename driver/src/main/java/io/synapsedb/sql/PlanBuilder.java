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
        return new AnalyzedPlan(sql, kind, catalogVersion, parameterCount, new ArrayList<>(tables),
                distributed, reference, home, keys, joinsOnShardKeys, writes, mergeReason,
                updatesShardKey, insert, call, transactionOp, savepointName, ddlOp, setLocal, parseError, merge, explain,
                fanoutHint, refusal, slotTexts);
    }
}
