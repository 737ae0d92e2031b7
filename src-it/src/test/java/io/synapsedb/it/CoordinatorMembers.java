package io.synapsedb.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.synapsedb.coordinator.MemberProcess;
import io.synapsedb.coordinator.TestMembers;

/**
 * Standalone coordinator members ({@code io.synapsedb.coordinator.server.CoordinatorMain}) as child
 * JVMs, so that a test can kill one with SIGKILL and start it again on the same data directory.
 */
final class CoordinatorMembers implements AutoCloseable {

    /** One member: its id, port, YAML file and (while it runs) its process. */
    static final class Member {
        final String id;
        final int port;
        final Path yaml;
        volatile MemberProcess process;

        Member(String id, int port, Path yaml) {
            this.id = id;
            this.port = port;
            this.yaml = yaml;
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
        List<Integer> ports = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(TestMembers.freePort()); // free for TCP (messaging) and UDP (SWIM) alike
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
        m.process = MemberProcess.launch(m.id, dir, true, "--config", m.yaml.toString());
    }

    /** SIGKILL, as a crash: no leave message, no clean shutdown. */
    void kill(Member m) throws InterruptedException {
        MemberProcess p = m.process;
        if (p != null) {
            p.kill();
        }
    }

    void awaitReady(Member m) throws Exception {
        ClusterSupport.waitFor(Duration.ofSeconds(180), () -> {
            if (!m.process.isAlive()) {
                throw new AssertionError("coordinator member " + m.id + " exited: " + m.process.output());
            }
            return m.process.printed("READY") ? Boolean.TRUE : null;
        });
    }

    @Override
    public void close() throws InterruptedException {
        for (Member m : members) {
            kill(m);
        }
    }
}
