package io.synapsedb.catalog;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.placement.Placement;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable snapshot of what the driver knows about the cluster: groups, declared tables and
 * slot placements, with a version that grows with every change. The router reads one snapshot per
 * statement; a change publishes a new snapshot.
 */
public final class Catalog implements TableLookup {

    private final long version;
    private final List<GroupInfo> groups;
    private final Map<String, Integer> groupIndex;
    private final int homeGroup;
    private final Map<String, TableInfo> tables;
    private final Map<Integer, Placement> placements;
    /** slots → (slot → index into {@link #groups()}), derived from placements and cached. */
    private final Map<Integer, int[]> routeTables = new ConcurrentHashMap<>();

    public Catalog(long version, List<GroupInfo> groups, int homeGroup, Map<String, TableInfo> tables,
            Map<Integer, Placement> placements) {
        this.version = version;
        this.groups = List.copyOf(groups);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < this.groups.size(); i++) {
            index.put(this.groups.get(i).name(), i);
        }
        this.groupIndex = Collections.unmodifiableMap(index);
        this.homeGroup = homeGroup;
        this.tables = Map.copyOf(tables);
        this.placements = Map.copyOf(placements);
    }

    public long version() {
        return version;
    }

    public List<GroupInfo> groups() {
        return groups;
    }

    public int groupCount() {
        return groups.size();
    }

    public GroupInfo group(int index) {
        return groups.get(index);
    }

    /** Index of the named group, or -1. */
    public int groupIndex(String name) {
        Integer i = groupIndex.get(name);
        return i == null ? -1 : i;
    }

    /** The group that holds undeclared tables. */
    public int homeGroup() {
        return homeGroup;
    }

    public Map<String, TableInfo> tables() {
        return tables;
    }

    @Override
    public TableInfo find(String normalizedName) {
        return tables.get(normalizedName);
    }

    @Override
    public List<String> inSchema(String schema) {
        List<String> out = new java.util.ArrayList<>();
        for (String name : tables.keySet()) {
            int dot = name.indexOf('.');
            String s = dot < 0 ? "public" : name.substring(0, dot);
            if (s.equals(schema)) {
                out.add(name);
            }
        }
        return out;
    }

    public Map<Integer, Placement> placements() {
        return placements;
    }

    /** The placement for tables of {@code slots} slots: stored, or computed for the current groups. */
    public Placement placement(int slots) {
        Placement p = placements.get(slots);
        return p != null ? p : Placement.compute(slots, groupNames());
    }

    public List<String> groupNames() {
        return groups.stream().map(GroupInfo::name).toList();
    }

    /**
     * slot → group index for tables of {@code slots} slots. The hot path: an array lookup after the
     * first call.
     */
    public int[] routeTable(int slots) {
        int[] table = routeTables.get(slots);
        if (table == null) {
            table = routeTables.computeIfAbsent(slots, this::buildRouteTable);
        }
        return table;
    }

    private int[] buildRouteTable(int slots) {
        Placement p = placement(slots);
        int[] table = new int[slots];
        for (int s = 0; s < slots; s++) {
            String name = p.groupNameOf(s);
            int g = groupIndex(name);
            if (g < 0) {
                throw new IllegalStateException("placement of slot " + s + " names unknown group " + name);
            }
            table[s] = g;
        }
        return table;
    }

    public Catalog withTables(long newVersion, Map<String, TableInfo> newTables, Map<Integer, Placement> newPlacements) {
        return new Catalog(newVersion, groups, homeGroup, newTables, newPlacements);
    }
}
