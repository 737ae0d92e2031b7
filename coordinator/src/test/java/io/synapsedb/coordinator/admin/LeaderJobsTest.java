package io.synapsedb.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.Eventually;
import io.synapsedb.coordinator.MemberAddress;
import io.synapsedb.coordinator.TestMembers;

/**
 * Two in-process members, each with its {@link ClusterAdmin}: only the leader runs the jobs, and they move
 * with the leadership. The one group points at a port nothing listens on, so every health check is a
 * real, fast "down" (connection refused) and no PostgreSQL is needed.
 */
class LeaderJobsTest {

    @TempDir
    Path dir;

    private final List<Coordinator> members = new ArrayList<>();
    private final List<ClusterAdmin> admins = new ArrayList<>();

    @AfterEach
    void stop() {
        admins.forEach(ClusterAdmin::close);
        TestMembers.closeAll(members);
    }

    @Test
    void onlyTheLeaderRunsTheJobsAndTheyMoveWithTheLeadership() throws Exception {
        List<MemberAddress> addresses = TestMembers.addresses(2);
        List<io.synapsedb.coordinator.CoordinatorConfig> configs = new ArrayList<>();
        for (MemberAddress a : addresses) {
            configs.add(TestMembers.config(a, addresses, dir));
        }
        members.addAll(TestMembers.startAll(configs));
        PostgresGroups nowhere = new PostgresGroups("synapsedb", "postgres", null,
                List.of(new PostgresGroups.Group("g1", "127.0.0.1", closedPort())), 2);
        for (Coordinator c : members) {
            admins.add(ClusterAdmin.start(c, AdminConfig.builder().groups(nowhere)
                    .jobInterval(Duration.ofMillis(100)).build()));
        }
        Eventually.await(Duration.ofSeconds(30), "one member runs the jobs",
                () -> admins.get(0).jobs().runs() + admins.get(1).jobs().runs() >= 3);
        int leader = admins.get(0).jobs().runs() > 0 ? 0 : 1;
        int other = 1 - leader;
        assertThat(admins.get(other).jobs().runs()).isZero();
        assertThat(members.get(leader).election("leader").isLeader()).isTrue();
        assertThat(admins.get(leader).registry().scrape())
                .contains("synapse_coordinator_node_up{group=\"g1\"} 0.0", "synapse_coordinator_leader{election=\"leader\"} 1.0");
        assertThat(admins.get(other).registry().scrape())
                .contains("synapse_coordinator_leader{election=\"leader\"} 0.0", "synapse_coordinator_jobs_runs_total 0.0");

        // /nodes shows the failed check; /tables cannot read any node: 503 with the SQLState
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + admins.get(leader).port();
        HttpResponse<String> nodes = http.send(HttpRequest.newBuilder(URI.create(base + "/nodes")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(nodes.statusCode()).isEqualTo(200);
        assertThat(nodes.body()).contains("\"group\":\"g1\"", "\"up\":false", "group g1 (127.0.0.1:");
        HttpResponse<String> tables = http.send(HttpRequest.newBuilder(URI.create(base + "/tables")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tables.statusCode()).isEqualTo(503);
        assertThat(tables.body()).contains("\"sqlState\":\"08001\"", "no group could be read");

        // The leader's admin closes (it leaves the election): the other member takes the jobs over.
        admins.get(leader).close();
        admins.remove(leader);
        ClusterAdmin next = admins.get(0);
        Eventually.await(Duration.ofSeconds(30), "the other member runs the jobs", () -> next.jobs().runs() >= 2);
        assertThat(members.get(other).election("leader").isLeader()).isTrue();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort(); // closed again on return: connecting is refused
        }
    }
}
