package io.synapsedb.coordinator.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP server (the JDK's {@code com.sun.net.httpserver}) answering GET on a fixed set of paths.
 * JSON endpoints return a value {@link Json} can write; text endpoints (Prometheus) return text. Errors
 * are JSON {@code {"error": ..., "sqlState": ...}}: 404 for an unknown path, 405 for another method, 503
 * when the nodes behind an endpoint cannot be reached (an {@link SQLException}), 500 otherwise.
 */
final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    /** A JSON endpoint. */
    @FunctionalInterface
    interface JsonEndpoint {
        Object get() throws SQLException;
    }

    private final HttpServer server;
    private final ExecutorService pool;

    AdminServer(String bindHost, int port, Map<String, JsonEndpoint> json, Map<String, TextEndpoint> text)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindHost, port), 16);
        // two threads: requests are rare, and a slow node must not block /status or /metrics entirely
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "synapse-admin-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange, json, text);
            } catch (IOException | RuntimeException e) {
                LOG.debug("admin request {} failed: {}", exchange.getRequestURI(), e.toString());
            }
        });
        server.start();
    }

    /** A text endpoint with its content type. */
    record TextEndpoint(String contentType, Supplier<String> body) {
    }

    /** The port actually bound (useful with port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange ex, Map<String, JsonEndpoint> json, Map<String, TextEndpoint> text)
            throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        JsonEndpoint j = json.get(path);
        TextEndpoint t = text.get(path);
        if (j == null && t == null) {
            error(ex, 404, "no endpoint " + path + "; endpoints: " + json.keySet() + " " + text.keySet(), null);
            return;
        }
        if (!"GET".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "GET");
            error(ex, 405, "method " + ex.getRequestMethod() + " not allowed on " + path + "; use GET", null);
            return;
        }
        try {
            if (t != null) {
                send(ex, 200, t.contentType(), t.body().get());
            } else {
                send(ex, 200, "application/json", Json.write(j.get()));
            }
        } catch (SQLException e) {
            error(ex, 503, path + ": " + e.getMessage(), e.getSQLState());
        } catch (RuntimeException e) {
            LOG.warn("admin endpoint {} failed", path, e);
            error(ex, 500, path + ": " + e, null);
        }
    }

    private static void error(HttpExchange ex, int status, String message, String sqlState) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        if (sqlState != null) {
            body.put("sqlState", sqlState);
        }
        send(ex, status, "application/json", Json.write(body));
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType.contains("charset") ? contentType
                : contentType + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
