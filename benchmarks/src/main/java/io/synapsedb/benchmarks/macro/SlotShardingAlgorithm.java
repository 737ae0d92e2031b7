package io.synapsedb.benchmarks.macro;

import io.synapsedb.placement.Placement;
import io.synapsedb.placement.SlotHasher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.StandardShardingAlgorithm;

/**
 * A ShardingSphere CLASS_BASED algorithm that places keys exactly as the driver does: PostgreSQL's
 * hash-partition slot, then the rendezvous placement of the slots on groups {@code g1..gN}
 * (data sources {@code ds_0..ds_N-1}). Props: {@code slots}, {@code groups}. Used with
 * {@code -Dss.sharding=class}. ShardingSphere makes it by reflection and calls {@link #init}.
 */
public final class SlotShardingAlgorithm implements StandardShardingAlgorithm<Comparable<?>> {

    private int slots;
    private int[] slotToGroup;
    private String[] targets;

    @Override
    public void init(Properties props) {
        this.slots = Integer.parseInt(props.getProperty("slots", "128"));
        int groups = Integer.parseInt(props.getProperty("groups", "3"));
        List<String> names = new ArrayList<>();
        for (int g = 1; g <= groups; g++) {
            names.add("g" + g);
        }
        Placement placement = Placement.compute(slots, names);
        this.slotToGroup = new int[slots];
        for (int s = 0; s < slots; s++) {
            slotToGroup[s] = placement.groupOf(s);
        }
        this.targets = new String[groups];
        for (int g = 0; g < groups; g++) {
            targets[g] = "ds_" + g;
        }
    }

    @Override
    public String doSharding(Collection<String> availableTargetNames, PreciseShardingValue<Comparable<?>> value) {
        long key = ((Number) value.getValue()).longValue();
        return targets[slotToGroup[SlotHasher.slotOfLong(key, slots)]];
    }

    @Override
    public Collection<String> doSharding(Collection<String> availableTargetNames,
            RangeShardingValue<Comparable<?>> value) {
        return availableTargetNames; // a hash places a range everywhere
    }

    @Override
    public String getType() {
        return "CLASS_BASED";
    }
}
