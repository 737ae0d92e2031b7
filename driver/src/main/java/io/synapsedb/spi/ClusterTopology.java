package io.synapsedb.spi;

import io.synapsedb.core.SqlStates;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The groups of a cluster and their nodes, as the coordinator publishes them under
 * {@link CoordinationSession#TOPOLOGY_KEY}. Drivers in cluster mode take their groups from it and
 * follow its changes; its version in the coordinator is its epoch.
 * <p>
 * Stored as a one-line YAML flow document (JSON-like):
 * <pre>{database: shop, homeGroup: g1, groups: [{name: g1, primary: '10.0.0.1:5432', replicas: []}, ...]}</pre>
 * The order of the groups matters: it is the order every application must use (a two-phase-commit
 * id names its coordinator group, and the first group is the default home group).
 *
 * @param database the database every node serves
 * @param homeGroup the group that holds undeclared tables
 * @param groups the groups in order
 */
public record ClusterTopology(String database, String homeGroup, List<Group> groups) {

    /**
     * One group.
     *
     * @param name the group's name
     * @param primary {@code host:port} of its primary
     * @param replicas {@code host:port} of its streaming replicas
     */
    public record Group(String name, String primary, List<String> replicas) {

        public Group {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(primary, "primary");
            replicas = List.copyOf(replicas);
        }
    }

    public ClusterTopology {
        Objects.requireNonNull(database, "database");
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a topology needs at least one group");
        }
        Set<String> names = new HashSet<>();
        for (Group g : groups) {
            if (!names.add(g.name())) {
                throw new IllegalArgumentException("group " + g.name() + " appears twice");
            }
        }
        if (homeGroup == null) {
            homeGroup = groups.get(0).name();
        } else if (!names.contains(homeGroup)) {
            throw new IllegalArgumentException("home group " + homeGroup + " names no group");
        }
    }

    /** The names of the groups, in order. */
    public List<String> groupNames() {
        return groups.stream().map(Group::name).toList();
    }

    /** This topology as the document stored in the coordinator. */
    public String encode() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", database);
        doc.put("homeGroup", homeGroup);
        List<Object> gs = new ArrayList<>();
        for (Group g : groups) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", g.name());
            m.put("primary", g.primary());
            m.put("replicas", g.replicas());
            gs.add(m);
        }
        doc.put("groups", gs);
        return FlowDocuments.dump(doc);
    }

    /**
     * Reads a stored document.
     *
     * @throws SQLException XX001 when the document is not a topology (the message names what is wrong)
     */
    public static ClusterTopology decode(String text) throws SQLException {
        try {
            Object root = FlowDocuments.load(text);
            if (!(root instanceof Map<?, ?> doc)) {
                throw new IllegalArgumentException("not an object");
            }
            List<Group> groups = new ArrayList<>();
            for (Object o : list(doc.get("groups"), "groups")) {
                if (!(o instanceof Map<?, ?> g)) {
                    throw new IllegalArgumentException("a group is not an object");
                }
                List<String> replicas = new ArrayList<>();
                for (Object r : g.get("replicas") == null ? List.of() : list(g.get("replicas"), "replicas")) {
                    replicas.add(String.valueOf(r));
                }
                groups.add(new Group(text(g, "name"), text(g, "primary"), replicas));
            }
            Object home = doc.get("homeGroup");
            return new ClusterTopology(text(doc, "database"), home == null ? null : home.toString(), groups);
        } catch (YAMLException | IllegalArgumentException | NullPointerException e) {
            throw new SQLException("the coordinator's topology document (" + CoordinationSession.TOPOLOGY_KEY
                    + ") is invalid: " + e.getMessage(), SqlStates.DATA_CORRUPTED, e);
        }
    }

    private static List<?> list(Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " is not a list");
        }
        return l;
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v.toString();
    }
}
