package io.mqttplatform.gateway.failure;

import java.util.concurrent.CompletionException;

/**
 * Why the gateway could not do what it was asked, in its own terms: thrown by the checks, the use cases and the
 * broker client, answered as an RFC 9457 problem document by rest/ and as an {@code error} frame by live/. The
 * {@code detail} says which field or topic was wrong, what was wrong with it and what is allowed.
 */
public class Failure extends RuntimeException {

    private final FailureKind kind;
    private final int retryAfterSeconds;
    private final String brokerCause;

    protected Failure(FailureKind kind, String detail, int retryAfterSeconds, String cause) {
        super(detail);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
        this.brokerCause = cause;
    }

    public static Failure of(FailureKind kind, String detail) {
        return new Failure(kind, detail, 0, null);
    }

    public static Failure invalid(String detail) {
        return of(FailureKind.INVALID, detail);
    }

    public static Failure unauthenticated(String detail) {
        return of(FailureKind.UNAUTHENTICATED, detail);
    }

    public static Failure forbidden(String detail) {
        return of(FailureKind.FORBIDDEN, detail);
    }

    public static Failure tooLarge(String detail) {
        return of(FailureKind.TOO_LARGE, detail);
    }

    /** The broker cannot be reached now; {@code retryAfterSeconds} (0: no hint) says when trying again makes sense. */
    public static Failure brokerUnavailable(String detail, int retryAfterSeconds) {
        return new Failure(FailureKind.BROKER_UNAVAILABLE, detail, retryAfterSeconds, null);
    }

    /** What an asynchronous call failed with, without the CompletionException wrappers around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The failure behind an exception: the Failure itself, else an internal failure naming what went wrong. */
    public static Failure from(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof Failure known
                ? known
                : of(FailureKind.INTERNAL, "the gateway failed unexpectedly: " + cause);
    }

    /** The same failure with another detail, e.g. one that names where in the request it was. */
    public Failure withDetail(String detail) {
        return new Failure(kind, detail, retryAfterSeconds, brokerCause);
    }

    /** The same failure, naming what the broker client failed with (the problem document's {@code cause}). */
    public Failure withCause(String cause) {
        return new Failure(kind, getMessage(), retryAfterSeconds, cause);
    }

    public FailureKind kind() {
        return kind;
    }

    public String detail() {
        return getMessage();
    }

    /** Seconds after which trying again makes sense, or 0 when there is no such hint. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** What the broker client failed with, or null. */
    public String brokerCause() {
        return brokerCause;
    }
}
