package io.synapsedb.route;

import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.KeyType;
import io.synapsedb.core.RouteKind;
import io.synapsedb.core.SqlStates;
import io.synapsedb.placement.SlotHasher;
import io.synapsedb.sql.InsertShape;
import io.synapsedb.sql.KeyRef;
import io.synapsedb.sql.PlacementHint;
import io.synapsedb.sql.StatementKind;
import io.synapsedb.sql.StatementPlan;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Chooses the groups one execution of a statement runs on, from its plan, its bound values and the
 * catalog. Pure: it reads, never executes. A statement it cannot place correctly fails here with
 * {@code 0A000}, before anything runs.
 *
 * <ul>
 *   <li>no distributed table: undeclared tables → the home group; only reference tables → any one
 *       group for reads, every group for writes;</li>
 *   <li>distributed tables: the groups owning the slots of the bound key values, or every group
 *       when nothing bounds the key;</li>
 *   <li>INSERT ... VALUES: each row to the group owning its key's slot.</li>
 * </ul>
 */
public final class Router {

    private Router() {
    }

    /**
     * @param plan the statement's plan
     * @param params the bound values
     * @param catalog the catalog snapshot the plan was made against
     * @param generatedKeys for an INSERT, the generated shard-key value of each row whose key the
     *     statement omits (indexed by row), else null
     * @param preferredGroup a group the connection already uses, for reads that any group can
     *     answer, or -1
     */
    public static Route route(StatementPlan plan, ParamSource params, Catalog catalog, long[] generatedKeys,
            int preferredGroup) throws SQLException {
        StatementKind kind = plan.kind();
        List<String> distributed = plan.distributedTables();
        if (plan.refusal() != null) {
            throw notSupported(plan.refusal());
        }
        if (kind == StatementKind.UNPARSED) {
            return routeUnparsed(plan, catalog);
        }
        if (distributed.isEmpty()) {
            return routeWithoutDistributed(plan, catalog, preferredGroup);
        }
        if (kind != StatementKind.SELECT && kind != StatementKind.INSERT && kind != StatementKind.UPDATE
                && kind != StatementKind.DELETE && !plan.explain()) {
            throw notSupported(kind + " on distributed table " + distributed.get(0)
                    + " is not supported yet (EXPLAIN and utility statements run on one group)");
        }
        if (!plan.homeTables().isEmpty()) {
            throw notSupported("the statement combines distributed table " + distributed.get(0)
                    + " with table " + plan.homeTables().get(0) + ", which is not declared and so lives only on"
                    + " the home group; declare " + plan.homeTables().get(0)
                    + " a reference table (SELECT synapse.reference_table('" + plan.homeTables().get(0)
                    + "')) or distribute it by a co-located key");
        }
        if (distributed.size() > 1 && !plan.joinsOnShardKeys()) {
            throw notSupported("the statement joins distributed tables " + String.join(", ", distributed)
                    + " other than on equal shard keys of co-located tables; that needs a cross-group join,"
                    + " which is not supported. Co-locate them (same key type and slots) and join on the shard"
                    + " keys, or make one side a reference table");
        }
        if (plan.updatesShardKey()) {
            throw notSupported("UPDATE of the shard key of " + distributed.get(0)
                    + " is not supported: the row would move to another slot; DELETE and INSERT it instead");
        }
        TableInfo table = catalog.find(distributed.get(0));
        int[] routeTable = catalog.routeTable(table.slots());
        InsertShape insert = plan.insert();
        if (kind == StatementKind.INSERT) {
            if (insert == null || insert.fromSelect()) {
                throw notSupported("INSERT into distributed table " + table.name() + " without a VALUES list"
                        + " (INSERT ... SELECT, DEFAULT VALUES) is not supported yet; insert the rows with VALUES");
            }
            return routeInsert(insert, params, table, routeTable, generatedKeys);
        }
        List<KeyRef> keys = plan.keys();
        if (keys.size() == 1 && !(keys.get(0) instanceof KeyRef.ArrayParam)) {
            // The hot path: one key value, one group.
            Object value = valueOf(keys.get(0), params);
            if (value == null) {
                return Route.single(RouteKind.SINGLE, routeTable[0]); // key = NULL: no row, no slot
            }
            int slot = slotOf(table, value);
            return Route.singleSlot(routeTable[slot], slot);
        }
        if (keys.isEmpty()) {
            int[] all = allGroups(catalog.groupCount());
            checkMerge(plan, table, all.length);
            return new Route(all.length == 1 ? RouteKind.SINGLE : RouteKind.ALL, all, null);
        }
        boolean[] hit = new boolean[catalog.groupCount()];
        // slots[0]: the one slot every value hashed to so far (-1 none yet, -2 several).
        int[] slots = {-1};
        for (KeyRef ref : keys) {
            markGroups(ref, params, table, routeTable, hit, slots);
        }
        int[] groups = collect(hit);
        if (groups.length == 0) {
            // e.g. key = ANY('{}'): no row can match; any one group answers correctly with nothing.
            groups = new int[] {routeTable[0]};
        }
        checkMerge(plan, table, groups.length);
        int slot = groups.length == 1 && slots[0] >= 0 ? slots[0] : -1;
        return new Route(groups.length == 1 ? RouteKind.SINGLE : RouteKind.MULTI, groups, null, slot);
    }

