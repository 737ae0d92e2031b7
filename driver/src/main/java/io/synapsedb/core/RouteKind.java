package io.synapsedb.core;

/**
 * Where a statement runs, as the router decided it (and as {@code synapse.statements{route}}
 * counts it).
 */
public enum RouteKind {
    /** One group, chosen by the shard key. */
    SINGLE,
    /** Several groups chosen by shard keys. */
    MULTI,
    /** Every group: no usable shard-key predicate (a full fan-out). */
    ALL,
    /** Every group, as one logical write (reference tables, DDL). */
    BROADCAST,
    /** The home group (undeclared tables). */
    HOME,
    /** Any one group (a read of reference tables only). */
    ANY
}
