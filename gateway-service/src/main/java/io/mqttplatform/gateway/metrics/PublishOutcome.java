package io.mqttplatform.gateway.metrics;

import io.mqttplatform.gateway.failure.FailureKind;

import java.util.Locale;

/** What became of one publish through the gateway: the {@code outcome} label of {@code mqtt_gateway_publishes_total}. */
public enum PublishOutcome {
    /** QoS 0: handed to the broker connection. */
    ACCEPTED,
    /** QoS 1 or 2: the broker confirmed it. */
    ACKNOWLEDGED,
    /** Refused for a fault of the caller's: the request, the key or the broker's ACL. */
    REJECTED,
    /** Failed on the broker's side: unreachable, silent or refusing for another reason. */
    FAILED;

    /** The label value and the {@code status} of a publish result: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of a failure of this kind. */
    public static PublishOutcome ofFailure(FailureKind kind) {
        return kind.callersFault() ? REJECTED : FAILED;
    }
}
