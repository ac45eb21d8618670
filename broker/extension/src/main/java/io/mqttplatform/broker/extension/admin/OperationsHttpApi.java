package io.mqttplatform.broker.extension.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The operations API's HTTP routes under {@value #PATH} (docs/interfaces.md, "Operations API"), on the health
 * endpoints' server. Each request is answered on the API's own threads, so that a listing of many clients never
 * delays a health probe.
 */
public final class OperationsHttpApi implements HttpHandler {

    public static final String PATH = "/api/v1/mqtt/";

    private static final Logger log = LoggerFactory.getLogger(OperationsHttpApi.class);
    private static final String ROUTES = "GET " + PATH + "clients, GET " + PATH + "clients/{id}, DELETE " + PATH
            + "clients/{id}/connection, GET " + PATH + "subscriptions, GET or DELETE " + PATH + "retained";

    private final BrokerOperations operations;
    private final AdminAccess access;
    private final ExecutorService executor;

    public OperationsHttpApi(BrokerOperations operations, AdminAccess access, ExecutorService executor) {
        this.operations = operations;
        this.access = access;
        this.executor = executor;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            executor.execute(() -> answer(exchange));
        } catch (RejectedExecutionException e) {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange) {
        try (exchange) {
            int status = 200;
            ObjectNode body;
            try {
                access.check(exchange.getRequestHeaders().getFirst("Authorization"));
                body = route(exchange);
            } catch (OperationsFailure e) {
                status = e.status();
                body = OperationsJson.problem(status, title(status), e.detail());
            } catch (RuntimeException e) {
                log.warn("Operations API failed on {}", exchange.getRequestURI(), e);
                status = 500;
                body = OperationsJson.problem(status, title(status), "the operations API failed: " + e);
            }
            send(exchange, status, body);
        } catch (IOException e) {
            log.debug("Operations API could not answer {}: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private ObjectNode route(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String[] path =
                exchange.getRequestURI().getRawPath().substring(PATH.length()).split("/", -1);
        String resource = path[0];
        if (resource.equals("clients") && path.length == 1) {
            allow(method, "GET");
            QueryString query = QueryString.parse(rawQuery, Set.of("limit", "cursor", "q", "connected"));
            String text = query.text("q");
            ClientQuery clients = new ClientQuery(
                    query.limit(),
                    query.cursor(),
                    text == null ? null : text.toLowerCase(Locale.ROOT),
                    query.bool("connected"));
            return OperationsJson.clientList(operations.clients(clients), operations.counts());
        }
        if (resource.equals("clients") && path.length == 2 && !path[1].isEmpty()) {
            allow(method, "GET");
            QueryString.parse(rawQuery, Set.of());
            return OperationsJson.details(operations.client(QueryString.decode(path[1])));
        }
        if (resource.equals("clients") && path.length == 3 && !path[1].isEmpty() && path[2].equals("connection")) {
            allow(method, "DELETE");
            Boolean remove =
                    QueryString.parse(rawQuery, Set.of("removeSession")).bool("removeSession");
            boolean removeSession = remove != null && remove;
            String id = QueryString.decode(path[1]);
            boolean disconnected = operations.disconnect(id, removeSession);
            return OperationsJson.disconnected(id, disconnected, removeSession);
        }
        if (resource.equals("subscriptions") && path.length == 1) {
            allow(method, "GET");
            QueryString query = QueryString.parse(rawQuery, Set.of("topic", "filter", "limit", "cursor"));
            var matching = TopicFilters.subscriptions(query.text("topic"), query.text("filter"));
            return OperationsJson.subscriptions(operations.subscriptions(matching, query.limit(), query.cursor()));
        }
        if (resource.equals("retained") && path.length == 1) {
            allow(method, "GET", "DELETE");
            if (method.equals("DELETE")) {
                String filter = QueryString.parse(rawQuery, Set.of("filter")).text("filter");
                if (filter == null) {
                    throw OperationsFailure.invalid(
                            "filter: required to delete retained messages, e.g. filter=lab/%23 (filter=%23 deletes all)");
                }
                return OperationsJson.deleted(operations.deleteRetained(TopicFilters.topicsOf("filter", filter)));
            }
            QueryString query = QueryString.parse(rawQuery, Set.of("filter", "limit", "cursor"));
            String filter = query.text("filter");
            return OperationsJson.retained(operations.retained(
                    TopicFilters.topicsOf("filter", filter == null ? "#" : filter), query.limit(), query.cursor()));
        }
        throw OperationsFailure.notFound(
                "no such path: " + exchange.getRequestURI().getRawPath() + "; the operations " + "API has " + ROUTES);
    }

    private static void allow(String method, String... allowed) {
        for (String each : allowed) {
            if (each.equals(method)) {
                return;
            }
        }
        throw OperationsFailure.notAllowed(method + " is not allowed here; use " + String.join(" or ", allowed));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = OperationsJson.bytes(body);
        exchange.getResponseHeaders()
                .set("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        if (status == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
