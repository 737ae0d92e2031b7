package io.synapsedb.coordinator.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.synapsedb.coordinator.CoordinatorConfig;
import io.synapsedb.coordinator.MemberAddress;
import io.synapsedb.coordinator.TlsConfig;
import io.synapsedb.coordinator.admin.AdminConfig;
import io.synapsedb.coordinator.admin.PostgresGroups;

/**
 * Reads a coordinator member's YAML file:
 *
 * <pre>
 * memberId: c1
 * host: 10.0.0.1
 * port: 5679
 * members: [c1@10.0.0.1:5679, c2@10.0.0.2:5679, c3@10.0.0.3:5679]
 * dataDir: /var/lib/synapse/coordinator
 * tls:                      # optional: mutual TLS on messaging (SWIM's UDP gossip is not covered)
 *   keyStore: /etc/synapse/c1.p12
 *   keyStorePassword: ...
 *   trustStore: /etc/synapse/trust.p12
 *   trustStorePassword: ...
 * timeouts: { operationMs: 5000, startMs: 60000, sessionMs: 5000, failureMs: 5000 }   # optional
 * admin: { port: 8080, bindHost: 127.0.0.1, jobIntervalMs: 10000, recoveryMinAgeMs: 30000 }  # optional
 * postgres:                 # optional: the groups the leader jobs and the admin API watch
 *   database: shop
 *   user: app
 *   password: ...
 *   connectTimeoutS: 5      # optional
 *   groups:                 # the same names and order as the applications' jdbc:synapse: configuration
 *     - { name: g1, primary: 10.0.0.1:5432 }
 *     - { name: g2, primary: 10.0.0.2:5432 }
 * </pre>
 *
 * With an {@code admin} or a {@code postgres} section the member also runs the admin HTTP API and the
 * leader jobs ({@link #readAdmin(Path)}).
 *
 * A relative {@code dataDir} or store path is taken relative to the file's directory. Unknown keys are
 * errors (a typo must not silently fall back to a default).
 */
public final class CoordinatorYaml {

    private static final Set<String> TOP = Set.of("clusterId", "memberId", "host", "port", "members", "dataDir", "tls",
            "timeouts", "admin", "postgres");
    private static final Set<String> ADMIN = Set.of("port", "bindHost", "jobIntervalMs", "recoveryMinAgeMs");
    private static final Set<String> POSTGRES = Set.of("database", "user", "password", "connectTimeoutS", "groups");
    private static final Set<String> GROUP = Set.of("name", "primary");
    private static final Set<String> TLS = Set.of("keyStore", "keyStorePassword", "trustStore", "trustStorePassword");
    private static final Set<String> TIMEOUTS = Set.of("operationMs", "startMs", "sessionMs", "failureMs");

    private CoordinatorYaml() {
    }

