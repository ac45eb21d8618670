package io.mqttplatform.gateway.failure;

/**
 * What kind of failure a {@link Failure} is, and the status it is answered with: the HTTP status of the RFC 9457
 * problem document (rest/) and the {@code status} of the live API's error frame (live/), which docs/interfaces.md
 * defines to be the same number. The one table of statuses in the gateway; titles and headers are rest/'s.
 */
public enum FailureKind {
    /** The request, a frame or a message in it is malformed or names something MQTT does not allow. */
    INVALID(400),
    /** No API key, or one the gateway does not know. */
    UNAUTHENTICATED(401),
    /** The API key, the broker's ACL or the broker's own topics do not allow it. */
    FORBIDDEN(403),
    /** Nothing is there (an endpoint that is switched off, a client the broker does not know). */
    NOT_FOUND(404),
    /** A payload or a batch over the gateway's limit. */
    TOO_LARGE(413),
    /** Something in the gateway itself went wrong. */
    INTERNAL(500),
    /** The gateway cannot do it here: the broker's operations API is not configured, or the broker has none. */
    NOT_IMPLEMENTED(501),
    /** The broker answered and refused a message for a reason the caller cannot fix. */
    MESSAGE_REFUSED(502),
    /** The broker answered and refused a subscription for a reason the caller cannot fix. */
    SUBSCRIPTION_REFUSED(502),
    /** The broker's operations API refused the gateway (its admin token) or failed: the operator's to fix. */
    OPERATIONS_REFUSED(502),
    /** The broker is unreachable or over its quota: worth trying again later. */
    BROKER_UNAVAILABLE(503),
    /** The broker did not acknowledge a message in time: it may or may not have it. */
    NO_ACKNOWLEDGEMENT(504);

    private final int status;

    FailureKind(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Whether the caller can fix it (a 4xx), as against the broker or the gateway failing (a 5xx). */
    public boolean callersFault() {
        return status < 500;
    }
}
