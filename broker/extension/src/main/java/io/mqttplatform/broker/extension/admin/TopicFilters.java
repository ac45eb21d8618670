package io.mqttplatform.broker.extension.admin;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;

import java.util.function.Predicate;

/**
 * The operations API's topic and filter parameters, checked and matched with the HiveMQ MQTT client's topic classes.
 * As MQTT says, a filter that starts with a wildcard does not match topics that start with {@code $}.
 */
final class TopicFilters {

    private static final String SHARED = "$share/";

    /** The topics a filter matches. */
    static Predicate<String> topicsOf(String field, String filter) {
        MqttTopicFilter parsed = filter(field, filter);
        boolean wildcardFirst = filter.startsWith("#") || filter.startsWith("+");
        return topic -> !(wildcardFirst && topic.startsWith("$")) && parsed.matches(MqttTopic.of(topic));
    }

    /** The subscriptions that {@code topic} reaches, those within {@code filter}, or all (both null). */
    static Predicate<String> subscriptions(String topic, String filter) {
        if (topic != null && filter != null) {
            throw OperationsFailure.invalid("give topic or filter, not both");
        }
        if (topic != null) {
            return subscriptionsReaching("topic", topic);
        }
        return filter != null ? subscriptionsWithin("filter", filter) : any -> true;
    }

    /** The subscriptions (their filters, shared ones too) that a message on {@code topic} reaches. */
    static Predicate<String> subscriptionsReaching(String field, String topic) {
        MqttTopic parsed;
        try {
            parsed = MqttTopic.of(topic);
        } catch (IllegalArgumentException e) {
            throw OperationsFailure.invalid(field + ": '" + topic + "' is not an MQTT topic (" + e.getMessage()
                    + "); a topic has no wildcards '+' or '#'");
        }
        return subscription -> {
            String filter = unshared(subscription);
            boolean wildcardFirst = filter.startsWith("#") || filter.startsWith("+");
            return !(wildcardFirst && topic.startsWith("$"))
                    && MqttTopicFilter.of(filter).matches(parsed);
        };
    }

    /** The subscriptions whose filters lie within {@code filter} (every topic they match, it matches too). */
    static Predicate<String> subscriptionsWithin(String field, String filter) {
        MqttTopicFilter parsed = filter(field, filter);
        return subscription -> parsed.matches(MqttTopicFilter.of(unshared(subscription)));
    }

    private static MqttTopicFilter filter(String field, String filter) {
        try {
            return MqttTopicFilter.of(filter);
        } catch (IllegalArgumentException e) {
            throw OperationsFailure.invalid(field + ": '" + filter + "' is not an MQTT topic filter (" + e.getMessage()
                    + "); e.g. lab/+/temperature or lab/#");
        }
    }

    /** {@code $share/group/a/b} as the filter {@code a/b} it shares. */
    private static String unshared(String filter) {
        if (!filter.startsWith(SHARED)) {
            return filter;
        }
        int end = filter.indexOf('/', SHARED.length());
        return end < 0 ? filter : filter.substring(end + 1);
    }

    private TopicFilters() {}
}
