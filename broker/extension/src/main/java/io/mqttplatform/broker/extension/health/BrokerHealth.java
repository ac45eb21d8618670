package io.mqttplatform.broker.extension.health;

import java.time.Duration;
import java.util.Locale;

/**
 * What the round-trip check has seen, and the two verdicts read from it: ready while a message went through the
 * broker within {@link #READY_WITHIN}, alive while one did within {@link #LIVE_WITHIN} (counted from start until
 * the first one). A stopped or thrashing JVM still accepts TCP connections, so only a message that made the whole
 * trip counts. Pure and thread-safe; the time is passed in, so it is tested without a broker.
 */
public final class BrokerHealth {

    /** Readiness: a broker that has not moved a message for this long takes no new work (e.g. from a Service). */
    public static final Duration READY_WITHIN = Duration.ofSeconds(10);
    /** Liveness: a broker that has not moved a message for this long is hung and should be replaced. */
    public static final Duration LIVE_WITHIN = Duration.ofSeconds(30);

    private static final long NEVER = Long.MIN_VALUE;

    private final long startedNanos;
    private long lastSuccessNanos = NEVER;
    private long lastRoundTripNanos;
    private String lastFailure = "none yet";
    private boolean warmingUp;

    public BrokerHealth(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    /** A message went through the broker, taking {@code roundTripNanos}. */
    public synchronized void succeeded(long nowNanos, long roundTripNanos) {
        lastSuccessNanos = nowNanos;
        lastRoundTripNanos = roundTripNanos;
    }

    /** A round trip failed or timed out, for this reason. */
    public synchronized void failed(String reason) {
        lastFailure = reason;
    }

    /** While the start-up warm-up runs the broker is not ready (it is alive: the round trips go on). */
    public synchronized void warmingUp(boolean running) {
        warmingUp = running;
    }

    public synchronized HealthVerdict readiness(long nowNanos) {
        if (warmingUp) {
            return new HealthVerdict(
                    false, "starting: warming up (messages through its own listener for BROKER_WARMUP_SECONDS)");
        }
        if (lastSuccessNanos == NEVER) {
            return new HealthVerdict(
                    false, "starting: no message has gone through the broker yet (last failure: " + lastFailure + ")");
        }
        return verdict(nowNanos - lastSuccessNanos, READY_WITHIN);
    }

    public synchronized HealthVerdict liveness(long nowNanos) {
        if (lastSuccessNanos == NEVER) {
            long since = nowNanos - startedNanos;
            boolean up = since <= LIVE_WITHIN.toNanos();
            return new HealthVerdict(
                    up,
                    "no message has gone through the broker in the " + seconds(since)
                            + " since start" + (up ? " (allowed up to " + LIVE_WITHIN.toSeconds() + " s)" : "")
                            + "; last failure: " + lastFailure);
        }
        return verdict(nowNanos - lastSuccessNanos, LIVE_WITHIN);
    }

    private HealthVerdict verdict(long ageNanos, Duration limit) {
        if (ageNanos <= limit.toNanos()) {
            return new HealthVerdict(
                    true,
                    "a message went through the broker " + seconds(ageNanos) + " ago (round trip "
                            + millis(lastRoundTripNanos) + ")");
        }
        return new HealthVerdict(
                false,
                "no message has gone through the broker for " + seconds(ageNanos) + " (limit " + limit.toSeconds()
                        + " s); last failure: " + lastFailure);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
