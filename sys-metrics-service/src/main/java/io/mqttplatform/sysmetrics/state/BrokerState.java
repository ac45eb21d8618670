package io.mqttplatform.sysmetrics.state;

import io.mqttplatform.sysmetrics.sys.BridgeMetric;
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
    /** Per bridge (its remote client id), its latest values; at most {@link #MAX_BRIDGES} bridges. */
    private final Map<String, Map<BridgeMetric, Double>> bridges = new ConcurrentHashMap<>();
    /**
     * Bridges known at most: any client may publish {@code $SYS/broker/connection/+/state} (mosquitto allows it for
     * bridges), so the number of series must not follow what clients send.
     */
    public static final int MAX_BRIDGES = 100;

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

    /** The latest value of one bridge's metric; ignored beyond {@link #MAX_BRIDGES} bridges. */
    public void record(BridgeMetric.Reading reading) {
        if (!bridges.containsKey(reading.bridge()) && bridges.size() >= MAX_BRIDGES) {
            return;
        }
        bridges.computeIfAbsent(reading.bridge(), b -> new ConcurrentHashMap<>())
                .put(reading.metric(), reading.value());
    }

    public void connected() {
        connected = true;
    }

    /** The connection was lost: what was known belongs to a broker that may not come back as it was. */
    public void disconnected() {
        connected = false;
        latest.clear();
        bridges.clear();
    }

    /** The broker's state now, for a scrape or a health check. */
    public Freshness freshness() {
        Instant last = lastUpdate;
        Duration age = last == null ? null : Duration.between(last, clock.instant());
        boolean fresh = age != null && age.compareTo(staleAfter) <= 0;
        return new Freshness(connected, connected && fresh, last, age, staleAfter);
    }

    /** Each bridge's latest values, by its remote client id, read-only and live. */
    public Map<String, Map<BridgeMetric, Double>> bridges() {
        return Collections.unmodifiableMap(bridges);
    }

    /** The latest values, read-only and live (no copy per scrape); only meaningful while {@link Freshness#up()}. */
    public Map<SysMetric, Reading> values() {
        return Collections.unmodifiableMap(latest);
    }
}
