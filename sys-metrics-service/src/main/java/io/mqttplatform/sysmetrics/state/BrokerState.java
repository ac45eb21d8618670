package io.mqttplatform.sysmetrics.state;

import io.mqttplatform.sysmetrics.sys.Reading;
import io.mqttplatform.sysmetrics.sys.SysMetric;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the service knows about the broker: whether it is connected, when the last {@code $SYS} message arrived, and
 * the latest good value of every known topic. Values are kept only for the current connection: they are dropped when
 * the connection is lost, so a broker that comes back (or a different one) never shows numbers of the one before.
 */
public class BrokerState {

    private final Clock clock;
    private final Duration staleAfter;
    private final Map<SysMetric, Reading> latest = new ConcurrentHashMap<>();
    private volatile boolean connected;
    private volatile Instant lastUpdate;

    public BrokerState(Clock clock, Duration staleAfter) {
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** A {@code $SYS} message arrived, known or not: the broker's tree is alive. */
    public void touch() {
        lastUpdate = clock.instant();
    }

    /** The latest good value of a known topic. */
    public void record(SysMetric metric, Reading reading) {
        latest.put(metric, reading);
    }

    public void connected() {
        connected = true;
    }

    /** The connection was lost: what was known belongs to a broker that may not come back as it was. */
    public void disconnected() {
        connected = false;
        latest.clear();
    }

    /** The broker's state now, for a scrape or a health check. */
    public Freshness freshness() {
        Instant last = lastUpdate;
        Duration age = last == null ? null : Duration.between(last, clock.instant());
        boolean fresh = age != null && age.compareTo(staleAfter) <= 0;
        return new Freshness(connected, connected && fresh, last, age, staleAfter);
    }

    /** The latest values, read-only and live (no copy per scrape); only meaningful while {@link Freshness#up()}. */
    public Map<SysMetric, Reading> values() {
        return Collections.unmodifiableMap(latest);
    }
}
