package io.mqttplatform.gateway.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttplatform.gateway.config.GatewayConfig;
import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.failure.FailureKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's HTTP client of the broker's operations API (GATEWAY_BROKER_ADMIN_URL, with GATEWAY_BROKER_ADMIN_TOKEN
 * as a Bearer token), on the JDK's HTTP client. It turns every answer that is not the broker's JSON into the failure
 * an operator can act on: not configured, or no such API there (mosquitto), is 501; unreachable is 503; a refused
 * token is 502; the broker's own 400 and 404 (an unknown client) keep the broker's detail. Never a wrong list.
 */
@ApplicationScoped
public class OperationsApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final Optional<URI> base;
    private final Optional<String> token;
    private final int retryAfterSeconds;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    @Inject
    public OperationsApiClient(GatewayConfig config, ObjectMapper json) {
        this(
                config.broker().adminUrl(),
                config.broker().adminToken(),
                config.publish().retryAfterSeconds(),
                json);
    }

    OperationsApiClient(Optional<String> url, Optional<String> token, int retryAfterSeconds, ObjectMapper json) {
        this.base = url.filter(u -> !u.isBlank()).map(OperationsApiClient::parseUrl);
        this.token = token.filter(t -> !t.isBlank());
        this.retryAfterSeconds = retryAfterSeconds;
        this.json = json;
    }

    /** The operations API's base URL, or empty when GATEWAY_BROKER_ADMIN_URL is unset. */
    public Optional<URI> base() {
        return base;
    }

    /** The broker's JSON answer to GET of this path (with its query). */
    public CompletableFuture<JsonNode> get(String path) {
        return send("GET", path);
    }

    /** The broker's JSON answer to DELETE of this path (with its query). */
    public CompletableFuture<JsonNode> delete(String path) {
        return send("DELETE", path);
    }

    private CompletableFuture<JsonNode> send(String method, String path) {
        URI uri = URI.create(base.orElseThrow(OperationsApiClient::notConfigured) + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(ANSWER_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        token.ifPresent(secret -> request.header("Authorization", "Bearer " + secret));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((answer, error) -> {
                    if (error != null) {
                        throw unreachable(Failure.unwrap(error));
                    }
                    return body(method + " " + uri.getRawPath(), answer.statusCode(), answer.body());
                });
    }

    /** The broker's JSON object, or the failure its status (and problem document) stands for. */
    JsonNode body(String request, int status, byte[] body) {
        JsonNode answer = parseJson(body);
        String brokerDetail = answer != null && answer.path("detail").isTextual()
                ? answer.get("detail").asText()
                : null;
        if (status >= 200 && status < 300) {
            if (answer == null || !answer.isObject()) {
                throw Failure.of(
                        FailureKind.NOT_IMPLEMENTED,
                        "the server at " + base.get() + " answered " + request + " with " + status
                                + " but not with a JSON object: it is not the broker's operations API; set "
                                + "GATEWAY_BROKER_ADMIN_URL to the broker's health port (our broker serves it at "
                                + "http://<broker>:8889)");
            }
            return answer;
        }
        switch (status) {
            case 400:
                throw Failure.invalid(
                        brokerDetail != null ? brokerDetail : "the broker refused the request as invalid");
            case 401:
            case 403:
                throw Failure.of(
                        FailureKind.OPERATIONS_REFUSED,
                        "the broker at " + base.get() + " refused the gateway's admin token (" + status + ": "
                                + (brokerDetail != null ? brokerDetail : "no detail")
                                + "); set GATEWAY_BROKER_ADMIN_TOKEN to the broker's BROKER_ADMIN_TOKEN");
            case 404:
                if (brokerDetail != null) {
                    throw Failure.of(FailureKind.NOT_FOUND, brokerDetail);
                }
                throw Failure.of(
                        FailureKind.NOT_IMPLEMENTED,
                        "the broker at " + base.get() + " has no operations API (" + request + " answered 404); "
                                + "mosquitto has none, our broker serves it on its health port (8889)");
            case 503:
                throw Failure.brokerUnavailable(
                        "the broker's operations API is not available now: "
                                + (brokerDetail != null ? brokerDetail : "503") + "; retry in " + retryAfterSeconds
                                + " s",
                        retryAfterSeconds);
            default:
                throw Failure.of(
                        FailureKind.OPERATIONS_REFUSED,
                        "the broker's operations API answered " + request + " with " + status
                                + (brokerDetail != null ? ": " + brokerDetail : ""));
        }
    }

    private Failure unreachable(Throwable error) {
        String why;
        if (error instanceof HttpConnectTimeoutException) {
            why = "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        } else if (error instanceof HttpTimeoutException) {
            why = "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
        } else if (error instanceof ConnectException) {
            why = "connection refused";
        } else {
            why = error.toString();
        }
        return Failure.brokerUnavailable(
                        "the broker's operations API at " + base.get() + " is not reachable (" + why + "); retry in "
                                + retryAfterSeconds + " s",
                        retryAfterSeconds)
                .withCause(error.toString());
    }

    private JsonNode parseJson(byte[] body) {
        try {
            return body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            return null; // not JSON: whoever answered is not the operations API
        }
    }

    private static Failure notConfigured() {
        return Failure.of(
                FailureKind.NOT_IMPLEMENTED,
                "the broker's operations API is not configured: set GATEWAY_BROKER_ADMIN_URL to the broker's health "
                        + "port (our broker serves it at http://<broker>:8889); mosquitto has no such API");
    }

    private static URI parseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalStateException("GATEWAY_BROKER_ADMIN_URL '" + url
                    + "' is not an http:// or https:// URL with a host, e.g. http://localhost:8889");
        }
        return uri;
    }
}
