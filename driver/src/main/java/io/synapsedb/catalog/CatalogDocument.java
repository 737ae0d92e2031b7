package io.synapsedb.catalog;

import io.synapsedb.core.KeyType;
import io.synapsedb.core.SqlStates;
import io.synapsedb.core.TableKind;
import io.synapsedb.placement.Placement;
import io.synapsedb.spi.FlowDocuments;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog as a coordinator stores it: the declared tables, the placements, the catalog version
 * (which only grows, so it is the catalog's epoch), and the schema version with the last change.
 *
 * @param version the catalog version
 * @param schemaVersion the schema version (bumped by every DDL statement and declaration)
 * @param lastChange a summary of the change that made this document, for views and logs
 * @param tables declared tables by normalised name
 * @param placements placements by slot count
 */
public record CatalogDocument(long version, long schemaVersion, String lastChange, Map<String, TableInfo> tables,
        Map<Integer, Placement> placements) {

    public CatalogDocument {
        tables = Map.copyOf(tables);
        placements = Map.copyOf(placements);
    }

    /** The document for {@code catalog} after a change. */
    public static CatalogDocument of(Catalog catalog, long schemaVersion, String change) {
        return new CatalogDocument(catalog.version(), schemaVersion, change, catalog.tables(), catalog.placements());
    }

    /** Whether this document carries a later change than {@code other} (catalog version, then schema version). */
    public boolean newerThan(CatalogDocument other) {
        return version > other.version || (version == other.version && schemaVersion > other.schemaVersion);
    }

    public String encode() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", version);
        doc.put("schemaVersion", schemaVersion);
        doc.put("lastChange", lastChange == null ? "" : lastChange);
        List<Object> ts = new ArrayList<>();
        for (TableInfo t : tables.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("kind", t.kind().name());
            if (t.isDistributed()) {
                m.put("shardKey", t.shardKey());
                m.put("keyType", t.keyType().name());
                m.put("slots", t.slots());
                m.put("keyOrdinal", t.keyOrdinal());
                if (t.keySequence() != null) {
                    m.put("keySequence", t.keySequence());
                }
                m.put("keyIdentityAlways", t.keyIdentityAlways());
            }
            ts.add(m);
        }
        doc.put("tables", ts);
        List<Object> ps = new ArrayList<>();
        for (Placement p : placements.values().stream().sorted((a, b) -> Integer.compare(a.slots(), b.slots())).toList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slots", p.slots());
            m.put("epoch", p.epoch());
            m.put("groups", p.groupNames());
            List<Integer> map = new ArrayList<>(p.slots());
            for (int s = 0; s < p.slots(); s++) {
                map.add(p.groupOf(s));
            }
            m.put("map", map);
            ps.add(m);
        }
        doc.put("placements", ps);
        return FlowDocuments.dump(doc);
    }

    /**
     * Reads a stored document.
     *
     * @throws SQLException XX001 naming what is wrong when it is not a catalog document
     */
    public static CatalogDocument decode(String text) throws SQLException {
        try {
            Map<?, ?> doc = (Map<?, ?>) FlowDocuments.load(text);
            Map<String, TableInfo> tables = new HashMap<>();
            for (Object o : (List<?>) doc.get("tables")) {
                Map<?, ?> m = (Map<?, ?>) o;
                TableKind kind = TableKind.valueOf((String) m.get("kind"));
                String name = (String) m.get("name");
                TableInfo t = kind == TableKind.REFERENCE ? TableInfo.reference(name)
                        : new TableInfo(name, kind, (String) m.get("shardKey"), KeyType.valueOf((String) m.get("keyType")),
                                number(m, "slots").intValue(), number(m, "keyOrdinal").intValue(),
                                (String) m.get("keySequence"), Boolean.TRUE.equals(m.get("keyIdentityAlways")));
                tables.put(name, t);
            }
            Map<Integer, Placement> placements = new HashMap<>();
            for (Object o : (List<?>) doc.get("placements")) {
                Map<?, ?> m = (Map<?, ?>) o;
                int slots = number(m, "slots").intValue();
                List<String> groups = new ArrayList<>();
                for (Object g : (List<?>) m.get("groups")) {
                    groups.add(String.valueOf(g));
                }
                List<?> map = (List<?>) m.get("map");
                int[] slotToGroup = new int[slots];
                for (int s = 0; s < slots; s++) {
                    slotToGroup[s] = ((Number) map.get(s)).intValue();
                }
                placements.put(slots, new Placement(slots, groups, slotToGroup, number(m, "epoch").longValue()));
            }
            Object change = doc.get("lastChange");
            return new CatalogDocument(number(doc, "version").longValue(), number(doc, "schemaVersion").longValue(),
                    change == null ? "" : change.toString(), tables, placements);
        } catch (RuntimeException e) {
            throw new SQLException("the coordinator's catalog document is invalid: " + e, SqlStates.DATA_CORRUPTED, e);
        }
    }

    private static Number number(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("missing number " + key);
        }
        return n;
    }
}
