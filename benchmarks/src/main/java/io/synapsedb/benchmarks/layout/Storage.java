package io.synapsedb.benchmarks.layout;

import io.synapsedb.core.KeyType;
import java.util.ArrayList;
import java.util.List;

/**
 * How one group stores its share of a distributed table, in SQL: the tables, partitions,
 * constraints and indexes it creates, and how it gives one slot up when that slot moves to
 * another group. Every storage holds the same columns with the same primary key and indexes; the
 * storages that keep several slots in one relation add an index on the slot expression, which a
 * move needs to find one slot's rows without reading the others'.
 */
enum Storage {

    /** One plain table: what a team sharding by hand would use. No slots, no fence: the baseline. */
    PLAIN("plain", "plain table, no fence (the baseline)", false) {
        @Override
        List<String> create(String t, OwnedSlots owned) {
            return withIndexes(t, List.of("CREATE TABLE " + t + " (" + COLUMNS + ", PRIMARY KEY (k))"), false, owned);
        }
    },

    /** Today's layout: a hash-partitioned parent with one partition per owned slot. */
    HASH_PER_SLOT("hash128", "PARTITION BY HASH (k), one partition per owned slot (today)", false) {
        @Override
        List<String> create(String t, OwnedSlots owned) {
            List<String> ddl = new ArrayList<>();
            ddl.add("CREATE TABLE " + t + " (" + COLUMNS + ", PRIMARY KEY (k)) PARTITION BY HASH (k)");
            for (int s : owned.toArray()) {
                ddl.add("CREATE TABLE " + slotPartition(t, s) + " PARTITION OF " + t + " FOR VALUES WITH (MODULUS "
                        + owned.slots() + ", REMAINDER " + s + ")");
            }
            return withIndexes(t, ddl, false, owned);
        }

        @Override
        String slotRows(String t, int slot, OwnedSlots owned) {
            return "SELECT * FROM " + slotPartition(t, slot);
        }

        @Override
        List<String> release(String t, int slot, OwnedSlots remaining) {
            return List.of("DROP TABLE " + slotPartition(t, slot));
        }
    },

