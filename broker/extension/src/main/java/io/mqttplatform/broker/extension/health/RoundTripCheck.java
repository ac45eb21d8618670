package io.mqttplatform.broker.extension.health;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.publish.PublishToClientResult;
import io.mqttplatform.broker.extension.identity.ProbeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Proves, every few seconds, that the broker serves MQTT: a new client connects to the broker's own TCP listener,
 * subscribes, receives a QoS 1 message that the extension sends to it alone ({@code publishToClient}: no other
 * subscriber ever sees it) and disconnects. The outcome goes to {@link BrokerHealth}; readiness changes are logged
 * once, not at every check. Checks never overlap.
 */
public final class RoundTripCheck {

    private static final Logger log = LoggerFactory.getLogger(RoundTripCheck.class);
    static final long INTERVAL_SECONDS = 5;
    static final long TIMEOUT_SECONDS = 5;

    private final String host;
    private final int port;
    private final ProbeIdentity identity;
    private final PublishService publishService;
    private final BrokerHealth health;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean wasReady;
    private ScheduledFuture<?> schedule;

    public RoundTripCheck(
            String host, int port, ProbeIdentity identity, PublishService publishService, BrokerHealth health) {
        this.host = host;
        this.port = port;
        this.identity = identity;
        this.publishService = publishService;
        this.health = health;
    }

    public void start(@NotNull ScheduledExecutorService executor) {
        schedule = executor.scheduleWithFixedDelay(this::checkSafely, 1, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    public void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** An exception thrown out of a scheduled task would end the schedule: it is a failed check instead. */
    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException | LinkageError e) {
            running.set(false);
            health.failed("the check itself failed: " + e);
            log.warn("Broker health check failed to run: {}", e.toString());
        }
    }

    private void check() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        Mqtt5AsyncClient client = Mqtt5Client.builder()
                .identifier(identity.clientId())
                .serverHost(host)
                .serverPort(port)
                .simpleAuth()
                .username(identity.username())
                .password(identity.password().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .buildAsync();
        CompletableFuture<Void> received = new CompletableFuture<>();
        client.connectWith()
                .cleanStart(true)
                .sessionExpiryInterval(0)
                .keepAlive(30)
                .send()
                .thenCompose(connAck -> client.subscribeWith()
                        .topicFilter(identity.topic())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .callback(message -> received.complete(null))
                        .send())
                .thenCompose(subAck -> publishService.publishToClient(
                        Builders.publish()
                                .topic(identity.topic())
                                .qos(Qos.AT_LEAST_ONCE)
                                .payload(java.nio.ByteBuffer.allocate(0))
                                .build(),
                        identity.clientId()))
                .thenCompose(result -> result == PublishToClientResult.SUCCESSFUL
                        ? received
                        : CompletableFuture.failedFuture(
                                new IllegalStateException("the broker lost the probe's subscription")))
                .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .whenComplete((done, error) -> {
                    if (error == null) {
                        long now = System.nanoTime();
                        health.succeeded(now, now - started);
                    } else {
                        health.failed(describe(error));
                    }
                    client.disconnect().whenComplete((ignored, alsoIgnored) -> running.set(false));
                    logChange();
                });
    }

    private void logChange() {
        HealthVerdict ready = health.readiness(System.nanoTime());
        if (ready.up() != wasReady) {
            wasReady = ready.up();
            if (ready.up()) {
                log.info("Broker health: ready ({}).", ready.explanation());
            } else {
                log.warn("Broker health: not ready ({}).", ready.explanation());
            }
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "no round trip within " + TIMEOUT_SECONDS + " s (connect, subscribe, receive)";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
