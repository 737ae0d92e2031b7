package io.synapsedb.config;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import io.synapsedb.spi.CoordinatorSettings;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Turns a URL, connection properties and an optional config file into a {@link SynapseConfig}:
 * layers are merged (URL over {@code info} over file over defaults), every name is classified
 * (SynapseDB property, pgJDBC pass-through, or an error) and every value parsed, before the
 * builder checks the whole.
 */
final class UrlConfigReader {

    private static final String FROM_URL = "the URL";
    private static final String FROM_INFO = "connection properties";

    private UrlConfigReader() {
    }

    static SynapseConfig read(String url, Properties info) throws SQLException {
        SynapseUrl u = SynapseUrl.parse(url);
        Map<String, Setting> infoLayer = infoLayer(info);
        Map<String, Setting> urlLayer = new LinkedHashMap<>();
        u.params().forEach((k, v) -> urlLayer.put(k, new Setting(v, FROM_URL)));
        String coordinatorName = SynapseProperty.COORDINATOR.propertyName();
        if (u.coordinator() != null) {
            if (urlLayer.containsKey(coordinatorName)) {
                throw ConfigErrors.invalid("The URL names the coordinator twice: in " + SynapseUrl.PREFIX
                        + SynapseUrl.COORDINATOR_FORM + "... and as the " + coordinatorName + " parameter");
            }
            urlLayer.put(coordinatorName, new Setting(u.coordinator(), FROM_URL));
        }

        String configName = SynapseProperty.CONFIG.propertyName();
        Setting config = urlLayer.containsKey(configName) ? urlLayer.get(configName)
                : infoLayer.get(configName);
        ConfigFile file = null;
        if (config != null) {
            if (!u.hosts().isEmpty()) {
                throw ConfigErrors.invalid("The URL has both a host list and " + configName
                        + " (from " + config.origin() + "): use jdbc:synapse://hosts/db or"
                        + " jdbc:synapse:?config=<file>, not both");
            }
            if (u.database() != null) {
                throw ConfigErrors.invalid("The URL names database '" + u.database() + "' and "
                        + configName + ": with a config file, the database comes from its"
                        + " 'database' key");
            }
            file = YamlConfigLoader.load(config.value().trim());
        } else if (u.hosts().isEmpty() && u.coordinator() == null && !infoLayer.containsKey(coordinatorName)) {
            throw ConfigErrors.invalid("The URL names no hosts and no config file: use"
                    + " jdbc:synapse://host1:port1,host2:port2/database or"
                    + " jdbc:synapse:?config=<file path or classpath:name.yaml>");
        }

        Map<SynapseProperty, Setting> own = new EnumMap<>(SynapseProperty.class);
        Map<String, Setting> pg = new LinkedHashMap<>();
        if (file != null) {
            own.putAll(file.settings());
            pg.putAll(file.pgSettings());
        }
        classify(infoLayer, own, pg);
        classify(urlLayer, own, pg);

        SynapseConfig.Builder b = SynapseConfig.builder();
        for (Map.Entry<SynapseProperty, Setting> e : own.entrySet()) {
            apply(b, e.getKey(), parse(e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, Setting> e : pg.entrySet()) {
            PgPassThrough.check(e.getKey(), e.getValue().value(), e.getValue().origin());
            b.pgProperty(e.getKey(), e.getValue().value());
        }

        Setting user = own.get(SynapseProperty.USER);
        String database = file != null ? file.database() : u.database();
        boolean clusterMode = own.containsKey(SynapseProperty.COORDINATOR);
        if (database == null && user != null && !clusterMode) {
            database = user.value().trim(); // PostgreSQL's default: the database named like the user
        }
        if (database == null && !clusterMode) {
            throw ConfigErrors.invalid("No database: give it in the URL (jdbc:synapse://hosts/"
                    + "<database>), as 'database' in the config file, or give a user (the"
                    + " database then defaults to the user name)");
        }
        b.database(database);
        if (database != null) {
            b.groups(file != null ? fileGroups(file, database) : urlGroups(u, database));
        }
        if (file != null) {
            b.tables(file.tables());
        }
        b.coordinator(coordinatorSettings(own));
        return b.build();
    }

    private static Map<String, Setting> infoLayer(Properties info) throws SQLException {
        Map<String, Setting> layer = new LinkedHashMap<>();
        if (info == null) {
            return layer;
        }
        for (Map.Entry<Object, Object> e : info.entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                // Properties.getProperty would silently ignore such an entry; say so instead.
                throw ConfigErrors.invalid("Connection property " + e.getKey()
                        + " must have a String name and value, not a "
                        + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName()));
            }
        }
        for (String name : info.stringPropertyNames()) {
            layer.put(name, new Setting(info.getProperty(name), FROM_INFO));
        }
        return layer;
    }

    private static void classify(Map<String, Setting> layer, Map<SynapseProperty, Setting> own,
            Map<String, Setting> pg) throws SQLException {
        for (Map.Entry<String, Setting> e : layer.entrySet()) {
            String name = e.getKey();
            SynapseProperty p = SynapseProperty.forName(name);
            if (p != null) {
                own.put(p, e.getValue());
            } else if (PgPassThrough.isPgProperty(name)) {
                pg.put(name, e.getValue());
            } else {
                throw unknownProperty(name, e.getValue().origin());
            }
        }
    }

    private static SQLException unknownProperty(String name, String origin) {
        SynapseProperty near = SynapseProperty.forNameIgnoreCase(name);
        String hint = near != null ? " Did you mean " + near.propertyName() + "?" : "";
        return ConfigErrors.invalid("Unknown property '" + name + "'"
                + ConfigErrors.originSuffix(origin) + "." + hint
                + " SynapseDB properties: " + SynapseProperty.names() + "."
                + " Any pgJDBC connection property (org.postgresql.PGProperty) is also accepted and"
                + " passed to every physical connection: " + PgPassThrough.passThroughNames()
                + ".");
    }

