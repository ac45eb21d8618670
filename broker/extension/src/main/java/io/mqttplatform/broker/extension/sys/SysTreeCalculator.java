package io.mqttplatform.broker.extension.sys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Turns successive {@link BrokerSnapshot}s into the $SYS messages mosquitto 2.0 would publish: the same topics and
 * payload formats, uptime every interval, every other topic only when its text changed (so the retained tree is
 * always current while quiet brokers stay quiet). Load averages start at the second update, as in mosquitto, but
 * are then published once even at 0.00 so that every load topic exists from the start.
 *
 * <p>Pure and single-threaded: the caller serialises updates.
 */
public final class SysTreeCalculator {

    /** The counters that have mosquitto load averages, under their mosquitto names. */
    private static final Map<String, ToLongFunction<BrokerSnapshot>> LOAD_SOURCES = loadSources();

    private final String version;
    private final Map<String, String> lastPublished = new HashMap<>();
    private final Map<String, LoadAverage> loads = new HashMap<>();
    private BrokerSnapshot previous;
    private long clientsMaximum;

    /** @param version the payload of {@code $SYS/broker/version}, e.g. {@code HiveMQ Community Edition version 2025.5} */
    public SysTreeCalculator(String version) {
        this.version = version;
    }

    /**
     * @param now                  the broker's numbers now
     * @param uptimeSeconds        whole seconds since the broker started
     * @param secondsSincePrevious seconds since the previous update (ignored on the first)
     * @return the messages to publish, in a stable order
     */
    public List<SysMessage> update(BrokerSnapshot now, long uptimeSeconds, double secondsSincePrevious) {
        return update(now, uptimeSeconds, secondsSincePrevious, Map.of());
    }

    /** The same, with further topics of other parts of the broker (the bridges' counters), published when changed. */
    public List<SysMessage> update(
            BrokerSnapshot now, long uptimeSeconds, double secondsSincePrevious, Map<String, String> further) {
        List<SysMessage> out = new ArrayList<>();
        changed(out, SysTopics.VERSION, version);
        out.add(remember(SysTopics.UPTIME, uptimeSeconds + " seconds"));

        clientsMaximum = Math.max(clientsMaximum, now.clientsTotal());
        changed(out, SysTopics.CLIENTS_TOTAL, now.clientsTotal());
        changed(out, SysTopics.CLIENTS_MAXIMUM, clientsMaximum);
        changed(out, SysTopics.CLIENTS_DISCONNECTED, now.clientsDisconnected());
        changed(out, SysTopics.CLIENTS_INACTIVE, now.clientsDisconnected());
        changed(out, SysTopics.CLIENTS_CONNECTED, now.clientsConnected());
        changed(out, SysTopics.CLIENTS_ACTIVE, now.clientsConnected());
        changed(out, SysTopics.CLIENTS_EXPIRED, now.clientsExpired());

        if (previous != null && secondsSincePrevious > 0) {
            for (Map.Entry<String, ToLongFunction<BrokerSnapshot>> source : LOAD_SOURCES.entrySet()) {
                long delta =
                        source.getValue().applyAsLong(now) - source.getValue().applyAsLong(previous);
                for (LoadAverage.Window window : LoadAverage.Window.values()) {
                    String topic = SysTopics.load(source.getKey(), window);
                    double value = loads.computeIfAbsent(topic, t -> new LoadAverage(window))
                            .update(Math.max(0, delta), secondsSincePrevious);
                    changed(out, topic, String.format(Locale.ROOT, "%.2f", value));
                }
            }
        }

        changed(out, SysTopics.SUBSCRIPTIONS_COUNT, now.subscriptions());
        changed(out, SysTopics.RETAINED_COUNT, now.retainedMessages());
        changed(out, SysTopics.MESSAGES_RECEIVED, now.messagesReceived());
        changed(out, SysTopics.MESSAGES_SENT, now.messagesSent());
        changed(out, SysTopics.PUBLISH_DROPPED, now.publishDropped());
        changed(out, SysTopics.PUBLISH_RECEIVED, now.publishReceived());
        changed(out, SysTopics.PUBLISH_SENT, now.publishSent());
        changed(out, SysTopics.BYTES_RECEIVED, now.bytesReceived());
        changed(out, SysTopics.BYTES_SENT, now.bytesSent());
        further.forEach((topic, payload) -> changed(out, topic, payload));

        previous = now;
        return out;
    }

    private void changed(List<SysMessage> out, String topic, long value) {
        changed(out, topic, Long.toString(value));
    }

    private void changed(List<SysMessage> out, String topic, String payload) {
        if (!payload.equals(lastPublished.get(topic))) {
            out.add(remember(topic, payload));
        }
    }

    private SysMessage remember(String topic, String payload) {
        lastPublished.put(topic, payload);
        return new SysMessage(topic, payload);
    }

    private static Map<String, ToLongFunction<BrokerSnapshot>> loadSources() {
        Map<String, ToLongFunction<BrokerSnapshot>> sources = new LinkedHashMap<>();
        sources.put("messages/received", BrokerSnapshot::messagesReceived);
        sources.put("messages/sent", BrokerSnapshot::messagesSent);
        sources.put("publish/dropped", BrokerSnapshot::publishDropped);
        sources.put("publish/received", BrokerSnapshot::publishReceived);
        sources.put("publish/sent", BrokerSnapshot::publishSent);
        sources.put("bytes/received", BrokerSnapshot::bytesReceived);
        sources.put("bytes/sent", BrokerSnapshot::bytesSent);
        sources.put("sockets", BrokerSnapshot::socketsOpened);
        sources.put("connections", BrokerSnapshot::connectsReceived);
        return sources;
    }
}
