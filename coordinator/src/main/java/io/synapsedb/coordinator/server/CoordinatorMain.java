package io.synapsedb.coordinator.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.synapsedb.coordinator.Coordinator;
import io.synapsedb.coordinator.CoordinatorConfig;
import io.synapsedb.coordinator.CoordinatorException;
import io.synapsedb.coordinator.LeaderElection;
import io.synapsedb.coordinator.admin.AdminConfig;
import io.synapsedb.coordinator.admin.ClusterAdmin;
import io.synapsedb.coordinator.admin.PostgresGroups;
import io.synapsedb.coordinator.admin.TopologyPublisher;
import io.synapsedb.local.LocalCluster;
import io.synapsedb.local.LocalNode;

/**
 * The standalone coordinator, {@code java -jar synapse-coordinator.jar}:
 * <ul>
 * <li>{@code --config coordinator.yaml}: runs one member (see {@link CoordinatorYaml}) until SIGTERM/Ctrl-C;
 * it is a candidate of the {@value #LEADER_ELECTION} election, whose leader runs the cluster's jobs; with an
 * {@code admin}/{@code postgres} section it also serves the admin HTTP API and runs the leader jobs;</li>
 * <li>{@code demo}: starts a local 3-node PostgreSQL cluster and a single-member coordinator with its admin
 * API, prints the {@code jdbc:synapse:} URL, and runs until Ctrl-C.</li>
 * </ul>
 * The jar's manifest opens the JDK packages Atomix needs ({@code Add-Opens}), so no JVM flags are needed.
 */
public final class CoordinatorMain {

    /** The election whose leader runs the cluster's background jobs. */
    public static final String LEADER_ELECTION = "leader";

    private static final String USAGE = """
            usage: java -jar synapse-coordinator.jar --config coordinator.yaml
                   java -jar synapse-coordinator.jar demo""";