    /** One plain table; the slot is an expression PostgreSQL computes; a CHECK refuses foreign slots. */
    FENCED("fenced", "plain table + CHECK (slot(k) = ANY(owned)) + index on slot(k)", false) {
        @Override
        List<String> create(String t, OwnedSlots owned) {
            return withIndexes(t, List.of("CREATE TABLE " + t + " (" + COLUMNS + ", PRIMARY KEY (k), CONSTRAINT "
                    + fence(t) + " " + fenceCheck(owned) + ")"), true, owned);
        }

        @Override
        List<String> release(String t, int slot, OwnedSlots remaining) {
            return List.of(refence(t, remaining), "DELETE FROM " + t + " WHERE " + slot(remaining) + " = " + slot);
        }

        @Override
        List<String> validate(String t, OwnedSlots remaining) {
            return List.of("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + fence(t));
        }
    },

    /**
     * One plain table whose fence calls a function of the table's own that holds the owned slots:
     * PostgreSQL prepares a {@code CHECK} expression anew for every statement that writes, and the
     * slot expression with its list costs about 20 µs of that per single-row statement; a PL/pgSQL
     * function keeps its prepared expression for the session. The same function answers the slot
     * guard, and a move replaces it without locking the table exclusively.
     */
    FENCED_FUNCTION("fencedfn", "plain table + CHECK (t_fence(k)), a PL/pgSQL function of the owned slots,"
            + " + index on slot(k)", true) {
        @Override
        List<String> create(String t, OwnedSlots owned) {
            return withIndexes(t, List.of(fenceFunction(t, owned), "CREATE TABLE " + t + " (" + COLUMNS
                    + ", PRIMARY KEY (k), CONSTRAINT " + fence(t) + " CHECK (" + fenceFunctionName(t) + "(k)))"), true,
                    owned);
        }
    },

    /**
     * As {@link #FENCED_FUNCTION}, but the fence is a row trigger {@code BEFORE INSERT OR UPDATE OF k}:
     * PostgreSQL checks a {@code CHECK} on every UPDATE whatever it changes, a trigger with a column
     * list only when the key is in the SET list, which it never is through the driver. The trigger
     * raises what a {@code CHECK} would ({@code 23514}, the fence's name as the constraint).
     */
    FENCED_TRIGGER("fencedtrg", "plain table + trigger BEFORE INSERT OR UPDATE OF k calling t_fence(k)"
            + " + index on slot(k)", true) {
        @Override
        List<String> create(String t, OwnedSlots owned) {
            String row = t + "_fence_row";
            return withIndexes(t, List.of(fenceFunction(t, owned),
                    "CREATE FUNCTION " + row + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            + " IF NOT " + fenceFunctionName(t) + "(NEW.k) THEN RAISE EXCEPTION"
                            + " 'new row for relation \"%\" violates check constraint \"%\"', TG_TABLE_NAME, '"
                            + fence(t) + "' USING ERRCODE = '23514', CONSTRAINT = '" + fence(t)
                            + "', TABLE = TG_TABLE_NAME; END IF; RETURN NEW; END $$",
                    "CREATE TABLE " + t + " (" + COLUMNS + ", PRIMARY KEY (k))",
                    "CREATE TRIGGER " + fence(t) + " BEFORE INSERT OR UPDATE OF k ON " + t
                            + " FOR EACH ROW EXECUTE FUNCTION " + row + "()"), true, owned);
        }
    },

    /** A parent partitioned by LIST on the slot expression, with one partition per group. */
    LIST_PER_GROUP("list1", "PARTITION BY LIST (slot(k)), one partition per group", false) {
        @Override
        List<String> create(String t, OwnedSlots owned) {
            // A partition key that is an expression allows no primary key on the parent (0A000):
            // each group's one partition carries it instead.
            List<String> ddl = new ArrayList<>();
            ddl.add("CREATE TABLE " + t + " (" + COLUMNS + ") PARTITION BY LIST ((" + slot(owned) + "))");
            ddl.add("CREATE TABLE " + groupPartition(t) + " PARTITION OF " + t + " (PRIMARY KEY (k)) FOR VALUES IN ("
                    + owned.sqlList() + ")");
            return withIndexes(t, ddl, true, owned);
        }

        @Override
        String groupPartition(String t) {
            return t + "_g";
        }

        @Override
        List<String> release(String t, int slot, OwnedSlots remaining) {
            // A bound cannot shrink in place: detach, delete, attach with the smaller bound (which
            // scans the partition to validate it, holding ACCESS EXCLUSIVE on it).
            String p = groupPartition(t);
            return List.of("ALTER TABLE " + t + " DETACH PARTITION " + p,
                    "DELETE FROM " + p + " WHERE " + slot(remaining) + " = " + slot,
                    "ALTER TABLE " + t + " ATTACH PARTITION " + p + " FOR VALUES IN (" + remaining.sqlList() + ")");
        }
    },

    /** A hash-partitioned parent with a small modulus; each coarse partition fences its owned slots. */
    COARSE_HASH("hash8", "PARTITION BY HASH (k) modulus 8, CHECK per partition + index on slot(k)", false) {
        @Override
        List<String> create(String t, OwnedSlots owned) {
            List<String> ddl = new ArrayList<>();
            ddl.add("CREATE TABLE " + t + " (" + COLUMNS + ", PRIMARY KEY (k)) PARTITION BY HASH (k)");
            for (int r = 0; r < COARSE; r++) {
                OwnedSlots here = owned.inRemainder(COARSE, r);
                if (here.size() > 0) {
                    ddl.add("CREATE TABLE " + coarsePartition(t, r) + " PARTITION OF " + t + " (CONSTRAINT "
                            + fence(coarsePartition(t, r)) + " " + fenceCheck(here) + ") FOR VALUES WITH (MODULUS "
                            + COARSE + ", REMAINDER " + r + ")");
                }
            }
            return withIndexes(t, ddl, true, owned);
        }

        @Override
        String slotRows(String t, int slot, OwnedSlots owned) {
            return "SELECT * FROM " + coarsePartition(t, slot % COARSE) + " WHERE " + slot(owned) + " = " + slot;
        }

        @Override
        List<String> release(String t, int slot, OwnedSlots remaining) {
            String p = coarsePartition(t, slot % COARSE);
            OwnedSlots left = remaining.inRemainder(COARSE, slot % COARSE);
            if (left.size() == 0) {
                return List.of("DROP TABLE " + p);
            }
            return List.of(refence(p, left), "DELETE FROM " + p + " WHERE " + slot(remaining) + " = " + slot);
        }

        @Override
        List<String> validate(String t, OwnedSlots remaining) {
            List<String> out = new ArrayList<>();
            for (int r = 0; r < COARSE; r++) {
                if (remaining.inRemainder(COARSE, r).size() > 0) {
                    out.add("ALTER TABLE " + coarsePartition(t, r) + " VALIDATE CONSTRAINT "
                            + fence(coarsePartition(t, r)));
                }
            }
            return out;
        }
    };

    /** The columns of every layout's table; the key is {@code k}. */
    static final String COLUMNS = "k bigint NOT NULL, cat int NOT NULL, score double precision NOT NULL, payload text";
    /** The modulus of {@link #COARSE_HASH}. */
    static final int COARSE = 8;

    private final String table;
    private final String summary;
    private final boolean fencedByFunction;

    /**
     * @param fencedByFunction the fence asks the table's fence function, which a move replaces
     */
    Storage(String table, String summary, boolean fencedByFunction) {
        this.table = table;
        this.summary = summary;
        this.fencedByFunction = fencedByFunction;
    }

    /** The name of this storage's table in the benchmark (its insert table adds {@code _ins}). */
    String table() {
        return table;
    }

    String summary() {
        return summary;
    }

    /** The statements that create table {@code t} on a group owning {@code owned}. */
    abstract List<String> create(String t, OwnedSlots owned);

    /** The query that reads one slot's rows, the source of a move's copy. */
    String slotRows(String t, int slot, OwnedSlots owned) {
        return "SELECT * FROM " + t + " WHERE " + slot(owned) + " = " + slot;
    }

    /**
     * The statements, run in one transaction on the source group once the slot's rows are copied,
     * that give slot {@code slot} up: afterwards the group holds none of its rows and refuses new
     * ones. Null for the baseline, which has no slots. A storage fenced through its fence function
     * replaces that function; the others say how below.
     */
    List<String> release(String t, int slot, OwnedSlots remaining) {
        return fencedByFunction ? refenceFunction(t, slot, remaining) : null;
    }

    /** Statements that may run later, outside the move, to validate a fence added {@code NOT VALID}. */
    List<String> validate(String t, OwnedSlots remaining) {
        return List.of();
    }

    /** The partition of one slot ({@link #HASH_PER_SLOT}), as the driver names it today. */
    String slotPartition(String t, int slot) {
        return t + "_s" + slot;
    }

    /** The one partition a group holds ({@link #LIST_PER_GROUP}). */
    String groupPartition(String t) {
        throw new UnsupportedOperationException(this + " has no group partition");
    }

    /** The function that says whether the group owns a key's slot, or null when the fence asks none. */
    String fenceFunctionName(String t) {
        return fencedByFunction ? t + "_fence" : null;
    }

    /**
     * {@code CREATE OR REPLACE} of {@code t}'s fence function for {@code owned}: a lookup of the
     * key's slot in a bitmap of the owned slots, which costs the same whatever S (a list
     * {@code = ANY} grows with the owned slots: measured, 1.2× a plain table's UPDATE at S = 128
     * and 1.7× at S = 1024).
     */
    String fenceFunction(String t, OwnedSlots owned) {
        // STABLE, not IMMUTABLE: its answer changes when a slot moves. It keeps the slot guard a
        // one-time filter all the same.
        return "CREATE OR REPLACE FUNCTION " + fenceFunctionName(t) + "(k bigint) RETURNS boolean LANGUAGE plpgsql"
                + " STABLE AS $$ BEGIN RETURN get_bit('" + owned.bitmapHex() + "'::bytea, " + slot(owned)
                + ") = 1; END $$";
    }

    static String slot(OwnedSlots owned) {
        return slot(owned.slots());
    }

    /** The slot of a row of the benchmark's tables (key {@code k}, a {@code bigint}), in SQL. */
    static String slot(int slots) {
        return SlotSql.of(KeyType.INT8, "k", slots);
    }

    static String fence(String relation) {
        return relation + "_synapse_fence";
    }

    static String fenceCheck(OwnedSlots owned) {
        return "CHECK (" + slot(owned) + " = ANY ('{" + owned.sqlList() + "}'::bigint[]))";
    }

    private static String coarsePartition(String t, int r) {
        return t + "_h" + r;
    }

    /**
     * Replaces the fence of {@code relation} by one for {@code owned}, {@code NOT VALID}: enforced
     * at once for every new row, without scanning the rows already there (that is
     * {@link #validate}'s job, which can wait).
     */
    private static String refence(String relation, OwnedSlots owned) {
        return "ALTER TABLE " + relation + " DROP CONSTRAINT " + fence(relation) + ", ADD CONSTRAINT " + fence(relation)
                + " " + fenceCheck(owned) + " NOT VALID";
    }

    /**
     * Gives a slot up on a storage fenced through its fence function. SHARE waits for the writes in
     * flight (which checked the old fence) and holds new ones until the commit; reads go on.
     */
    private List<String> refenceFunction(String t, int slot, OwnedSlots remaining) {
        return List.of("LOCK TABLE " + t + " IN SHARE MODE", fenceFunction(t, remaining),
                "DELETE FROM " + t + " WHERE " + slot(remaining) + " = " + slot);
    }

    private static List<String> withIndexes(String t, List<String> ddl, boolean slotIndex, OwnedSlots owned) {
        List<String> out = new ArrayList<>(ddl);
        out.add("CREATE INDEX " + t + "_cat ON " + t + " (cat)");
        out.add("CREATE INDEX " + t + "_score ON " + t + " (score)");
        if (slotIndex) {
            out.add("CREATE INDEX " + t + "_slot ON " + t + " ((" + slot(owned) + "))");
        }
        return out;
    }
}
