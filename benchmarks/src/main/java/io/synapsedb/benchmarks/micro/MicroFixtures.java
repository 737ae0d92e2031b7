package io.synapsedb.benchmarks.micro;

import io.synapsedb.catalog.Catalog;
import io.synapsedb.catalog.TableInfo;
import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.KeyType;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.core.TableKind;
import io.synapsedb.placement.Placement;
import java.util.List;
import java.util.Map;

/** The catalog the micro benchmarks route against: three groups, {@code usertable} distributed by a bigint key. */
final class MicroFixtures {

    static final int SLOTS = 128;
    static final String POINT_SELECT = "SELECT ycsb_key, balance, field0, field1 FROM usertable WHERE ycsb_key = ?";

    private MicroFixtures() {
    }

    static Catalog catalog() {
        List<String> names = List.of("g1", "g2", "g3");
        List<GroupInfo> groups = List.of(
                GroupInfo.of("g1", new NodeAddress("127.0.0.1", 5432, "bench")),
                GroupInfo.of("g2", new NodeAddress("127.0.0.1", 5433, "bench")),
                GroupInfo.of("g3", new NodeAddress("127.0.0.1", 5434, "bench")));
        TableInfo usertable = new TableInfo("usertable", TableKind.DISTRIBUTED, "ycsb_key", KeyType.INT8, SLOTS, 0, null,
                false);
        return new Catalog(1, groups, 0, Map.of("usertable", usertable), Map.of(SLOTS, Placement.compute(SLOTS, names)));
    }
}
