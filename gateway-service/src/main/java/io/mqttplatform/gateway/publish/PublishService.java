package io.mqttplatform.gateway.publish;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5MessageException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.message.Mqtt5ReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.config.GatewayConfig;
import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.failure.FailureKind;
import io.mqttplatform.gateway.metrics.GatewayMetrics;
import io.mqttplatform.gateway.metrics.PublishOutcome;
import io.mqttplatform.gateway.model.PublishResult;
import io.mqttplatform.gateway.mqtt.BrokerClient;
import io.mqttplatform.gateway.mqtt.TopicRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishing for REST and WebSocket alike: every check before anything is sent, then the message to the broker.
 * QoS 0 completes when the message is handed to the broker connection; QoS 1 and 2 complete only when the broker
 * acknowledged it (PUBACK, or PUBREC for QoS 2: the broker has taken the message over; docs/adr/0004).
 */
@ApplicationScoped
public class PublishService {

    /** A message that passed every check and can be sent. */
    public record Checked(Mqtt5Publish message, int bytes) {}

    private final BrokerClient broker;
    private final GatewayConfig.Publish config;
    private final GatewayMetrics metrics;

    public PublishService(BrokerClient broker, GatewayConfig config, GatewayMetrics metrics) {
        this.broker = broker;
        this.config = config.publish();
        this.metrics = metrics;
    }

    /** Checks topic, permission and size; throws a {@link Failure} (invalid, forbidden, too large) on the first fault. */
    public Checked check(Caller caller, String topic, byte[] payload, int qos, boolean retain) {
        try {
            var mqttTopic = TopicRules.publishTopic(topic);
            caller.requirePublish(topic);
            if (payload.length > config.maxPayloadBytes()) {
                throw Failure.tooLarge("payload is " + payload.length + " bytes; the gateway accepts at most "
                        + config.maxPayloadBytes() + " (GATEWAY_PUBLISH_MAX_PAYLOAD_BYTES)");
            }
            return new Checked(
                    Mqtt5Publish.builder()
                            .topic(mqttTopic)
                            .payload(payload)
                            .qos(MqttQos.fromCode(qos))
                            .retain(retain)
                            .build(),
                    payload.length);
        } catch (Failure e) {
            metrics.published(PublishOutcome.REJECTED, 0);
            throw e;
        }
    }

    /** Sends a checked message; fails as broker unavailable, no acknowledgement in time, or refused. */
    public CompletableFuture<PublishResult> send(Checked checked) {
        Mqtt5Publish message = checked.message();
        if (!broker.isConnected()) {
            metrics.published(PublishOutcome.FAILED, 0);
            return CompletableFuture.failedFuture(broker.unavailable());
        }
        long started = System.nanoTime();
        int qos = message.getQos().getCode();
        return broker.publish(message)
                .orTimeout(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((result, error) -> {
                    Failure failure = failure(result, error);
                    if (failure != null) {
                        metrics.published(PublishOutcome.ofFailure(failure.kind()), 0);
                        throw failure;
                    }
                    PublishOutcome outcome = qos == 0 ? PublishOutcome.ACCEPTED : PublishOutcome.ACKNOWLEDGED;
                    metrics.published(outcome, System.nanoTime() - started);
                    return new PublishResult(
                            message.getTopic().toString(), qos, message.isRetain(), checked.bytes(), outcome.label());
                });
    }

    /**
     * The failure for a PUBACK or PUBREC with an error reason code: the broker's ACL (NOT_AUTHORIZED) forbids it, a topic
     * or payload the broker finds invalid is invalid, a broker over its quota is unavailable, anything else refused.
     */
    static Failure refusal(Mqtt5ReasonCode code, Optional<MqttUtf8String> reasonString) {
        String detail = "the broker refused the message: " + code
                + reasonString.map(r -> " (" + r + ")").orElse("");
        return switch (code.getCode()) {
            case 0x87 -> Failure.forbidden(detail); // NOT_AUTHORIZED
            case 0x90, 0x99 -> Failure.invalid(detail); // TOPIC_NAME_INVALID, PAYLOAD_FORMAT_INVALID
            case 0x97 -> Failure.brokerUnavailable(detail, 0); // QUOTA_EXCEEDED
            default -> Failure.of(FailureKind.MESSAGE_REFUSED, detail);
        };
    }

    private Failure failure(Mqtt5PublishResult result, Throwable error) {
        Throwable cause = error != null
                ? Failure.unwrap(error)
                : result != null ? result.getError().orElse(null) : null;
        if (cause == null) {
            return null;
        }
        if (cause instanceof Failure known) {
            return known;
        }
        if (cause instanceof TimeoutException) {
            return Failure.of(
                    FailureKind.NO_ACKNOWLEDGEMENT,
                    "the broker at " + broker.describe() + " did not acknowledge the "
                            + "message within " + config.ackTimeout().toMillis()
                            + " ms (GATEWAY_PUBLISH_ACK_TIMEOUT); it may or may "
                            + "not have been stored, publish again if duplicates are acceptable");
        }
        if (cause instanceof Mqtt5PubAckException refused) {
            return refusal(
                    refused.getMqttMessage().getReasonCode(),
                    refused.getMqttMessage().getReasonString());
        }
        if (cause instanceof Mqtt5PubRecException refused) {
            return refusal(
                    refused.getMqttMessage().getReasonCode(),
                    refused.getMqttMessage().getReasonString());
        }
        if (cause instanceof Mqtt5MessageException refused) {
            return Failure.of(
                    FailureKind.MESSAGE_REFUSED, "the broker refused the message: " + refused.getMqttMessage());
        }
        return broker.unavailable().withCause(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
}