    /**
     * @throws IllegalArgumentException naming the file and the key that is missing, unknown or wrong
     */
    public static CoordinatorConfig read(Path file) throws IOException {
        Map<?, ?> map = load(file);
        try {
            return parse(map, file.toAbsolutePath().getParent());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The admin API and leader-job settings of the file, or null when it has neither an {@code admin} nor a
     * {@code postgres} section.
     *
     * @throws IllegalArgumentException naming the file and the key that is missing, unknown or wrong
     */
    public static AdminConfig readAdmin(Path file) throws IOException {
        try {
            return parseAdmin(load(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<?, ?> load(Path file) throws IOException {
        Object doc;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": expected a mapping with memberId, host, port, members, dataDir");
        }
        return map;
    }

    static AdminConfig parseAdmin(Map<?, ?> map) {
        Object admin = map.get("admin");
        Object postgres = map.get("postgres");
        if (admin == null && postgres == null) {
            return null;
        }
        AdminConfig.Builder b = AdminConfig.builder();
        if (admin instanceof Map<?, ?> a) {
            checkKeys(a, ADMIN, "admin.");
            if (a.containsKey("port")) {
                b.port(number(a, "port"));
            }
            if (a.containsKey("bindHost")) {
                b.bindHost(text(a, "bindHost"));
            }
            if (a.containsKey("jobIntervalMs")) {
                b.jobInterval(Duration.ofMillis(number(a, "jobIntervalMs")));
            }
            if (a.containsKey("recoveryMinAgeMs")) {
                b.recoveryMinAge(Duration.ofMillis(number(a, "recoveryMinAgeMs")));
            }
        } else if (admin != null) {
            throw new IllegalArgumentException("admin must be a mapping of " + ADMIN);
        }
        if (postgres instanceof Map<?, ?> p) {
            checkKeys(p, POSTGRES, "postgres.");
            if (!(p.get("groups") instanceof List<?> list) || list.isEmpty()) {
                throw new IllegalArgumentException("postgres.groups must be a list of { name: g1, primary: host:port }");
            }
            List<PostgresGroups.Group> groups = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> g)) {
                    throw new IllegalArgumentException("postgres.groups entry '" + item
                            + "' must be a mapping { name: g1, primary: host:port }");
                }
                checkKeys(g, GROUP, "postgres.groups.");
                String name = text(g, "name");
                String primary = text(g, "primary");
                int colon = primary.lastIndexOf(':');
                int port;
                try {
                    port = colon > 0 ? Integer.parseInt(primary.substring(colon + 1)) : -1;
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 0) {
                    throw new IllegalArgumentException("postgres.groups." + name + ".primary must be host:port, got '"
                            + primary + "'");
                }
                groups.add(new PostgresGroups.Group(name, primary.substring(0, colon), port));
            }
            int timeout = p.containsKey("connectTimeoutS") ? number(p, "connectTimeoutS") : 5;
            b.groups(new PostgresGroups(text(p, "database"), text(p, "user"),
                    p.get("password") == null ? null : String.valueOf(p.get("password")), groups, timeout));
        } else if (postgres != null) {
            throw new IllegalArgumentException("postgres must be a mapping of " + POSTGRES);
        }
        return b.build();
    }

    static CoordinatorConfig parse(Map<?, ?> map, Path base) {
        checkKeys(map, TOP, "");
        CoordinatorConfig.Builder b = CoordinatorConfig.builder();
        if (map.containsKey("clusterId")) {
            b.clusterId(text(map, "clusterId"));
        }
        b.memberId(text(map, "memberId"));
        if (map.containsKey("host")) {
            b.host(text(map, "host"));
        }
        b.port(number(map, "port"));
        Object members = map.get("members");
        if (members != null) {
            if (!(members instanceof List<?> list)) {
                throw new IllegalArgumentException("members must be a list of id@host:port");
            }
            List<MemberAddress> parsed = new ArrayList<>();
            for (Object m : list) {
                parsed.add(MemberAddress.parse(String.valueOf(m)));
            }
            b.members(parsed);
        }
        if (map.containsKey("dataDir")) {
            b.dataDir(base.resolve(text(map, "dataDir")));
        }
        if (map.get("tls") instanceof Map<?, ?> tls) {
            checkKeys(tls, TLS, "tls.");
            b.tls(TlsConfig.builder()
                    .keyStore(base.resolve(text(tls, "keyStore")), text(tls, "keyStorePassword"))
                    .trustStore(base.resolve(text(tls, "trustStore")), text(tls, "trustStorePassword"))
                    .build());
        } else if (map.get("tls") != null) {
            throw new IllegalArgumentException("tls must be a mapping of " + TLS);
        }
        if (map.get("timeouts") instanceof Map<?, ?> t) {
            checkKeys(t, TIMEOUTS, "timeouts.");
            if (t.containsKey("operationMs")) {
                b.operationTimeout(Duration.ofMillis(number(t, "operationMs")));
            }
            if (t.containsKey("startMs")) {
                b.startTimeout(Duration.ofMillis(number(t, "startMs")));
            }
            if (t.containsKey("sessionMs")) {
                b.sessionTimeout(Duration.ofMillis(number(t, "sessionMs")));
            }
            if (t.containsKey("failureMs")) {
                b.failureTimeout(Duration.ofMillis(number(t, "failureMs")));
            }
        }
        return b.build();
    }

    private static void checkKeys(Map<?, ?> map, Set<String> allowed, String prefix) {
        for (Object k : map.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("unknown key '" + prefix + k + "' (known: " + allowed + ")");
            }
        }
    }

    private static String text(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException("'" + key + "' is required");
        }
        return String.valueOf(v);
    }

    private static int number(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (v instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalArgumentException("'" + key + "' must be a number, got " + (v == null ? "nothing" : "'" + v + "'"));
    }
}
