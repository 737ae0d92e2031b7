package io.synapsedb.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.synapsedb.coordinator.server.CoordinatorMain;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;

/**
 * Standalone members as separate JVMs ({@link CoordinatorMain} with a YAML file, the test classpath):
 * a 3-member cluster with {@code admin:} and {@code postgres:} sections over a real PostgreSQL node forms and
 * publishes the topology; when the leader's JVM is killed with SIGKILL, a survivor leads and its admin API
 * shows it running the leader jobs. Also: a JVM without the --add-opens flags fails at start with a message
 * naming them.
 */
@Timeout(300)
class StandaloneProcessTest {

    private static final Pattern LOCAL_LEADER = Pattern.compile("leadership: (\\S+) term (\\d+) \\(this member\\)");
    private static final Pattern ADMIN = Pattern.compile("admin API: http://127\\.0\\.0\\.1:(\\d+)/status");
    private static final Pattern JOB_RUNS = Pattern.compile("\"jobRuns\":(\\d+)");

    @TempDir
    Path dir;

    final List<MemberProcess> processes = new ArrayList<>();

    private static int adminPort(MemberProcess m) {
        for (String line : m.output()) {
            Matcher a = ADMIN.matcher(line);
            if (a.find()) {
                return Integer.parseInt(a.group(1));
            }
        }
        throw new AssertionError(m.id() + " printed no admin API address: " + m.output());
    }

    private static long leaderTerm(MemberProcess m) {
        long term = -1;
        for (String line : m.output()) {
            Matcher l = LOCAL_LEADER.matcher(line);
            if (l.find()) {
                term = Math.max(term, Long.parseLong(l.group(2)));
            }
        }
        return term;
    }

    LocalCluster postgres;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws InterruptedException {
        for (MemberProcess m : processes) {
            m.kill();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void leadershipAndLeaderJobsMoveWhenTheLeaderJvmIsKilled() throws Exception {
        postgres = LocalCluster.builder().name("coordinator-standalone").nodes(1).durable(false).start();
        LocalNode node = postgres.node(0);
        List<MemberAddress> addresses = TestMembers.addresses(3);
        String members = addresses.stream().map(MemberAddress::toString).toList().toString();
        for (MemberAddress a : addresses) {
            Path yaml = dir.resolve(a.id() + ".yaml");
            Files.writeString(yaml, "memberId: " + a.id() + "\nhost: 127.0.0.1\nport: " + a.port() + "\nmembers: "
                    + members + "\ndataDir: data-" + a.id() + "\ntimeouts: { sessionMs: 5000, failureMs: 4000 }\n"
                    + "admin: { port: 0, jobIntervalMs: 500 }\n"
                    + "postgres:\n  database: " + node.database() + "\n  user: " + node.user() + "\n  groups:\n"
                    + "    - { name: g1, primary: '" + node.host() + ":" + node.port() + "' }\n");
            launch(a.id(), true, "--config", yaml.toString());
        }
        Eventually.await(Duration.ofSeconds(180), "3 standalone members READY",
                () -> processes.stream().allMatch(m -> m.printed("READY member")));
        // every member publishes the same topology: one creates it, the others find it (or race to the same value)
        Eventually.await(Duration.ofSeconds(60), "every member published the topology", () -> processes.stream()
                .allMatch(m -> m.printed("topology created") || m.printed("topology unchanged")));
        Eventually.await(Duration.ofSeconds(30), "one member leads",
                () -> processes.stream().filter(m -> leaderTerm(m) > 0).count() == 1);
        MemberProcess leader = processes.stream().filter(m -> leaderTerm(m) > 0).findFirst().orElseThrow();
        long term = leaderTerm(leader);
        Eventually.await(Duration.ofSeconds(60), "the leader runs its jobs", () -> jobRuns(leader) > 0);

        leader.process().destroyForcibly(); // SIGKILL: no goodbye, the session must expire
        assertThat(leader.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killed = System.nanoTime();
        Eventually.await(Duration.ofSeconds(60), "a surviving member leads with a higher term",
                () -> processes.stream().filter(m -> m != leader).anyMatch(m -> leaderTerm(m) > term));
        System.out.println("leadership moved " + (System.nanoTime() - killed) / 1_000_000 + " ms after kill -9 of "
                + leader.id());
        MemberProcess next = processes.stream().filter(m -> m != leader && leaderTerm(m) > term).findFirst().orElseThrow();
        // the survivor's admin API shows it leading, and its job count grows
        Eventually.await(Duration.ofSeconds(60), next.id() + "'s /status shows it leading",
                () -> status(next).contains("\"isLeader\":true") && status(next).contains("\"leader\":\"" + next.id() + "\""));
        long runs = jobRuns(next);
        Eventually.await(Duration.ofSeconds(90), next.id() + " runs the leader jobs, pass after pass",
                () -> jobRuns(next) >= runs + 2);
        System.out.println("leader jobs on " + next.id() + " after kill -9 of " + leader.id() + ": "
                + jobRuns(next) + " runs " + (System.nanoTime() - killed) / 1_000_000 + " ms after the kill");
        assertThat(fetch(next, "/metrics")).containsPattern("synapse_coordinator_jobs_runs_total(\\{[^}]*\\})? [1-9]");
        MemberProcess other = processes.stream().filter(m -> m != leader && m != next).findFirst().orElseThrow();
        assertThat(status(other)).contains("\"isLeader\":false", "\"leader\":\"" + next.id() + "\"");
        Eventually.await(Duration.ofSeconds(30), "survivors saw the killed member go",
                () -> processes.stream().filter(m -> m != leader).allMatch(m -> m.printed("UNREACHABLE " + leader.id())
                        || m.printed("REMOVED " + leader.id())));
    }

    private String status(MemberProcess m) {
        return fetch(m, "/status");
    }

    private long jobRuns(MemberProcess m) {
        Matcher r = JOB_RUNS.matcher(status(m));
        return r.find() ? Long.parseLong(r.group(1)) : -1;
    }

    private String fetch(MemberProcess m, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort(m) + path))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "(unreachable: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aJvmWithoutTheFlagsFailsAtStartNamingThem() throws Exception {
        MemberAddress a = TestMembers.addresses(1).get(0);
        Path yaml = dir.resolve("solo.yaml");
        Files.writeString(yaml, "memberId: solo\nport: " + a.port() + "\ndataDir: data-solo\n");
        MemberProcess m = launch("solo", false, "--config", yaml.toString());
        assertThat(m.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(m.process().exitValue()).isEqualTo(1);
        Eventually.await(Duration.ofSeconds(5), "error printed", () -> m.printed("55000"));
        assertThat(String.join("\n", m.output()))
                .contains("--add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED")
                .contains("--add-opens java.base/java.util=ALL-UNNAMED");
    }

    private MemberProcess launch(String id, boolean withFlags, String... args) throws IOException {
        MemberProcess m = MemberProcess.launch(id, dir, withFlags, args);
        processes.add(m);
        return m;
    }
}