    /**
     * SQL the driver cannot analyse runs where its placement hint says; without one, on the home
     * group only when it provably touches no declared table: it names none, and it is not opaque
     * (a DO block, CALL, a cursor or prepared statement the driver did not see made, several
     * statements that cannot run together).
     */
    private static Route routeUnparsed(StatementPlan plan, Catalog catalog) throws SQLException {
        PlacementHint hint = plan.placementHint();
        if (hint == PlacementHint.HOME) {
            return Route.single(RouteKind.HOME, catalog.homeGroup());
        }
        if (hint == PlacementHint.ALL_GROUPS) {
            return new Route(RouteKind.BROADCAST, allGroups(catalog.groupCount()), null);
        }
        List<String> distributed = plan.distributedTables();
        if (!distributed.isEmpty() || !plan.referenceTables().isEmpty()) {
            List<String> declared = !distributed.isEmpty() ? distributed : plan.referenceTables();
            throw notSupported("cannot route a statement on table " + String.join(", ", declared)
                    + " that the SQL parser cannot read (" + plan.parseError() + "); rewrite it in plainer SQL, or "
                    + PlacementHint.ADVICE);
        }
        if (plan.opaque() != null) {
            throw notSupported(plan.opaque() + ", so the driver cannot tell which tables it touches; nothing was run. To"
                    + " run it anyway, " + PlacementHint.ADVICE);
        }
        return Route.single(RouteKind.HOME, catalog.homeGroup());
    }

    private static Route routeWithoutDistributed(StatementPlan plan, Catalog catalog, int preferredGroup) {
        if (!plan.referenceTables().isEmpty() && plan.homeTables().isEmpty()) {
            if (plan.writes()) {
                return new Route(RouteKind.BROADCAST, allGroups(catalog.groupCount()), null);
            }
            int g = preferredGroup >= 0 ? preferredGroup : catalog.homeGroup();
            return Route.single(RouteKind.ANY, g);
        }
        return Route.single(RouteKind.HOME, catalog.homeGroup());
    }

    private static void checkMerge(StatementPlan plan, TableInfo table, int groups) throws SQLException {
        String reason = plan.mergeReason();
        if (groups <= 1 || reason == null) {
            return;
        }
        if (plan.merge() != null && plan.merge().refusal() == null) {
            return; // the driver merges the groups' results
        }
        String why = plan.merge() != null ? plan.merge().refusal()
                : "it needs " + reason + " across them, which cannot be merged from the groups' results. Bound the"
                        + " shard key " + table.shardKey() + " to one group, or rewrite the query";
        throw notSupported("the query on distributed table " + table.name() + " spans " + groups + " groups and "
                + why);
    }

    private static Route routeInsert(InsertShape insert, ParamSource params, TableInfo table, int[] routeTable,
            long[] generatedKeys) throws SQLException {
        List<KeyRef> rowKeys = insert.rowKeys();
        int rows = rowKeys.size();
        int[] groupOfRow = new int[rows];
        int first = -1;
        boolean single = true;
        int oneSlot = -1;
        for (int r = 0; r < rows; r++) {
            KeyRef ref = rowKeys.get(r);
            int slot;
            if (ref == null) {
                if (generatedKeys == null) {
                    throw new SQLException("INSERT into " + table.name() + " gives no value for shard key "
                            + table.shardKey(), SqlStates.NOT_NULL_VIOLATION);
                }
                slot = SlotHasher.slotOfLong(generatedKeys[r], table.slots());
            } else {
                Object value = valueOf(ref, params);
                if (value == null) {
                    throw new SQLException("INSERT into " + table.name() + " gives NULL for shard key "
                            + table.shardKey(), SqlStates.NOT_NULL_VIOLATION);
                }
                slot = slotOf(table, value);
            }
            int g = routeTable[slot];
            groupOfRow[r] = g;
            oneSlot = r == 0 || oneSlot == slot ? slot : -2;
            if (first < 0) {
                first = g;
            } else if (g != first) {
                single = false;
            }
        }
        if (single) {
            return oneSlot >= 0 ? Route.singleSlot(first, oneSlot) : Route.single(RouteKind.SINGLE, first);
        }
        boolean[] hit = new boolean[routeTable.length == 0 ? 0 : maxGroup(groupOfRow) + 1];
        for (int g : groupOfRow) {
            hit[g] = true;
        }
        int[] groups = collect(hit);
        int[][] rowsByGroup = new int[groups.length][];
        for (int i = 0; i < groups.length; i++) {
            int g = groups[i];
            rowsByGroup[i] = java.util.stream.IntStream.range(0, rows).filter(r -> groupOfRow[r] == g).toArray();
        }
        return new Route(RouteKind.MULTI, groups, rowsByGroup);
    }

