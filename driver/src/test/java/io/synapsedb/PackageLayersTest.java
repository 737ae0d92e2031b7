package io.synapsedb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The driver's packages form layers without cycles, read off the sources: a package may use only
 * the packages below it in {@link #LAYERS}. A new dependency that points upwards fails here with
 * the file that made it.
 */
class PackageLayersTest {

    /** Bottom first; a package uses only packages of earlier entries (and its own sub-packages). */
    private static final List<String> LAYERS = List.of("core", "spi", "placement", "config", "health", "txn",
            "metrics", "pool", "catalog", "sql", "route", "cluster", "exec", "jdbc");

    private static final Pattern PACKAGE = Pattern.compile("^package io\\.synapsedb\\.([a-z]+)[.;]", Pattern.MULTILINE);
    private static final Pattern USE = Pattern.compile("\\bio\\.synapsedb\\.([a-z]+)\\.");

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/synapsedb"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher pm = PACKAGE.matcher(text);
                if (!pm.find()) {
                    continue;
                }
                String pkg = pm.group(1);
                if (pkg.equals("local")) {
                    continue; // the launcher, a module of its own soon; it uses nothing of the driver
                }
                Matcher um = USE.matcher(text);
                while (um.find()) {
                    String used = um.group(1);
                    if (used.equals(pkg)) {
                        continue;
                    }
                    uses.computeIfAbsent(pkg, k -> new TreeSet<>()).add(used);
                    if (!LAYERS.contains(pkg) || !LAYERS.contains(used) || LAYERS.indexOf(used) > LAYERS.indexOf(pkg)) {
                        upward.add(f.getFileName() + ": " + pkg + " -> " + used);
                    }
                }
            }
        }
        assertThat(uses).as("the driver's packages").isNotEmpty();
        assertThat(upward).as("dependencies that point upwards (or to a package missing from LAYERS)").isEmpty();
    }
}
