package io.synapsedb.config;

import io.synapsedb.core.TableKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML cluster file named by {@link SynapseProperty#CONFIG}:
 *
 * <pre>
 * database: synapsedb
 * user: postgres
 * password: secret          # optional
 * homeGroup: g1             # optional, default the first group
 * defaultSlots: 128
 * planCacheSize: 10000
 * keyBlockSize: 32
 * failOnFullFanout: false
 * ddlLockTimeoutMs: 60000     # DDL's wait for another application's DDL
 * pool: { size: 10, minIdle: 0, connectionTimeoutMs: 5000 }
 * breaker: { failureRateThreshold: 50, minimumCalls: 5, openMs: 5000 }
 * groups:
 *   - name: g1
 *     primary: 127.0.0.1:5432          # host[:port][/database]; quote IPv6: "[::1]:5432"
 *     replicas: [127.0.0.1:5442]
 *   - name: g2
 *     primary: 127.0.0.1:5433
 * tables:
 *   - { name: orders, shardKey: customer_id, slots: 128 }   # type: distributed is the default
 *   - { name: countries, type: reference }
 * properties: { sslmode: disable, ApplicationName: shop }   # pgJDBC pass-through
 * </pre>
 *
 * The file is loaded with SnakeYAML's {@link SafeConstructor} into plain maps and lists: no
 * tags, no object construction. Duplicate keys and unknown keys are errors. Error messages give
 * the key and line, never a line's text (it might be the password's).
 */
final class YamlConfigLoader {

    private static final String CLASSPATH_PREFIX = "classpath:";
    private static final List<String> GROUP_KEYS = List.of("name", "primary", "replicas");
    private static final List<String> TABLE_KEYS = List.of("name", "type", "shardKey", "slots");
    private static final List<String> STRUCTURE_KEYS = List.of("database", "groups", "tables",
            "properties");

    private YamlConfigLoader() {
    }

