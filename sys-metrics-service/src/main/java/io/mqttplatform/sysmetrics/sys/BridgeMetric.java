package io.mqttplatform.sysmetrics.sys;

import java.util.Arrays;
import java.util.Optional;

/**
 * The metrics of a broker's bridges, from {@code $SYS/broker/connection/<bridge>/...}: mosquitto's {@code state}
 * (1 connected, 0 not), which both mosquitto's and this project's broker publish, and the counters this project's
 * broker adds beside it. Each becomes one series per bridge, labelled {@value #LABEL} with the bridge's remote client
 * id as the topic carries it.
 */
public enum BridgeMetric {
    UP("state", "mqtt_bridge_up", MetricType.GAUGE, "1 while the bridge is connected to its remote broker, else 0."),
    SENT(
            "messages/sent",
            "mqtt_bridge_messages_sent_total",
            MetricType.COUNTER,
            "Messages the bridge sent to its remote broker (acknowledged by it for QoS 1 and 2)."),
    RECEIVED(
            "messages/received",
            "mqtt_bridge_messages_received_total",
            MetricType.COUNTER,
            "Messages the bridge brought in from its remote broker."),
    QUEUED(
            "messages/queued",
            "mqtt_bridge_messages_queued",
            MetricType.GAUGE,
            "Messages waiting in the bridge for its remote broker now."),
    DROPPED(
            "messages/dropped",
            "mqtt_bridge_messages_dropped_total",
            MetricType.COUNTER,
            "Messages the bridge gave up: its queue was full, or QoS 0 while the remote broker was away.");

    public static final String LABEL = "bridge";
    static final String PREFIX = SysMetricTable.PREFIX + "connection/";

    /** A value of one bridge, read from one topic. */
    public record Reading(String bridge, BridgeMetric metric, double value) {}

    private final String suffix;
    private final String metricName;
    private final MetricType type;
    private final String help;

    BridgeMetric(String suffix, String metricName, MetricType type, String help) {
        this.suffix = suffix;
        this.metricName = metricName;
        this.type = type;
        this.help = help;
    }

    public String metricName() {
        return metricName;
    }

    public MetricType type() {
        return type;
    }

    public String help() {
        return help;
    }

    /**
     * The reading a topic and payload carry, if the topic is one of a bridge's: empty for every other topic.
     *
     * @throws InvalidPayloadException when the topic is a bridge's but the payload is not a whole number
     */
    public static Optional<Reading> read(String topic, byte[] payload) throws InvalidPayloadException {
        if (!topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String bridge = rest.substring(0, slash);
        String suffix = rest.substring(slash + 1);
        Optional<BridgeMetric> metric =
                Arrays.stream(values()).filter(m -> m.suffix.equals(suffix)).findFirst();
        if (metric.isEmpty()) {
            return Optional.empty();
        }
        String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8).trim();
        if (!text.matches("[0-9]{1,18}")) {
            throw new InvalidPayloadException("expected a whole number, got '" + text + "'");
        }
        return Optional.of(new Reading(bridge, metric.get(), Long.parseLong(text)));
    }
}
