package io.mqttplatform.gateway.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import io.mqttplatform.gateway.failure.Failure;

import java.nio.charset.StandardCharsets;

/**
 * The one place where topics and topic filters are checked and matched. Parsing and matching are the HiveMQ MQTT
 * client's ({@link MqttTopic}, {@link MqttTopicFilter#matches}); this class turns violations into details a person
 * can act on, and adds the gateway's own rules ($-topics are never published through it).
 */
public final class TopicRules {

    /** MQTT strings are at most 65,535 bytes of UTF-8. */
    public static final int MAX_TOPIC_BYTES = 65_535;

    /** A concrete topic to publish to; invalid when malformed, forbidden for the broker's own $-topics. */
    public static MqttTopic publishTopic(String topic) {
        checkString("topic", topic);
        int wildcard = firstWildcard(topic);
        if (wildcard >= 0) {
            throw Failure.invalid("topic '" + topic + "' contains the wildcard '" + topic.charAt(wildcard)
                    + "' at position " + wildcard
                    + "; wildcards (+ and #) are only for subscriptions, publish to a concrete topic");
        }
        if (topic.startsWith("$")) {
            throw Failure.forbidden("topic '" + topic + "' starts with '$': topics such as $SYS/... belong to "
                    + "the broker and cannot be published to");
        }
        try {
            return MqttTopic.of(topic);
        } catch (IllegalArgumentException e) {
            throw Failure.invalid("topic '" + topic + "' is not a valid MQTT topic: " + e.getMessage());
        }
    }

    /** A topic filter to subscribe to or read retained messages with; invalid when malformed. */
    public static MqttTopicFilter filter(String filter) {
        checkString("filter", filter);
        if (filter.startsWith("$share/")) {
            throw Failure.invalid("filter '" + filter + "' is a shared subscription; the gateway does not "
                    + "support $share/ filters, subscribe to the topic filter itself");
        }
        try {
            return MqttTopicFilter.of(filter);
        } catch (IllegalArgumentException e) {
            throw Failure.invalid("filter '" + filter + "' is not a valid MQTT topic filter: " + e.getMessage()
                    + " ('+' must fill a whole level, '#' must be the whole last level)");
        }
    }

    /**
     * MQTT matching: '+' one level, '#' the rest; a filter starting with a wildcard does not match topics that start
     * with '$' (so '#' does not match '$SYS/...', while '$SYS/#' does).
     */
    public static boolean matches(MqttTopicFilter filter, MqttTopic topic) {
        String text = filter.toString();
        if (topic.toString().startsWith("$") && (text.startsWith("+") || text.startsWith("#"))) {
            return false;
        }
        return filter.matches(topic);
    }

    private static void checkString(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw Failure.invalid(what + " is empty; MQTT " + what + "s have at least one character");
        }
        int nul = value.indexOf('\u0000');
        if (nul >= 0) {
            throw Failure.invalid(
                    what + " contains the NUL character (U+0000) at position " + nul + ", which MQTT forbids");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TOPIC_BYTES) {
            throw Failure.invalid(
                    what + " is " + bytes + " bytes long in UTF-8; MQTT allows at most " + MAX_TOPIC_BYTES);
        }
    }

    private static int firstWildcard(String topic) {
        int plus = topic.indexOf('+');
        int hash = topic.indexOf('#');
        if (plus < 0) {
            return hash;
        }
        return hash < 0 ? plus : Math.min(plus, hash);
    }

    private TopicRules() {}
}
