package io.mqttplatform.broker.extension.health;

/**
 * One probe's answer and why, in words a person reading a failed probe can act on (the HTTP body of the health
 * endpoints, and the log line when readiness changes).
 */
public record HealthVerdict(boolean up, String explanation) {

    /** The endpoint's status line and body: {@code UP: ...} or {@code DOWN: ...}. */
    public String text() {
        return (up ? "UP: " : "DOWN: ") + explanation;
    }
}
