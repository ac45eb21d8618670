package io.mqttplatform.gateway.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import io.mqttplatform.gateway.config.GatewayConfig;
import io.mqttplatform.gateway.failure.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The gateway's one MQTT 5 connection to the broker (HiveMQ MQTT client; see docs/adr/0004). Reconnects by itself
 * with backoff; tells listeners when it is connected again so that subscriptions can be restored.
 *
 * <p>Live subscriptions use QoS 2 (messages keep the QoS they were published with), retain-as-published (frames show
 * the retain flag) and "do not send retained" (a second client subscribing to an active filter must not make the
 * broker resend retained messages to everyone).
 */
@ApplicationScoped
public class BrokerClient {

    private static final Logger log = Logger.getLogger(BrokerClient.class);

    private final BrokerConnection connection;
    private final int retryAfterSeconds;
    private final Mqtt5AsyncClient client;
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private volatile boolean everConnected;

    public BrokerClient(GatewayConfig config) {
        this.connection = new BrokerConnection(config.broker());
        this.retryAfterSeconds = config.publish().retryAfterSeconds();
        String clientId = config.broker().clientIdPrefix() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.client = connection
                .builder(clientId)
                .automaticReconnect()
                .initialDelay(250, TimeUnit.MILLISECONDS)
                .maxDelay(5, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(context -> connected())
                .addDisconnectedListener(context -> {
                    if (context.getSource() == MqttDisconnectSource.USER) {
                        log.info("Disconnected from the broker");
                    } else {
                        log.warnf(
                                "Broker connection lost (%s); reconnecting",
                                context.getCause().getMessage());
                    }
                })
                .buildAsync();
    }

    /** Delivers every message of the gateway's subscriptions to the handler; call before {@link #connect()}. */
    public void onMessage(Consumer<Mqtt5Publish> handler) {
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, handler);
    }

    /** Runs the listener each time the connection is back after a loss. */
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    /** Starts connecting; returns at once (the client retries until the broker answers). */
    public void connect() {
        client.connectWith()
                .cleanStart(true)
                .sessionExpiryInterval(0)
                .keepAlive(30)
                .send()
                .whenComplete((ack, error) -> {
                    if (error != null) {
                        log.warnf("Broker %s not reachable yet (%s); retrying", describe(), error.getMessage());
                    }
                });
    }

    public void disconnect() {
        if (client.getState().isConnected()) {
            client.disconnect().join();
        }
    }

    public boolean isConnected() {
        return client.getState().isConnected();
    }

    public CompletableFuture<Mqtt5PublishResult> publish(Mqtt5Publish message) {
        return client.publish(message);
    }

    public CompletableFuture<Mqtt5SubAck> subscribe(MqttTopicFilter filter) {
        return client.subscribeWith()
                .topicFilter(filter)
                .qos(MqttQos.EXACTLY_ONCE)
                .noLocal(false)
                .retainAsPublished(true)
                .retainHandling(Mqtt5RetainHandling.DO_NOT_SEND)
                .send();
    }

    public CompletableFuture<?> unsubscribe(MqttTopicFilter filter) {
        return client.unsubscribeWith().topicFilter(filter).send();
    }

    /** The failure for requests that need the broker while it is unreachable, with when to retry. */
    public Failure unavailable() {
        return Failure.brokerUnavailable(
                "the broker at " + describe() + " is not reachable; the gateway " + "reconnects by itself, retry in "
                        + retryAfterSeconds + " s",
                retryAfterSeconds);
    }

    public String describe() {
        return connection.describe();
    }

    private void connected() {
        log.infof("Connected to the broker at %s", describe());
        if (everConnected) {
            reconnectListeners.forEach(Runnable::run);
        }
        everConnected = true;
    }
}
