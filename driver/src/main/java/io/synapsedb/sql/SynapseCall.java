package io.synapsedb.sql;

import java.util.List;

/**
 * A call of one of the driver's own SQL functions, for example
 * {@code SELECT synapse.distribute_table('orders', 'customer_id')}. Arguments are literals or bind
 * parameters ({@link KeyRef.Literal} / {@link KeyRef.Param}).
 *
 * @param function the function name without schema, lower case ({@code distribute_table},
 *     {@code reference_table}, ...)
 * @param args the arguments in order
 */
public record SynapseCall(String function, List<KeyRef> args) {

    public SynapseCall {
        args = List.copyOf(args);
    }
}
