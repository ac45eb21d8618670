package io.mqttplatform.broker.extension.bridge;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;

import java.util.Optional;

/**
 * One {@code topic pattern [out|in|both [qos [local-prefix [remote-prefix]]]]} line of a bridge, with mosquitto 2.0's
 * meaning (mosquitto.conf(5), {@code bridge__add_topic}): the local side uses {@code local-prefix + pattern}, the
 * remote side {@code remote-prefix + pattern}; a message crossing the bridge loses the one prefix and gains the other.
 * An empty pattern ({@code ""}) maps the single topic {@code local-prefix} to {@code remote-prefix}.
 *
 * @param pattern      the topic filter, "" for none (then both prefixes are the topics)
 * @param direction    which way messages cross
 * @param qos          the QoS of the bridge's subscriptions and, at most, of the messages it forwards
 * @param localPrefix  prepended on the local side ("" for none)
 * @param remotePrefix prepended on the remote side ("" for none)
 */
public record BridgeTopic(String pattern, Direction direction, int qos, String localPrefix, String remotePrefix) {

    /** Which way a topic's messages cross the bridge. */
    public enum Direction {
        OUT,
        IN,
        BOTH;

        /** Local messages go to the remote broker. */
        public boolean outgoing() {
            return this != IN;
        }

        /** Remote messages come to the local broker. */
        public boolean incoming() {
            return this != OUT;
        }
    }

    /** The filter the bridge subscribes to on the local broker (out, both). */
    public String localFilter() {
        return localPrefix + pattern;
    }

    /** The filter the bridge subscribes to on the remote broker (in, both). */
    public String remoteFilter() {
        return remotePrefix + pattern;
    }

    /** The remote topic of a local message this line takes out, if it is one. */
    public Optional<String> toRemote(String localTopic) {
        return remap(localTopic, localPrefix, remotePrefix);
    }

    /** The local topic of a remote message this line brings in, if it is one. */
    public Optional<String> toLocal(String remoteTopic) {
        return remap(remoteTopic, remotePrefix, localPrefix);
    }

    /** The remote topic of a local topic that {@link #localFilter()} covers: the one prefix swapped for the other. */
    public String remoteTopicOf(String coveredLocalTopic) {
        return remotePrefix + coveredLocalTopic.substring(localPrefix.length());
    }

    /** The local topic of a remote topic that {@link #remoteFilter()} covers. */
    public String localTopicOf(String coveredRemoteTopic) {
        return localPrefix + coveredRemoteTopic.substring(remotePrefix.length());
    }

    private Optional<String> remap(String topic, String from, String to) {
        if (!topic.startsWith(from)) {
            return Optional.empty();
        }
        boolean matches = pattern.isEmpty()
                ? topic.equals(from)
                : MqttTopicFilter.of(from + pattern).matches(MqttTopic.of(topic));
        return matches ? Optional.of(to + topic.substring(from.length())) : Optional.empty();
    }
}