    private static int maxGroup(int[] groups) {
        int max = 0;
        for (int g : groups) {
            max = Math.max(max, g);
        }
        return max;
    }

    private static void markGroups(KeyRef ref, ParamSource params, TableInfo table, int[] routeTable, boolean[] hit,
            int[] slots) throws SQLException {
        if (ref instanceof KeyRef.ArrayParam) {
            Object array = params.get(((KeyRef.ArrayParam) ref).index());
            for (Object element : elements(array, table)) {
                if (element != null) {
                    mark(slotOf(table, element), routeTable, hit, slots);
                }
            }
            return;
        }
        Object value = valueOf(ref, params);
        if (value != null) { // key = NULL matches no row
            mark(slotOf(table, value), routeTable, hit, slots);
        }
    }

    private static void mark(int slot, int[] routeTable, boolean[] hit, int[] slots) {
        hit[routeTable[slot]] = true;
        slots[0] = slots[0] == -1 || slots[0] == slot ? slot : -2;
    }

    private static Object valueOf(KeyRef ref, ParamSource params) throws SQLException {
        if (ref instanceof KeyRef.Literal) {
            return ((KeyRef.Literal) ref).value();
        }
        if (ref instanceof KeyRef.Param) {
            return params.get(((KeyRef.Param) ref).index());
        }
        throw new SQLException("an array parameter is not a single key value", SqlStates.INVALID_PARAMETER_VALUE);
    }

    private static int slotOf(TableInfo table, Object value) throws SQLException {
        KeyType type = table.keyType();
        if ((value instanceof Integer || value instanceof Long)
                && (type == KeyType.INT4 || type == KeyType.INT8)) {
            long v = ((Number) value).longValue();
            if (type == KeyType.INT4 && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                throw new SQLException("value " + v + " is out of range for shard key " + table.name() + "."
                        + table.shardKey() + " of type integer", SqlStates.NUMERIC_VALUE_OUT_OF_RANGE);
            }
            return SlotHasher.slotOfLong(v, table.slots());
        }
        try {
            return SlotHasher.slotOf(type, value, table.slots());
        } catch (SQLException e) {
            throw new SQLException("shard key " + table.name() + "." + table.shardKey() + ": " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }

    private static Iterable<?> elements(Object array, TableInfo table) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object a = array instanceof Array ? ((Array) array).getArray() : array;
        if (a instanceof Object[]) {
            return Arrays.asList((Object[]) a);
        }
        if (a instanceof int[]) {
            return Arrays.stream((int[]) a).boxed().toList();
        }
        if (a instanceof long[]) {
            return Arrays.stream((long[]) a).boxed().toList();
        }
        if (a instanceof short[]) {
            short[] s = (short[]) a;
            Integer[] boxed = new Integer[s.length];
            for (int i = 0; i < s.length; i++) {
                boxed[i] = (int) s[i];
            }
            return Arrays.asList(boxed);
        }
        if (a instanceof Collection) {
            return (Collection<?>) a;
        }
        throw new SQLException("shard key " + table.name() + "." + table.shardKey() + " = ANY(?) needs an array;"
                + " got " + a.getClass().getName(), SqlStates.DATATYPE_MISMATCH);
    }

    private static int[] collect(boolean[] hit) {
        int n = 0;
        for (boolean h : hit) {
            if (h) {
                n++;
            }
        }
        int[] groups = new int[n];
        int i = 0;
        for (int g = 0; g < hit.length; g++) {
            if (hit[g]) {
                groups[i++] = g;
            }
        }
        return groups;
    }

    /** Every group index, ascending. */
    public static int[] allGroups(int count) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        return all;
    }

    private static SQLFeatureNotSupportedException notSupported(String message) {
        return new SQLFeatureNotSupportedException(message, SqlStates.FEATURE_NOT_SUPPORTED);
    }
}