    private CoordinatorMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            if (args.length == 2 && args[0].equals("--config")) {
                status = runMember(Paths.get(args[1]));
            } else if (args.length == 1 && args[0].equals("demo")) {
                status = runDemo();
            } else {
                System.err.println(USAGE);
                status = 2;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("configuration error: " + e.getMessage());
            status = 2;
        } catch (CoordinatorException e) {
            System.err.println("coordinator error [" + e.getSQLState() + "]: " + e.getMessage());
            status = 1;
        } catch (IOException e) {
            System.err.println("error: " + e);
            status = 1;
        }
        System.exit(status);
    }

    private static int runMember(Path configFile) throws IOException, CoordinatorException {
        CoordinatorConfig config = CoordinatorYaml.read(configFile);
        AdminConfig adminConfig = CoordinatorYaml.readAdmin(configFile);
        Coordinator coordinator = Coordinator.start(config);
        AtomicReference<ClusterAdmin> admin = new AtomicReference<>();
        AtomicReference<TopologyPublisher> publisher = new AtomicReference<>();
        CountDownLatch stopped = stopOnShutdown(coordinator, null, admin, publisher);
        LeaderElection leader = coordinator.election(LEADER_ELECTION);
        leader.addListener(l -> System.out.println("leadership: " + l.leader().orElse("(none)") + " term " + l.term()
                + (l.local() ? " (this member)" : "")));
        coordinator.membership().addListener(e -> System.out.println("membership: " + e.type() + " " + e.member().id()));
        if (adminConfig != null) {
            admin.set(ClusterAdmin.start(coordinator, adminConfig)); // joins the election too
            System.out.println("admin API: http://" + adminConfig.bindHost() + ":" + admin.get().port() + "/status"
                    + (adminConfig.groups() == null ? " (no postgres groups: no leader jobs)"
                            : ", leader jobs every " + adminConfig.jobInterval().toMillis() + " ms over "
                                    + adminConfig.groups().groupNames()));
        } else {
            leader.join();
        }
        System.out.println("READY member " + config.memberId() + " at " + config.host() + ":" + config.port()
                + ", members " + config.members());
        System.out.flush();
        if (adminConfig != null && adminConfig.groups() != null) {
            publish(coordinator, adminConfig.groups(), publisher);
        }
        awaitQuietly(stopped);
        return 0;
    }

    /** Publishes the groups as the cluster topology in the background and prints the outcome. */
    private static void publish(Coordinator coordinator, PostgresGroups groups,
            AtomicReference<TopologyPublisher> publisher) {
        publisher.set(TopologyPublisher.start(coordinator, TopologyPublisher.topologyOf(groups)));
        publisher.get().outcome().whenComplete((outcome, error) -> {
            System.out.println(error == null ? "topology " + outcome.name().toLowerCase(java.util.Locale.ROOT)
                    + ": database " + groups.database() + ", groups " + groups.groupNames()
                    : "topology not published: " + error.getMessage());
            System.out.flush();
        });
    }

    private static int runDemo() throws IOException, CoordinatorException {
        System.out.println("Starting a local 3-node PostgreSQL cluster and a single-member coordinator ...");
        LocalCluster cluster = LocalCluster.builder().name("coordinator-demo").nodes(3).durable(false).start();
        Coordinator coordinator;
        AtomicReference<ClusterAdmin> admin = new AtomicReference<>();
        AtomicReference<TopologyPublisher> publisher = new AtomicReference<>();
        PostgresGroups postgres;
        try {
            Path dataDir = Files.createTempDirectory("synapse-coordinator-demo");
            int port = freePort();
            coordinator = Coordinator.start(CoordinatorConfig.builder()
                    .memberId("demo").host("127.0.0.1").port(port).dataDir(dataDir).build());
            coordinator.catalog().put("demo/url", cluster.synapseUrl());
            List<PostgresGroups.Group> groups = new ArrayList<>();
            for (int i = 0; i < cluster.nodes().size(); i++) {
                LocalNode n = cluster.node(i);
                groups.add(new PostgresGroups.Group("g" + (i + 1), n.host(), n.port())); // the URL's group names
            }
            LocalNode first = cluster.node(0);
            postgres = new PostgresGroups(first.database(), first.user(), null, groups, 5);
            admin.set(ClusterAdmin.start(coordinator, AdminConfig.builder().groups(postgres).build()));
        } catch (IOException | CoordinatorException | RuntimeException e) {
            if (admin.get() != null) {
                admin.get().close();
            }
            cluster.close();
            throw e;
        }
        CountDownLatch stopped = stopOnShutdown(coordinator, cluster, admin, publisher);
        publish(coordinator, postgres, publisher);
        System.out.println("PostgreSQL " + cluster.postgresVersion() + ": 3 nodes in " + cluster.baseDir());
        System.out.println("Coordinator: member 'demo' at 127.0.0.1:" + coordinator.config().port()
                + " (single member, leader of '" + LEADER_ELECTION + "')");
        System.out.println("Admin API: http://127.0.0.1:" + admin.get().port()
                + "/status (also /groups /nodes /tables /transactions /schema /metrics)");
        System.out.println("URL (static topology): " + cluster.synapseUrl());
        System.out.println("URL (cluster mode):    " + clusterModeUrl(coordinator, cluster));
        System.out.println("The static URL names the nodes; the cluster-mode URL names the coordinator, which gives the"
                + " driver the groups (published under " + io.synapsedb.spi.CoordinationSession.TOPOLOGY_KEY + ").");
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        awaitQuietly(stopped);
        return 0;
    }

    /**
     * {@code jdbc:synapse:coordinator=host:port/db?user=...}: the driver joins the coordinator as a non-voting
     * member and takes the groups from it. The query is the static URL's (user only, never a password).
     */
    static String clusterModeUrl(Coordinator coordinator, LocalCluster cluster) {
        String staticUrl = cluster.synapseUrl();
        int slash = staticUrl.indexOf('/', "jdbc:synapse://".length());
        return "jdbc:synapse:coordinator=" + coordinator.config().host() + ":" + coordinator.config().port()
                + staticUrl.substring(slash);
    }

    /** Closes the coordinator (and cluster) on SIGTERM/Ctrl-C; the latch never opens otherwise. */
    private static CountDownLatch stopOnShutdown(Coordinator coordinator, LocalCluster cluster,
            AtomicReference<ClusterAdmin> admin, AtomicReference<TopologyPublisher> publisher) {
        CountDownLatch latch = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            TopologyPublisher p = publisher.get();
            if (p != null) {
                p.close();
            }
            ClusterAdmin a = admin.get();
            if (a != null) {
                a.close();
            }
            coordinator.close();
            if (cluster != null) {
                cluster.close();
            }
        }, "synapse-coordinator-shutdown"));
        return latch;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(lo, 0));
                try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(lo, s.getLocalPort()))) {
                    return d.getLocalPort(); // SWIM needs the same port free for UDP
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no free TCP+UDP port on 127.0.0.1");
    }
}
