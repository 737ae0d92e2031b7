package io.synapsedb.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Configurations and start-up of coordinator members on 127.0.0.1 free ports, for tests. */
public final class TestMembers {

    private TestMembers() {
    }

    /** A port free for both TCP (messaging) and UDP (SWIM) on 127.0.0.1. */
    public static int freePort() {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress(lo, 0));
                int port = s.getLocalPort();
                try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(lo, port))) {
                    return port;
                } catch (IOException busyUdp) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free TCP+UDP port on 127.0.0.1");
    }

    /** Addresses of {@code n} members named m1..mn. */
    public static List<MemberAddress> addresses(int n) {
        List<MemberAddress> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(MemberAddress.of("m" + i, "127.0.0.1", freePort()));
        }
        return list;
    }

    public static CoordinatorConfig config(MemberAddress self, List<MemberAddress> members, Path baseDir) {
        return CoordinatorConfig.builder()
                .memberId(self.id()).host(self.host()).port(self.port())
                .members(members)
                .dataDir(baseDir.resolve(self.id()))
                .operationTimeout(Duration.ofSeconds(3))
                .startTimeout(Duration.ofSeconds(90))
                .sessionTimeout(Duration.ofSeconds(5))
                .failureTimeout(Duration.ofSeconds(4))
                .build();
    }

    /** Starts every config at once (a voting member finishes starting only with a quorum). */
    public static List<Coordinator> startAll(List<CoordinatorConfig> configs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(configs.size());
        try {
            List<Future<Coordinator>> futures = new ArrayList<>();
            for (CoordinatorConfig c : configs) {
                futures.add(pool.submit(() -> Coordinator.start(c)));
            }
            List<Coordinator> started = new ArrayList<>();
            Exception failure = null;
            for (Future<Coordinator> f : futures) {
                try {
                    started.add(f.get());
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                started.forEach(Coordinator::close);
                throw failure;
            }
            return started;
        } finally {
            pool.shutdown();
        }
    }

    public static void closeAll(List<Coordinator> members) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Coordinator c : members) {
            stops.add(CompletableFuture.runAsync(c::close));
        }
        stops.forEach(CompletableFuture::join);
    }
}
