package io.synapsedb.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The postgresql.conf settings every node of a cluster gets, written once per node after its data
 * directory is copied from the template (a replica inherits them with its copy of the primary).
 */
final class ServerSettings {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private final Map<String, String> settings;

    private ServerSettings(Map<String, String> settings) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The launcher's defaults, then {@code durable=false}'s, then the user's (later ones win). */
    static ServerSettings of(boolean durable, Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("max_connections", "200");
        all.put("shared_buffers", "32MB");
        all.put("max_prepared_transactions", "64"); // two-phase commit across groups
        all.put("wal_level", "replica");
        all.put("max_wal_senders", "10");
        all.put("max_replication_slots", "10");
        all.put("hot_standby", "on");
        all.put("logging_collector", "off"); // stderr goes to the node's log file
        if (!durable) {
            // Fast tests: a crash of the machine may lose or corrupt data, a crash of the server may not.
            all.put("fsync", "off");
            all.put("synchronous_commit", "off");
            all.put("full_page_writes", "off");
        }
        extra.forEach((key, value) -> {
            checkName(key);
            all.remove(key); // keep the user's order position at the end
            all.put(key, value);
        });
        return new ServerSettings(all);
    }

    static void checkName(String key) {
        if (key == null || !NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL setting name: '" + key + "'");
        }
    }

    Map<String, String> asMap() {
        return settings;
    }

    /** Appends the settings to a data directory's postgresql.conf. */
    void appendTo(Path dataDir) throws IOException {
        StringBuilder text = new StringBuilder("\n# Added by the SynapseDB local cluster launcher (io.synapsedb.local).\n")
                .append("# port, listen_addresses and unix_socket_directories are on the server's command line.\n");
        settings.forEach((key, value) -> text.append(key).append(" = ").append(quote(value)).append('\n'));
        Files.writeString(dataDir.resolve("postgresql.conf"), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** A postgresql.conf string literal (PostgreSQL accepts quoted values for every setting type). */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
