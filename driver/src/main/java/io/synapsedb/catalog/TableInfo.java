package io.synapsedb.catalog;

import io.synapsedb.core.KeyType;
import io.synapsedb.core.TableKind;
import java.util.Objects;

/**
 * A declared table.
 *
 * @param name normalised name: lower case unless it was quoted, without the {@code public.} schema
 *     (other schemas stay as {@code schema.table})
 * @param kind distributed or reference
 * @param shardKey normalised shard-key column name (distributed tables only, else {@code null})
 * @param keyType the shard key's type (distributed only, else {@code null})
 * @param slots number of hash slots S (distributed only, else 0)
 * @param keyOrdinal zero-based position of the shard key among the table's columns in declaration
 *     order, for {@code INSERT} without a column list (distributed only, else -1)
 * @param keySequence the sequence behind a serial or identity shard key, qualified, or {@code null}
 * @param keyIdentityAlways the shard key is {@code GENERATED ALWAYS AS IDENTITY}, so an explicit
 *     value needs {@code OVERRIDING SYSTEM VALUE}
 */
public record TableInfo(
        String name,
        TableKind kind,
        String shardKey,
        KeyType keyType,
        int slots,
        int keyOrdinal,
        String keySequence,
        boolean keyIdentityAlways) {

    public TableInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (kind == TableKind.DISTRIBUTED) {
            Objects.requireNonNull(shardKey, "shardKey");
            Objects.requireNonNull(keyType, "keyType");
            if (slots <= 0) {
                throw new IllegalArgumentException("slots must be positive: " + slots);
            }
        }
    }

    public static TableInfo reference(String name) {
        return new TableInfo(name, TableKind.REFERENCE, null, null, 0, -1, null, false);
    }

    public boolean isDistributed() {
        return kind == TableKind.DISTRIBUTED;
    }

    /** Two distributed tables are co-located when their keys hash alike onto the same slots. */
    public boolean isColocatedWith(TableInfo other) {
        return isDistributed() && other.isDistributed()
                && slots == other.slots && hashFamily(keyType) == hashFamily(other.keyType);
    }

    private static int hashFamily(KeyType t) {
        // PostgreSQL's integer hash opfamily hashes int2, int4 and int8 alike for equal values;
        // text and varchar share text's hash.
        switch (t) {
            case INT2: case INT4: case INT8: return 1;
            case TEXT: case VARCHAR: return 2;
            default: return 3;
        }
    }
}
