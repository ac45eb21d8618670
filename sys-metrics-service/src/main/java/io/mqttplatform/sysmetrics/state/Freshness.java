package io.mqttplatform.sysmetrics.state;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the broker's values can be served as current.
 *
 * @param connected  the MQTT connection to the broker is up
 * @param up         connected, and a {@code $SYS} message arrived within {@code staleAfter}
 * @param lastUpdate when the last {@code $SYS} message arrived, or {@code null} if none ever did
 * @param age        how long ago that was, or {@code null}
 * @param staleAfter the longest silence that still counts as fresh
 */
public record Freshness(boolean connected, boolean up, Instant lastUpdate, Duration age, Duration staleAfter) {

    /** Why the broker is not up, in words for a health check or a log line; empty when it is up. */
    public String reason() {
        if (up) {
            return "";
        }
        if (!connected) {
            return "not connected to the broker";
        }
        if (lastUpdate == null) {
            return "connected, but no $SYS message arrived yet: is $SYS turned off on the broker (SYS_INTERVAL=0, "
                    + "mosquitto sys_interval 0)?";
        }
        return "no $SYS message for " + age.toSeconds() + " s (stale after " + staleAfter.toSeconds()
                + " s): does the broker publish $SYS less often than SYS_METRICS_BROKER_SYS_INTERVAL?";
    }
}
