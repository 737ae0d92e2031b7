package io.synapsedb.route;

import io.synapsedb.metrics.DriverMetrics.RouteKind;

/**
 * Where one execution of a statement goes: the groups, and for a multi-row INSERT the rows each
 * group takes.
 *
 * @param kind how the groups were chosen (for metrics and EXPLAIN)
 * @param groups group indexes, ascending, no duplicates
 * @param rowsByGroup for a split INSERT, {@code rowsByGroup[i]} are the rows (0-based) for
 *     {@code groups[i]}; otherwise {@code null}
 */
public record Route(RouteKind kind, int[] groups, int[][] rowsByGroup) {

    public static Route single(RouteKind kind, int group) {
        return new Route(kind, new int[] {group}, null);
    }

    public boolean isSingle() {
        return groups.length == 1;
    }
}
