package io.mqttplatform.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * An error the client can act on, answered as RFC 9457 {@code application/problem+json} by
 * {@link ProblemExceptionMapper} (and as an {@code error} frame on WebSockets).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail).header("WWW-Authenticate", "Bearer");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "Content too large", detail);
    }

    public static ProblemException brokerUnavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "Broker unavailable", detail)
                .header("Retry-After", Integer.toString(retryAfterSeconds));
    }

    public static ProblemException noAcknowledgement(String detail) {
        return new ProblemException(504, "No acknowledgement from the broker", detail);
    }

    /** What an asynchronous call failed with, without the CompletionException wrappers around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The problem behind a failure: the ProblemException itself, else a 500 naming what went wrong. */
    public static ProblemException of(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof ProblemException problem
                ? problem
                : new ProblemException(500, "Internal error", "the gateway failed unexpectedly: " + cause);
    }

    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** An extra member of the problem document (RFC 9457 extension member). */
    public ProblemException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    /** The same problem (status, title, headers, extension members) with another detail, e.g. one naming where. */
    public ProblemException withDetail(String detail) {
        ProblemException copy = new ProblemException(status, title, detail);
        headers.forEach(copy::header);
        extensions.forEach(copy::with);
        return copy;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
