package io.synapsedb.coordinator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.synapsedb.coordinator.server.CoordinatorMain;

/**
 * A standalone coordinator member ({@link CoordinatorMain}) in a child JVM on the test classpath, so that
 * a test can kill it with SIGKILL and read what it printed. Shared with the integration tests.
 */
public final class MemberProcess {

    private final String id;
    private final Process process;
    private final List<String> output;

    private MemberProcess(String id, Process process, List<String> output) {
        this.id = id;
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code CoordinatorMain args} in {@code workDir}. {@code withFlags} adds the two
     * {@code --add-opens} flags Atomix needs (the standalone jar's manifest carries them instead).
     */
    public static MemberProcess launch(String id, Path workDir, boolean withFlags, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        if (withFlags) {
            cmd.add("--add-opens");
            cmd.add("java.base/java.util.concurrent.atomic=ALL-UNNAMED");
            cmd.add("--add-opens");
            cmd.add("java.base/java.util=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CoordinatorMain.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "member-output-" + id);
        reader.setDaemon(true);
        reader.start();
        return new MemberProcess(id, p, output);
    }

    public String id() {
        return id;
    }

    public Process process() {
        return process;
    }

    /** Every line printed so far (standard output and error). */
    public List<String> output() {
        return output;
    }

    public boolean printed(String text) {
        return output.stream().anyMatch(l -> l.contains(text));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash: no leave message, no clean shutdown. Waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("coordinator member " + id + " (pid " + process.pid()
                    + ") still running 30 s after SIGKILL");
        }
    }
}
