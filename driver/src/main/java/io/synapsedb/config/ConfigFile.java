package io.synapsedb.config;

import java.util.List;
import java.util.Map;

/**
 * What a YAML config file says, checked for shape (known keys, right types) but not yet merged
 * with the URL and connection properties.
 *
 * @param location the file as named by the {@code config} property
 * @param database the {@code database} key, or {@code null}
 * @param settings values of {@link SynapseProperty} keys
 * @param pgSettings the {@code properties} map (pgJDBC pass-through)
 * @param groups the groups, addresses still as text (their default database is known only after
 *     merging)
 * @param tables the declared tables
 */
record ConfigFile(
        String location,
        String database,
        Map<SynapseProperty, Setting> settings,
        Map<String, Setting> pgSettings,
        List<GroupSpec> groups,
        List<TableDeclaration> tables) {

    /** A group as written in the file. */
    record GroupSpec(String name, String primary, List<String> replicas, String origin) {
    }
}