    static ConfigFile load(String location) throws SQLException {
        if (location.isBlank()) {
            throw ConfigErrors.invalid("Invalid value '' for " + SynapseProperty.CONFIG.propertyName()
                    + ": expected a file path or classpath:name.yaml");
        }
        Object root;
        try (InputStream in = open(location);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            root = newYaml().load(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw ConfigErrors.invalid("Config file " + location + " is not valid YAML"
                    + (mark != null ? " at line " + (mark.getLine() + 1) + ", column "
                    + (mark.getColumn() + 1) : "") + ": " + e.getProblem()
                    + " (quote values that contain ':', '[' or '#', e.g. \"[::1]:5432\")");
        } catch (YAMLException e) {
            if (e.getCause() instanceof IOException) {
                // SnakeYAML wraps read errors of its stream reader.
                throw ConfigErrors.unreadable("Config file " + location + " cannot be read: "
                        + e.getCause(), e.getCause());
            }
            throw ConfigErrors.invalid("Config file " + location + " is not valid YAML");
        } catch (IOException e) {
            throw ConfigErrors.unreadable("Config file " + location + " cannot be read: " + e, e);
        }
        if (root == null) {
            throw ConfigErrors.invalid("Config file " + location + " is empty");
        }
        if (!(root instanceof Map)) {
            throw ConfigErrors.invalid("Config file " + location
                    + " must be a mapping of keys (database, groups, ...) at the top level");
        }
        return new Parser(location).parse(asMap(root, "the top level", location));
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    private static InputStream open(String location) throws IOException, SQLException {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String name = location.substring(CLASSPATH_PREFIX.length());
            while (name.startsWith("/")) {
                name = name.substring(1);
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            InputStream in = loader != null ? loader.getResourceAsStream(name) : null;
            if (in == null) {
                in = YamlConfigLoader.class.getClassLoader().getResourceAsStream(name);
            }
            if (in == null) {
                throw ConfigErrors.unreadable("Config file " + location
                        + " not found on the classpath", null);
            }
            return in;
        }
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            throw ConfigErrors.invalid("Invalid value '" + location + "' for "
                    + SynapseProperty.CONFIG.propertyName() + ": not a file path (" + e.getReason() + ")");
        }
        if (Files.isDirectory(path)) {
            throw ConfigErrors.unreadable("Config file " + location + " is a directory", null);
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw ConfigErrors.unreadable("Config file " + location + " not found (absolute path "
                    + path.toAbsolutePath() + ")", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object node, String what, String location)
            throws SQLException {
        if (!(node instanceof Map)) {
            throw ConfigErrors.invalid("Config file " + location + ": " + what
                    + " must be a mapping (key: value, ...)");
        }
        return (Map<Object, Object>) node;
    }

    /** Walks one file's tree; holds the location for messages. */
    private static final class Parser {

        private final String location;
        private final Map<SynapseProperty, Setting> settings = new LinkedHashMap<>();
        private final Map<String, Setting> pgSettings = new LinkedHashMap<>();
        private final List<ConfigFile.GroupSpec> groups = new ArrayList<>();
        private final List<TableDeclaration> tables = new ArrayList<>();
        private String database;

        Parser(String location) {
            this.location = location;
        }

        ConfigFile parse(Map<Object, Object> root) throws SQLException {
            Map<String, Map<String, SynapseProperty>> nested = new LinkedHashMap<>();
            Map<String, SynapseProperty> topLevel = new LinkedHashMap<>();
            for (SynapseProperty p : SynapseProperty.values()) {
                String path = p.yamlPath();
                if (path == null) {
                    continue;
                }
                int dot = path.indexOf('.');
                if (dot < 0) {
                    topLevel.put(path, p);
                } else {
                    nested.computeIfAbsent(path.substring(0, dot), k -> new LinkedHashMap<>())
                            .put(path.substring(dot + 1), p);
                }
            }
            Set<String> validTop = new LinkedHashSet<>(STRUCTURE_KEYS);
            validTop.addAll(topLevel.keySet());
            validTop.addAll(nested.keySet());

            for (Map.Entry<Object, Object> e : root.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object value = e.getValue();
                if (topLevel.containsKey(key)) {
                    put(topLevel.get(key), key, value);
                } else if (nested.containsKey(key)) {
                    Map<String, SynapseProperty> children = nested.get(key);
                    Map<Object, Object> section = asMap(value, "'" + key + "'", location);
                    for (Map.Entry<Object, Object> c : section.entrySet()) {
                        String childKey = String.valueOf(c.getKey());
                        SynapseProperty p = children.get(childKey);
                        if (p == null) {
                            throw unknownKey(key + "." + childKey, children.keySet());
                        }
                        put(p, key + "." + childKey, c.getValue());
                    }
                } else if (key.equals("database")) {
                    database = text(value, "database");
                } else if (key.equals("groups")) {
                    parseGroups(value);
                } else if (key.equals("tables")) {
                    parseTables(value);
                } else if (key.equals("properties")) {
                    parseProperties(value);
                } else {
                    throw unknownKey(key, validTop);
                }
            }
            if (groups.isEmpty()) {
                throw ConfigErrors.invalid("Config file " + location + " declares no groups"
                        + " (key 'groups', a list of {name, primary, replicas})");
            }
            return new ConfigFile(location, database, Collections.unmodifiableMap(settings),
                    Collections.unmodifiableMap(pgSettings), List.copyOf(groups), List.copyOf(tables));
        }

        private void put(SynapseProperty p, String key, Object value) throws SQLException {
            settings.put(p, new Setting(scalar(value, key, p.isSecret()), origin(key)));
        }

        private void parseGroups(Object value) throws SQLException {
            List<?> list = list(value, "groups");
            for (int i = 0; i < list.size(); i++) {
                String where = "groups[" + i + "]";
                Map<Object, Object> g = asMap(list.get(i), where, location);
                checkKeys(g, where, GROUP_KEYS);
                String name = required(g, "name", where);
                where = where + " (" + name + ")";
                String primary = required(g, "primary", where);
                List<String> replicas = new ArrayList<>();
                if (g.containsKey("replicas")) {
                    List<?> r = list(g.get("replicas"), where + ".replicas");
                    for (int j = 0; j < r.size(); j++) {
                        replicas.add(text(r.get(j), where + ".replicas[" + j + "]"));
                    }
                }
                groups.add(new ConfigFile.GroupSpec(name, primary, List.copyOf(replicas),
                        origin(where)));
            }
        }

        private void parseTables(Object value) throws SQLException {
            List<?> list = list(value, "tables");
            for (int i = 0; i < list.size(); i++) {
                String where = "tables[" + i + "]";
                Map<Object, Object> t = asMap(list.get(i), where, location);
                checkKeys(t, where, TABLE_KEYS);
                String name = required(t, "name", where);
                where = where + " (" + name + ")";
                TableKind kind = TableKind.DISTRIBUTED;
                if (t.containsKey("type")) {
                    String type = text(t.get("type"), where + ".type");
                    try {
                        kind = TableKind.valueOf(type.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw ConfigErrors.invalidValue(where + ".type", type, false, location,
                                "expected distributed or reference");
                    }
                }
                String shardKey = t.containsKey("shardKey")
                        ? text(t.get("shardKey"), where + ".shardKey") : null;
                int slots = 0;
                if (t.containsKey("slots")) {
                    String s = scalar(t.get("slots"), where + ".slots", false);
                    try {
                        slots = Integer.parseInt(s.trim());
                    } catch (NumberFormatException e) {
                        slots = -1;
                    }
                    if (slots < 1 || slots > TableDeclaration.MAX_SLOTS) {
                        throw ConfigErrors.invalidValue(where + ".slots", s, false, location,
                                "expected an integer from 1 to " + TableDeclaration.MAX_SLOTS);
                    }
                }
                if (kind == TableKind.DISTRIBUTED && shardKey == null) {
                    throw ConfigErrors.invalid("Config file " + location + ": " + where
                            + " is a distributed table without shardKey (or say type: reference)");
                }
                if (kind == TableKind.REFERENCE && (shardKey != null || slots != 0)) {
                    throw ConfigErrors.invalid("Config file " + location + ": " + where
                            + " is a reference table; shardKey and slots apply only to"
                            + " distributed tables");
                }
                tables.add(new TableDeclaration(name, kind, shardKey, slots));
            }
        }

        private void parseProperties(Object value) throws SQLException {
            Map<Object, Object> props = asMap(value, "'properties'", location);
            for (Map.Entry<Object, Object> e : props.entrySet()) {
                String key = String.valueOf(e.getKey());
                SynapseProperty own = SynapseProperty.forName(key);
                if (own != null) {
                    throw ConfigErrors.invalid("Config file " + location + ": properties." + key
                            + " is a SynapseDB setting, not a pgJDBC property; set it as "
                            + (own.yamlPath() != null ? "'" + own.yamlPath() + "'"
                                    : "a URL parameter"));
                }
                pgSettings.put(key, new Setting(
                        scalar(e.getValue(), "properties." + key,
                                SynapseConfig.isSecretPgProperty(key)),
                        origin("properties." + key)));
            }
        }

        private void checkKeys(Map<Object, Object> map, String where, List<String> valid)
                throws SQLException {
            for (Object k : map.keySet()) {
                if (!valid.contains(String.valueOf(k))) {
                    throw unknownKey(where + "." + k, valid);
                }
            }
        }

        private String required(Map<Object, Object> map, String key, String where)
                throws SQLException {
            if (!map.containsKey(key)) {
                throw ConfigErrors.invalid("Config file " + location + ": " + where + " has no '"
                        + key + "'");
            }
            return text(map.get(key), where + "." + key);
        }

        private List<?> list(Object value, String key) throws SQLException {
            if (!(value instanceof List)) {
                throw ConfigErrors.invalid("Config file " + location + ": " + key
                        + " must be a list");
            }
            return (List<?>) value;
        }

        /** A string value; numbers and booleans are refused where text is meant (quote them). */
        private String text(Object value, String key) throws SQLException {
            if (value instanceof String && !((String) value).isBlank()) {
                return ((String) value).trim();
            }
            if (value instanceof List || value instanceof Map) {
                throw ConfigErrors.invalid("Config file " + location + ": " + key
                        + " must be text, not a " + (value instanceof List ? "list" : "mapping")
                        + " (write IPv6 addresses in quotes: \"[::1]:5432\")");
            }
            throw ConfigErrors.invalid("Config file " + location + ": " + key
                    + " must be non-empty text" + (value == null ? ", it has no value"
                    : " (put it in quotes)"));
        }

        /** Any single value as text: the property parsers check its form. */
        private String scalar(Object value, String key, boolean secret) throws SQLException {
            if (value == null) {
                throw ConfigErrors.invalid("Config file " + location + ": " + key + " has no value");
            }
            if (value instanceof List || value instanceof Map) {
                throw ConfigErrors.invalid("Config file " + location + ": " + key
                        + " must be a single value, not a " + (value instanceof List ? "list"
                        : "mapping"));
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                // SafeConstructor also yields dates and byte arrays; none is a valid setting.
                throw ConfigErrors.invalid("Config file " + location + ": " + key
                        + " must be text, a number or a boolean" + (secret ? "" : " (quote it)"));
            }
            return String.valueOf(value);
        }

        private SQLException unknownKey(String key, Iterable<String> valid) {
            return ConfigErrors.invalid("Config file " + location + ": unknown key '" + key
                    + "'; valid keys here: " + String.join(", ", valid));
        }

        private String origin(String key) {
            return key + " in " + location;
        }
    }
}
