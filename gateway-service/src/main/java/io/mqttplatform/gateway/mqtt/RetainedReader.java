package io.mqttplatform.gateway.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqttplatform.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the retained messages that match a filter. MQTT has no "read retained" request, so each read is a short-lived
 * MQTT connection that subscribes to the filter and collects what the broker sends as retained, until nothing came
 * for the quiet period (or the maximum wait passed). A separate connection keeps these deliveries away from live
 * subscribers.
 */
@ApplicationScoped
public class RetainedReader {

    private final GatewayConfig.Broker broker;
    private final BrokerConnection connection;
    private final GatewayConfig.Retained config;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retained-read-timer");
        thread.setDaemon(true);
        return thread;
    });

    public RetainedReader(GatewayConfig config) {
        this.broker = config.broker();
        this.connection = new BrokerConnection(config.broker());
        this.config = config.retained();
    }

    /** What one read found: the retained messages (at most the configured number, by topic) and whether more matched. */
    public record Found(String filter, List<Mqtt5Publish> messages, boolean truncated) {}

    public CompletableFuture<Found> read(MqttTopicFilter filter) {
        Mqtt5AsyncClient client = connection
                .builder(broker.clientIdPrefix() + "-retained-"
                        + UUID.randomUUID().toString().substring(0, 8))
                .buildAsync();
        Map<String, Mqtt5Publish> found = new ConcurrentHashMap<>();
        CompletableFuture<Found> result = new CompletableFuture<>();
        AtomicReference<ScheduledFuture<?>> quiet = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean subscribed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable finish = () -> result.complete(answer(filter, found));

        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, message -> {
            if (message.isRetain() && TopicRules.matches(filter, message.getTopic())) {
                found.put(message.getTopic().toString(), message);
                if (found.size() > config.maxMessages()) {
                    finish.run();
                } else {
                    restart(quiet, finish);
                }
            }
        });
        client.connectWith()
                .cleanStart(true)
                .sessionExpiryInterval(0)
                .send()
                .thenCompose(ack -> client.subscribeWith()
                        .topicFilter(filter)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send())
                .whenComplete((ack, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        subscribed.set(true);
                        restart(quiet, finish);
                    }
                });
        // at the deadline: what arrived so far, but never an empty answer from a subscription the broker did not
        // confirm
        ScheduledFuture<?> deadline = timers.schedule(
                () -> {
                    if (subscribed.get()) {
                        finish.run();
                    } else {
                        result.completeExceptionally(new java.util.concurrent.TimeoutException(
                                "the broker did not confirm the " + "subscription to '" + filter + "' within "
                                        + config.maxWait().toMillis() + " ms"));
                    }
                },
                config.maxWait().toMillis(),
                TimeUnit.MILLISECONDS);
        return result.whenComplete((answer, error) -> {
            deadline.cancel(false);
            ScheduledFuture<?> pending = quiet.get();
            if (pending != null) {
                pending.cancel(false);
            }
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        });
    }

    private void restart(AtomicReference<ScheduledFuture<?>> quiet, Runnable finish) {
        ScheduledFuture<?> next = timers.schedule(finish, config.quietPeriod().toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = quiet.getAndSet(next);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private Found answer(MqttTopicFilter filter, Map<String, Mqtt5Publish> found) {
        List<Mqtt5Publish> messages = found.values().stream()
                .sorted(Comparator.comparing(message -> message.getTopic().toString()))
                .limit(config.maxMessages())
                .toList();
        return new Found(filter.toString(), messages, found.size() > config.maxMessages());
    }
}