    private static Object parse(SynapseProperty p, Setting s) throws SQLException {
        try {
            return p.parse(s.value());
        } catch (IllegalArgumentException e) {
            throw ConfigErrors.invalidValue(p.propertyName(), s.value(), p.isSecret(), s.origin(),
                    e.getMessage());
        }
    }

    private static void apply(SynapseConfig.Builder b, SynapseProperty p, Object v) {
        switch (p) {
            case CONFIG: break; // already read
            case USER: b.user((String) v); break;
            case PASSWORD: b.password((String) v); break;
            case HOME_GROUP: b.homeGroup((String) v); break;
            case POOL_SIZE: case POOL_MIN_IDLE: case CONNECTION_TIMEOUT_MS: case DEFAULT_SLOTS: case PLAN_CACHE_SIZE:
            case KEY_BLOCK_SIZE: case CATALOG_REFRESH_MS: case BREAKER_FAILURE_RATE_THRESHOLD: case BREAKER_MINIMUM_CALLS:
            case BREAKER_OPEN_MS: case FAIL_ON_FULL_FANOUT: case DIRECT_PARTITIONS: case NODE_TIMEOUT_MS:
            case HEALTH_CHECK_INTERVAL_MS: case RECOVERY_INTERVAL_MS: case RECOVERY_MIN_AGE_MS: case DDL_LOCK_TIMEOUT_MS:
                b.setting(p, v); // a setting of the records; build() checks them
                break;
            case COORDINATOR: case COORDINATOR_MEMBER_ID: case COORDINATOR_HOST: case COORDINATOR_PORT:
            case COORDINATOR_DATA_DIR: case COORDINATOR_TIMEOUT_MS: case COORDINATOR_START_TIMEOUT_MS:
            case COORDINATOR_KEY_STORE: case COORDINATOR_KEY_STORE_PASSWORD: case COORDINATOR_TRUST_STORE:
            case COORDINATOR_TRUST_STORE_PASSWORD:
                break; // collected by coordinatorSettings

            default: throw new AssertionError(p);
        }
    }

    /** The coordinator settings when {@code coordinator} is set; {@code null} otherwise. */
    private static CoordinatorSettings coordinatorSettings(Map<SynapseProperty, Setting> own) throws SQLException {
        Setting members = own.get(SynapseProperty.COORDINATOR);
        if (members == null) {
            for (SynapseProperty p : own.keySet()) {
                if (p.propertyName().startsWith("coordinator")) {
                    throw ConfigErrors.invalid(p.propertyName() + " is set but " + SynapseProperty.COORDINATOR.propertyName()
                            + " is not: name the coordinator's members (jdbc:synapse:coordinator=host:port,.../db)");
                }
            }
            return null;
        }
        List<String> list = new ArrayList<>();
        for (String m : members.value().split(",", -1)) {
            String t = m.trim();
            if (t.isEmpty() || t.lastIndexOf(':') < 0) {
                throw ConfigErrors.invalid("Invalid value for " + SynapseProperty.COORDINATOR.propertyName()
                        + ConfigErrors.originSuffix(members.origin())
                        + ": expected host:port or id@host:port, comma-separated");
            }
            list.add(t);
        }
        return new CoordinatorSettings(list, (String) value(own, SynapseProperty.COORDINATOR_MEMBER_ID),
                (String) value(own, SynapseProperty.COORDINATOR_HOST), (Integer) value(own, SynapseProperty.COORDINATOR_PORT),
                (String) value(own, SynapseProperty.COORDINATOR_DATA_DIR),
                (Long) value(own, SynapseProperty.COORDINATOR_TIMEOUT_MS),
                (Long) value(own, SynapseProperty.COORDINATOR_START_TIMEOUT_MS),
                (String) value(own, SynapseProperty.COORDINATOR_KEY_STORE),
                (String) value(own, SynapseProperty.COORDINATOR_KEY_STORE_PASSWORD),
                (String) value(own, SynapseProperty.COORDINATOR_TRUST_STORE),
                (String) value(own, SynapseProperty.COORDINATOR_TRUST_STORE_PASSWORD));
    }

    /** The parsed setting, its default, or {@code null}. */
    private static Object value(Map<SynapseProperty, Setting> own, SynapseProperty p) throws SQLException {
        Setting s = own.get(p);
        if (s != null) {
            return parse(p, s);
        }
        return p.defaultValue() == null ? null : p.parse(p.defaultValue());
    }

    /** One group of one primary per URL host, named g1, g2, ... in URL order. */
    private static List<GroupInfo> urlGroups(SynapseUrl u, String database) throws SQLException {
        List<GroupInfo> groups = new ArrayList<>();
        List<String> hosts = u.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            NodeAddress node = NodeAddresses.parse(hosts.get(i), database, false,
                    "host " + (i + 1) + " of the URL");
            groups.add(GroupInfo.of("g" + (i + 1), node));
        }
        return groups;
    }

    private static List<GroupInfo> fileGroups(ConfigFile file, String database) throws SQLException {
        List<GroupInfo> groups = new ArrayList<>();
        for (ConfigFile.GroupSpec g : file.groups()) {
            NodeAddress primary = NodeAddresses.parse(g.primary(), database, true,
                    "primary of " + g.origin());
            List<NodeAddress> replicas = new ArrayList<>();
            for (String r : g.replicas()) {
                replicas.add(NodeAddresses.parse(r, database, true, "replica of " + g.origin()));
            }
            groups.add(new GroupInfo(g.name(), primary, replicas));
        }
        return groups;
    }
}
