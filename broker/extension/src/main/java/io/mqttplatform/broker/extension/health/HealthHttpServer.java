package io.mqttplatform.broker.extension.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;

/**
 * The broker's health endpoints, at the paths of HiveMQ Enterprise's health API, on their own small port:
 * {@code /api/v1/health/liveness} and {@code /api/v1/health/readiness} (and {@code /api/v1/health}, the same as
 * readiness) answer 200 {@code UP: ...} or 503 {@code DOWN: ...} in plain text. Served by the JDK's HTTP server on
 * one thread: a JVM that is stopped or out of CPU does not answer, which is itself a failed probe.
 */
public final class HealthHttpServer {

    static final String LIVENESS = "/api/v1/health/liveness";
    static final String READINESS = "/api/v1/health/readiness";
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts serving; fails when the address cannot be bound. */
    public static HealthHttpServer start(String bindAddress, int port, BrokerHealth health) throws IOException {
        // The JDK's server leaves Nagle's algorithm on, which holds every small answer ~40 ms for the client's delayed
        // ACK (a search of the operations API took 52 ms, 6 ms with it off); read once, when its first server is made.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        server.createContext(LIVENESS, exchange -> answer(exchange, health::liveness));
        server.createContext(READINESS, exchange -> answer(exchange, health::readiness));
        server.createContext("/api/v1/health", exchange -> answer(exchange, health::readiness));
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "broker-health-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new HealthHttpServer(server, executor);
    }

    /** Serves {@code handler} under {@code path} too (the operations API); it answers on threads of its own. */
    public void addContext(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(HttpExchange exchange, LongFunction<HealthVerdict> probe) throws IOException {
        try (exchange) {
            boolean known = exchange.getRequestURI()
                    .getPath()
                    .replaceAll("/$", "")
                    .equals(exchange.getHttpContext().getPath());
            if (!known || !("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod()))) {
                byte[] body =
                        ("Not found: GET " + LIVENESS + " or " + READINESS + "\n").getBytes(StandardCharsets.UTF_8);
                send(exchange, 404, body);
                return;
            }
            HealthVerdict verdict = probe.apply(System.nanoTime());
            send(exchange, verdict.up() ? 200 : 503, (verdict.text() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
