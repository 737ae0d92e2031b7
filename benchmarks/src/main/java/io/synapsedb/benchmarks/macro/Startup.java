package io.synapsedb.benchmarks.macro;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time on a static topology: for each configuration, fresh JVMs ({@code java -cp
 * <this classpath> StartupProbe ...}) each measuring {@code DriverManager.getConnection} to the
 * first row of a point select.
 */
public final class Startup {

    private static final Pattern RESULT = Pattern.compile("STARTUP connect_to_first_row_ns=(\\d+) jvm_uptime_ms=(\\d+)");

    /**
     * One start-up measurement.
     *
     * @param connectToFirstRowMillis {@code getConnection} to the first row
     * @param jvmUptimeMillis JVM start to the first row
     */
    public record Sample(double connectToFirstRowMillis, double jvmUptimeMillis) {
    }

    private Startup() {
    }

    /** Runs the probe in a fresh JVM and returns its measurement. */
    public static Sample probe(String url, String table, long key) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add(StartupProbe.class.getName());
        cmd.add(url);
        cmd.add(table);
        cmd.add(Long.toString(key));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("start-up probe for " + url + " did not finish in 120 s");
        }
        Matcher m = RESULT.matcher(out);
        if (p.exitValue() != 0 || !m.find()) {
            throw new IOException("start-up probe for " + url + " failed (exit " + p.exitValue() + "):\n" + out);
        }
        return new Sample(Long.parseLong(m.group(1)) / 1e6, Long.parseLong(m.group(2)));
    }

    /**
     * The classpath this harness runs on. Under {@code exec:java} the project's classes are in the
     * context class loader, not in {@code java.class.path} (which is Maven's); with {@code java -cp}
     * they are in {@code java.class.path}. {@code -Dbench.classpath} overrides both.
     */
    static String classpath() {
        String explicit = System.getProperty("bench.classpath");
        if (explicit != null) {
            return explicit;
        }
        Set<String> entries = new LinkedHashSet<>();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null && l != system;
                l = l.getParent()) {
            if (l instanceof URLClassLoader) {
                for (URL u : ((URLClassLoader) l).getURLs()) {
                    if ("file".equals(u.getProtocol())) {
                        try {
                            entries.add(new File(u.toURI()).getPath());
                        } catch (URISyntaxException e) {
                            entries.add(u.getPath());
                        }
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            return System.getProperty("java.class.path");
        }
        return String.join(File.pathSeparator, entries);
    }
}
