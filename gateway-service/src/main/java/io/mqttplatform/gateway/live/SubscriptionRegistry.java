package io.mqttplatform.gateway.live;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.failure.FailureKind;
import io.mqttplatform.gateway.mqtt.BrokerClient;
import io.mqttplatform.gateway.mqtt.TopicRules;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which live subscriber wants which filter, and the gateway's broker subscriptions that follow from it: the union of
 * all active filters, each subscribed once when its first subscriber arrives and unsubscribed when its last one
 * leaves (reference counting), so a replica never pulls more traffic than its own clients asked for.
 */
@ApplicationScoped
public class SubscriptionRegistry {

    private static final Logger log = Logger.getLogger(SubscriptionRegistry.class);

    /** One filter the gateway is subscribed to, and who wants it. */
    private record Entry(MqttTopicFilter filter, Set<LiveSubscriber> subscribers, CompletableFuture<Void> subscribed) {}

    private final BrokerClient broker;
    private final Frames frames;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public SubscriptionRegistry(BrokerClient broker, Frames frames) {
        this.broker = broker;
        this.frames = frames;
    }

    /** Adds a filter for a subscriber; completes when the broker confirmed the subscription. */
    public synchronized CompletableFuture<Void> add(LiveSubscriber subscriber, MqttTopicFilter filter) {
        String key = filter.toString();
        if (!subscriber.filters().add(key)) {
            return entries.get(key).subscribed();
        }
        Entry entry = entries.computeIfAbsent(key, k -> {
            Entry created = new Entry(filter, ConcurrentHashMap.newKeySet(), subscribeAtBroker(filter));
            created.subscribed().whenComplete((done, error) -> {
                if (error != null) {
                    forget(key, created); // a later subscriber must try the broker again, not inherit this failure
                }
            });
            return created;
        });
        entry.subscribers().add(subscriber);
        return entry.subscribed();
    }

    /** Removes a filter of a subscriber; the broker subscription goes when nobody else holds it. */
    public synchronized void remove(LiveSubscriber subscriber, String filter) {
        if (!subscriber.filters().remove(filter)) {
            return;
        }
        Entry entry = entries.get(filter);
        if (entry != null
                && entry.subscribers().remove(subscriber)
                && entry.subscribers().isEmpty()) {
            entries.remove(filter);
            broker.unsubscribe(entry.filter()).whenComplete((ack, error) -> {
                if (error != null) {
                    log.debugf("Unsubscribe from '%s' not confirmed: %s", filter, error.getMessage());
                }
            });
        }
    }

    private synchronized void forget(String filter, Entry failed) {
        if (entries.remove(filter, failed)) {
            failed.subscribers().forEach(subscriber -> subscriber.filters().remove(filter));
        }
    }

    /** Removes every filter of a subscriber that left. */
    public synchronized void removeAll(LiveSubscriber subscriber) {
        for (String filter : Set.copyOf(subscriber.filters())) {
            remove(subscriber, filter);
        }
        subscriber.close();
    }

    /** The filters the gateway is subscribed to at the broker now. */
    public Set<String> activeFilters() {
        return Set.copyOf(entries.keySet());
    }

    /** Hands a message from the broker to every subscriber with a matching filter, once each. */
    public void dispatch(Mqtt5Publish message) {
        MqttTopic topic = message.getTopic();
        Set<LiveSubscriber> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Entry entry : entries.values()) {
            if (TopicRules.matches(entry.filter(), topic)) {
                targets.addAll(entry.subscribers());
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        Frame frame = frames.message(message, Instant.now());
        for (LiveSubscriber target : targets) {
            try {
                target.offer(frame);
            } catch (RuntimeException e) { // one broken client must never stop delivery to the others
                log.debugf("Delivery to %s failed: %s", target.id(), e);
            }
        }
    }

    /** After a reconnect with a fresh session: subscribe to every active filter again. */
    public void restore() {
        for (Entry entry : entries.values()) {
            subscribeAtBroker(entry.filter());
        }
        log.infof("Restored %d subscriptions after reconnecting", entries.size());
    }

    private CompletableFuture<Void> subscribeAtBroker(MqttTopicFilter filter) {
        return broker.subscribe(filter).thenAccept(ack -> {
            Mqtt5SubAckReasonCode code = ack.getReasonCodes().get(0);
            if (code.isError()) {
                throw refusal(filter, code);
            }
        });
    }

    /**
     * A SUBACK refusal as a failure: not authorized is forbidden, a filter the broker does not take (invalid, shared
     * or wildcard subscriptions unsupported) invalid, a broker over its quota unavailable, anything else refused.
     */
    static Failure refusal(MqttTopicFilter filter, Mqtt5SubAckReasonCode code) {
        String detail = "the broker refused the subscription to '" + filter + "': " + code;
        return switch (code) {
            case NOT_AUTHORIZED -> Failure.forbidden(detail);
            case TOPIC_FILTER_INVALID,
                    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED,
                    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED,
                    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED -> Failure.invalid(detail);
            case QUOTA_EXCEEDED -> Failure.brokerUnavailable(detail, 0);
            default -> Failure.of(FailureKind.SUBSCRIPTION_REFUSED, detail);
        };
    }
}
