package io.synapsedb.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.synapsedb.coordinator.server.CoordinatorMain;

/**
 * Standalone members as separate JVMs ({@link CoordinatorMain} with a YAML file, the test classpath):
 * a 3-member cluster forms, and leadership moves when the leader's JVM is killed with SIGKILL.
 * Also: a JVM without the --add-opens flags fails at start with a message naming them.
 */
@Timeout(300)
class StandaloneProcessTest {

    private static final Pattern LOCAL_LEADER = Pattern.compile("leadership: (\\S+) term (\\d+) \\(this member\\)");

    @TempDir
    Path dir;

    final List<Member> processes = new ArrayList<>();

    record Member(String id, Process process, List<String> output) {
        boolean printed(String text) {
            return output.stream().anyMatch(l -> l.contains(text));
        }

        long leaderTerm() {
            long term = -1;
            for (String line : output) {
                Matcher m = LOCAL_LEADER.matcher(line);
                if (m.find()) {
                    term = Math.max(term, Long.parseLong(m.group(2)));
                }
            }
            return term;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Member m : processes) {
            m.process().destroyForcibly();
            m.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void leadershipMovesWhenTheLeaderJvmIsKilled() throws Exception {
        List<MemberAddress> addresses = TestMembers.addresses(3);
        String members = addresses.stream().map(MemberAddress::toString).toList().toString();
        for (MemberAddress a : addresses) {
            Path yaml = dir.resolve(a.id() + ".yaml");
            Files.writeString(yaml, "memberId: " + a.id() + "\nhost: 127.0.0.1\nport: " + a.port() + "\nmembers: "
                    + members + "\ndataDir: data-" + a.id() + "\ntimeouts: { sessionMs: 5000, failureMs: 4000 }\n");
            launch(a.id(), true, "--config", yaml.toString());
        }
        Eventually.await(Duration.ofSeconds(180), "3 standalone members READY",
                () -> processes.stream().allMatch(m -> m.printed("READY member")));
        Eventually.await(Duration.ofSeconds(30), "one member leads",
                () -> processes.stream().filter(m -> m.leaderTerm() > 0).count() == 1);
        Member leader = processes.stream().filter(m -> m.leaderTerm() > 0).findFirst().orElseThrow();
        long term = leader.leaderTerm();

        leader.process().destroyForcibly(); // SIGKILL: no goodbye, the session must expire
        assertThat(leader.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killed = System.nanoTime();
        Eventually.await(Duration.ofSeconds(60), "a surviving member leads with a higher term",
                () -> processes.stream().filter(m -> m != leader).anyMatch(m -> m.leaderTerm() > term));
        System.out.println("leadership moved " + (System.nanoTime() - killed) / 1_000_000 + " ms after kill -9 of "
                + leader.id());
        Eventually.await(Duration.ofSeconds(30), "survivors saw the killed member go",
                () -> processes.stream().filter(m -> m != leader).allMatch(m -> m.printed("UNREACHABLE " + leader.id())
                        || m.printed("REMOVED " + leader.id())));
    }

    @Test
    void aJvmWithoutTheFlagsFailsAtStartNamingThem() throws Exception {
        MemberAddress a = TestMembers.addresses(1).get(0);
        Path yaml = dir.resolve("solo.yaml");
        Files.writeString(yaml, "memberId: solo\nport: " + a.port() + "\ndataDir: data-solo\n");
        Member m = launch("solo", false, "--config", yaml.toString());
        assertThat(m.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(m.process().exitValue()).isEqualTo(1);
        Eventually.await(Duration.ofSeconds(5), "error printed", () -> m.printed("55000"));
        assertThat(String.join("\n", m.output()))
                .contains("--add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED")
                .contains("--add-opens java.base/java.util=ALL-UNNAMED");
    }

    private Member launch(String id, boolean withFlags, String... args) throws IOException {
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
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
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
        }, "output-" + id);
        reader.setDaemon(true);
        reader.start();
        Member m = new Member(id, p, output);
        processes.add(m);
        return m;
    }
}
