package io.synapsedb.route;

import io.synapsedb.core.RouteKind;

/**
 * Where one execution of a statement goes: the groups, and for a multi-row INSERT the rows each
 * group takes.
 *
 * @param kind how the groups were chosen (for metrics and EXPLAIN)
 * @param groups group indexes, ascending, no duplicates
 * @param rowsByGroup for a split INSERT, {@code rowsByGroup[i]} are the rows (0-based) for
 *     {@code groups[i]}; otherwise {@code null}
 * @param slot the one slot of the distributed tables every row of this execution belongs to
 *     (a single key value, an IN/ANY list or INSERT rows that all hash to it), or -1 when the
 *     execution is not bounded to one slot; lets the executor address the slot's partition
 */
public record Route(RouteKind kind, int[] groups, int[][] rowsByGroup, int slot) {

    /** A route not bounded to one slot. */
    public Route(RouteKind kind, int[] groups, int[][] rowsByGroup) {
        this(kind, groups, rowsByGroup, -1);
    }

    public static Route single(RouteKind kind, int group) {
        return new Route(kind, new int[] {group}, null);
    }

    /** One group, and every row of the execution in {@code slot} of the distributed tables. */
    public static Route singleSlot(int group, int slot) {
        return new Route(RouteKind.SINGLE, new int[] {group}, null, slot);
    }

    public boolean isSingle() {
        return groups.length == 1;
    }
}
