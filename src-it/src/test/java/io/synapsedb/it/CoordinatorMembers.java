package io.synapsedb.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Standalone coordinator members ({@code io.synapsedb.coordinator.server.CoordinatorMain}) as child
 * JVMs, so that a test can kill one with SIGKILL and start it again on the same data directory.
 */
final class CoordinatorMembers implements AutoCloseable {

    /** One member: its id, port, YAML file and (while it runs) its process and output. */
    static final class Member {
        final String id;
        final int port;
        final Path yaml;
        volatile Process process;
        final List<String> output = new CopyOnWriteArrayList<>();

        Member(String id, int port, Path yaml) {
            this.id = id;
            this.port = port;
            this.yaml = yaml;
        }

        boolean printed(String text) {
            return output.stream().anyMatch(l -> l.contains(text));
        }

        String address() {
            return id + "@127.0.0.1:" + port;
        }
    }

    private final Path dir;
    private final List<Member> members = new ArrayList<>();

    /**
     * Writes the YAML of {@code count} voting members; {@code postgresSection} (YAML lines, indented
     * by two spaces under {@code postgres:}) makes them publish the topology and run the leader jobs.
     */
    CoordinatorMembers(Path dir, int count, String postgresSection) throws IOException {
        this.dir = dir;
        List<Integer> ports = freePorts(count);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("c" + (i + 1) + "@127.0.0.1:" + ports.get(i));
        }
        for (int i = 0; i < count; i++) {
            String id = "c" + (i + 1);
            Path yaml = dir.resolve(id + ".yaml");
            Files.writeString(yaml, "memberId: " + id + "\nhost: 127.0.0.1\nport: " + ports.get(i) + "\nmembers: "
                    + addresses + "\ndataDir: data-" + id + "\ntimeouts: { sessionMs: 5000, failureMs: 4000 }\n"
                    + "admin: { port: 0, jobIntervalMs: 1000 }\npostgres:\n" + postgresSection);
            members.add(new Member(id, ports.get(i), yaml));
        }
    }

    List<Member> members() {
        return members;
    }

    Member member(int i) {
        return members.get(i);
    }

    /** {@code c1@127.0.0.1:p1,c2@...}: the {@code coordinator=} part of a driver URL. */
    String urlMembers() {
        return String.join(",", members.stream().map(Member::address).toList());
    }

    void startAll() throws IOException {
        for (Member m : members) {
            start(m);
        }
    }

    void start(Member m) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("--add-opens");
        cmd.add("java.base/java.util.concurrent.atomic=ALL-UNNAMED");
        cmd.add("--add-opens");
        cmd.add("java.base/java.util=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.synapsedb.coordinator.server.CoordinatorMain");
        cmd.add("--config");
        cmd.add(m.yaml.toString());
        m.output.clear();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        m.process = p;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    m.output.add(line);
                }
            } catch (IOException e) {
                m.output.add("(output closed: " + e + ")");
            }
        }, "coordinator-" + m.id);
        reader.setDaemon(true);
        reader.start();
    }

    /** SIGKILL, as a crash: no leave message, no clean shutdown. */
    void kill(Member m) throws InterruptedException {
        Process p = m.process;
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    void awaitReady(Member m) throws Exception {
        ClusterSupport.waitFor(Duration.ofSeconds(180), () -> {
            if (!m.process.isAlive()) {
                throw new AssertionError("coordinator member " + m.id + " exited: " + m.output);
            }
            return m.printed("READY") ? Boolean.TRUE : null;
        });
    }

    @Override
    public void close() throws InterruptedException {
        for (Member m : members) {
            kill(m);
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
