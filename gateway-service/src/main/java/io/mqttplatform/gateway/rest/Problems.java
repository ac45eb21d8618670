package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.failure.FailureKind;
import io.mqttplatform.gateway.failure.InvalidBatch;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@link Failure} as the RFC 9457 problem document it is answered with: the status of its kind, a title per
 * kind, {@code Retry-After} when the failure gives a hint, {@code WWW-Authenticate} when a key is missing or wrong,
 * and the extension members {@code cause} (what the broker client failed with) and {@code errors} (an invalid batch).
 */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";

    /** The title of a problem of this kind. */
    static String title(Failure failure) {
        if (failure instanceof InvalidBatch) {
            return "Invalid messages";
        }
        return switch (failure.kind()) {
            case INVALID -> "Bad request";
            case UNAUTHENTICATED -> "Unauthorized";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not found";
            case TOO_LARGE -> "Content too large";
            case INTERNAL -> "Internal error";
            case NOT_IMPLEMENTED -> "Not implemented";
            case MESSAGE_REFUSED -> "Broker refused the message";
            case SUBSCRIPTION_REFUSED -> "Broker refused the subscription";
            case OPERATIONS_REFUSED -> "Broker refused the operations request";
            case BROKER_UNAVAILABLE -> "Broker unavailable";
            case NO_ACKNOWLEDGEMENT -> "No acknowledgement from the broker";
        };
    }

    /** The problem document of a failure, with its headers. */
    public static Response response(Failure failure) {
        return response(failure, failure.detail(), Map.of());
    }

    /**
     * The problem document of {@code failure} with another {@code detail} and more extension members (a batch's
     * {@code results}); its headers are the failure's own.
     */
    static Response response(Failure failure, String detail, Map<String, Object> members) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(failure));
        body.put("status", failure.kind().status());
        body.put("detail", detail);
        if (failure.brokerCause() != null && members.isEmpty()) {
            body.put("cause", failure.brokerCause());
        }
        if (failure instanceof InvalidBatch batch && members.isEmpty()) {
            body.put("errors", errors(batch.items()));
        }
        body.putAll(members);
        Response.ResponseBuilder response =
                Response.status(failure.kind().status()).type(PROBLEM_JSON).entity(body);
        if (failure.retryAfterSeconds() > 0) {
            response.header("Retry-After", Integer.toString(failure.retryAfterSeconds()));
        }
        if (failure.kind() == FailureKind.UNAUTHENTICATED) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }

    private static List<Map<String, Object>> errors(List<InvalidBatch.Item> items) {
        return items.stream()
                .map(item -> {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("index", item.index());
                    error.put("status", item.failure().kind().status());
                    error.put("detail", item.failure().detail());
                    return error;
                })
                .toList();
    }

    private Problems() {}
}
