package io.mqttplatform.sysmetrics.sys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.mqttplatform.sysmetrics.sys.MetricType.COUNTER;
import static io.mqttplatform.sysmetrics.sys.MetricType.GAUGE;
import static io.mqttplatform.sysmetrics.sys.MetricType.INFO;
import static io.mqttplatform.sysmetrics.sys.PayloadFormat.NUMBER;
import static io.mqttplatform.sysmetrics.sys.PayloadFormat.SECONDS;
import static io.mqttplatform.sysmetrics.sys.PayloadFormat.TEXT;

/**
 * Every {@code $SYS} topic the service exports, and nothing else: mosquitto 2.0's names, which this project's broker
 * publishes too. A topic that is not here is ignored, never turned into a metric on the fly. Aliases that mosquitto
 * publishes twice under two names ({@code clients/active}, {@code clients/inactive}, {@code messages/stored}) and the
 * moving averages under {@code load/} (Prometheus computes rates from the counters) are deliberately left out.
 * The byte counters keep the names of docs/interfaces.md ({@code mqtt_broker_bytes_received_total}), which do
 * not end in the unit, so they declare none (OpenMetrics requires a declared unit to end the name).
 */
public final class SysMetricTable {

    public static final String PREFIX = "$SYS/broker/";

    /** The label of {@code mqtt_broker_info} that carries the broker's version text. */
    public static final String VERSION_LABEL = "version";

    private static final List<SysMetric> METRICS = List.of(
            row(
                    "version",
                    "mqtt_broker_info",
                    INFO,
                    null,
                    TEXT,
                    "The broker's version text as it publishes it in $SYS/broker/version; the value is always 1."),
            row("uptime", "mqtt_broker_uptime_seconds", GAUGE, "seconds", SECONDS, "Seconds since the broker started."),
            row(
                    "clients/connected",
                    "mqtt_broker_clients_connected",
                    GAUGE,
                    null,
                    NUMBER,
                    "Clients connected to the broker now."),
            row(
                    "clients/disconnected",
                    "mqtt_broker_clients_disconnected",
                    GAUGE,
                    null,
                    NUMBER,
                    "Persistent sessions whose clients are disconnected now."),
            row(
                    "clients/total",
                    "mqtt_broker_sessions",
                    GAUGE,
                    null,
                    NUMBER,
                    "Sessions the broker holds now, connected or not."),
            row(
                    "clients/maximum",
                    "mqtt_broker_clients_maximum",
                    GAUGE,
                    null,
                    NUMBER,
                    "The most clients connected at the same time since the broker started."),
            row(
                    "clients/expired",
                    "mqtt_broker_clients_expired_total",
                    COUNTER,
                    null,
                    NUMBER,
                    "Persistent sessions removed because they expired, since the broker started."),
            row(
                    "messages/received",
                    "mqtt_broker_messages_received_total",
                    COUNTER,
                    null,
                    NUMBER,
                    "MQTT packets of any kind the broker received since it started."),
            row(
                    "messages/sent",
                    "mqtt_broker_messages_sent_total",
                    COUNTER,
                    null,
                    NUMBER,
                    "MQTT packets of any kind the broker sent since it started."),
            row(
                    "publish/messages/received",
                    "mqtt_broker_publish_messages_received_total",
                    COUNTER,
                    null,
                    NUMBER,
                    "PUBLISH messages the broker received from clients since it started."),
            row(
                    "publish/messages/sent",
                    "mqtt_broker_publish_messages_sent_total",
                    COUNTER,
                    null,
                    NUMBER,
                    "PUBLISH messages the broker sent to subscribers since it started."),
            row(
                    "publish/messages/dropped",
                    "mqtt_broker_publish_messages_dropped_total",
                    COUNTER,
                    null,
                    NUMBER,
                    "PUBLISH messages the broker dropped (queues full, clients too slow or gone) since it started."),
            row(
                    "publish/bytes/received",
                    "mqtt_broker_publish_bytes_received_total",
                    COUNTER,
                    null,
                    NUMBER,
                    "Payload bytes of PUBLISH messages the broker received since it started."),
            row(
                    "publish/bytes/sent",
                    "mqtt_broker_publish_bytes_sent_total",
                    COUNTER,
                    null,
                    NUMBER,
                    "Payload bytes of PUBLISH messages the broker sent since it started."),
            row(
                    "bytes/received",
                    "mqtt_broker_bytes_received_total",
                    COUNTER,
                    null,
                    NUMBER,
                    "Bytes the broker received on all connections since it started."),
            row(
                    "bytes/sent",
                    "mqtt_broker_bytes_sent_total",
                    COUNTER,
                    null,
                    NUMBER,
                    "Bytes the broker sent on all connections since it started."),
            row(
                    "subscriptions/count",
                    "mqtt_broker_subscriptions",
                    GAUGE,
                    null,
                    NUMBER,
                    "Subscriptions the broker holds now."),
            row(
                    "shared_subscriptions/count",
                    "mqtt_broker_shared_subscriptions",
                    GAUGE,
                    null,
                    NUMBER,
                    "Shared subscriptions the broker holds now."),
            row(
                    "retained messages/count",
                    "mqtt_broker_retained_messages",
                    GAUGE,
                    null,
                    NUMBER,
                    "Retained messages the broker holds now."),
            row(
                    "store/messages/count",
                    "mqtt_broker_stored_messages",
                    GAUGE,
                    null,
                    NUMBER,
                    "Messages held in the broker's message store now (retained, queued and in flight)."),
            row(
                    "store/messages/bytes",
                    "mqtt_broker_stored_messages_bytes",
                    GAUGE,
                    "bytes",
                    NUMBER,
                    "Payload bytes of the messages held in the broker's message store now."),
            row("heap/current", "mqtt_broker_heap_bytes", GAUGE, "bytes", NUMBER, "Heap memory the broker uses now."),
            row(
                    "heap/maximum",
                    "mqtt_broker_heap_maximum_bytes",
                    GAUGE,
                    "bytes",
                    NUMBER,
                    "The most heap memory the broker used since it started."));

    private static final Map<String, SysMetric> BY_TOPIC = index();

    private SysMetricTable() {}

    /** Every exported metric, in the order of a scrape. */
    public static List<SysMetric> all() {
        return METRICS;
    }

    /** The metric for a topic, or empty for a topic the service does not export. */
    public static Optional<SysMetric> forTopic(String topic) {
        return Optional.ofNullable(BY_TOPIC.get(topic));
    }

    private static SysMetric row(
            String suffix, String name, MetricType type, String unit, PayloadFormat format, String help) {
        return new SysMetric(PREFIX + suffix, name, type, unit, help, format);
    }

    private static Map<String, SysMetric> index() {
        Map<String, SysMetric> byTopic = new LinkedHashMap<>();
        for (SysMetric metric : METRICS) {
            if (byTopic.put(metric.topic(), metric) != null) {
                throw new IllegalStateException("two rows for " + metric.topic());
            }
        }
        return Map.copyOf(byTopic);
    }
}
