package io.synapsedb.sql;

import io.synapsedb.catalog.TableInfo;
import io.synapsedb.catalog.TableLookup;
import io.synapsedb.core.KeyType;
import io.synapsedb.core.TableKind;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A catalog for the analyser's tests: a plain map behind {@link TableLookup}. */
final class TestCatalog {

    static final TableInfo ORDERS = distributed("orders", "customer_id", KeyType.INT8, 128, 1, null, false);
    static final TableInfo ITEMS = distributed("items", "customer_id", KeyType.INT4, 128, 0, null, false);
    static final TableInfo EVENTS = distributed("events", "id", KeyType.INT8, 128, 0, "public.events_id_seq", true);
    static final TableInfo ACCOUNTS = distributed("accounts", "id", KeyType.INT8, 256, 0, null, false);
    static final TableInfo SESSIONS = distributed("sessions", "sid", KeyType.UUID, 128, 0, null, false);
    static final TableInfo MIXED = distributed("MixedCase", "UserId", KeyType.INT8, 128, 0, null, false);
    static final TableInfo LOGS = distributed("audit.logs", "tenant", KeyType.TEXT, 128, 2, null, false);
    static final TableInfo COUNTRIES = TableInfo.reference("countries");

    static final TableLookup LOOKUP = of(ORDERS, ITEMS, EVENTS, ACCOUNTS, SESSIONS, MIXED, LOGS, COUNTRIES);

    private TestCatalog() {
    }

    static TableInfo distributed(String name, String key, KeyType type, int slots, int ordinal, String seq,
            boolean always) {
        return new TableInfo(name, TableKind.DISTRIBUTED, key, type, slots, ordinal, seq, always);
    }

    static TableLookup of(TableInfo... tables) {
        Map<String, TableInfo> map = List.of(tables).stream()
                .collect(Collectors.toMap(TableInfo::name, Function.identity()));
        return new TableLookup() {
            @Override
            public TableInfo find(String normalizedName) {
                return map.get(normalizedName);
            }

            @Override
            public List<String> inSchema(String schema) {
                return map.keySet().stream()
                        .filter(n -> (n.contains(".") ? n.substring(0, n.indexOf('.')) : "public").equals(schema))
                        .sorted().toList();
            }
        };
    }
}
