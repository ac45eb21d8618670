package io.mqttplatform.broker.extension.bridge;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.publish.RetainedMessageStore;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The local side of the bridges: messages brought in are published through HiveMQ's publish service (which, unlike
 * a client's PUBLISH, passes no inbound interceptor, so a message brought in is never taken out again), and the
 * retained messages an outgoing line covers are read from the retained store when the bridge connects.
 */
final class LocalBroker {

    /** One local retained message. */
    record Retained(String topic, byte[] payload, int qos) {}

    private final PublishService publishService;
    private final RetainedMessageStore retained;

    LocalBroker(PublishService publishService, RetainedMessageStore retained) {
        this.publishService = publishService;
        this.retained = retained;
    }

    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return publishService.publish(Builders.publish()
                .topic(topic)
                .payload(ByteBuffer.wrap(payload))
                .qos(Qos.valueOf(qos))
                .retain(retain)
                .build());
    }

    /** Every retained message, to {@code each}; completes when all were given. */
    CompletableFuture<Void> eachRetained(Consumer<Retained> each) {
        return retained.iterateAllRetainedMessages((context, message) -> {
            ByteBuffer buffer =
                    message.getPayload().orElse(ByteBuffer.allocate(0)).asReadOnlyBuffer();
            byte[] payload = new byte[buffer.remaining()];
            buffer.get(payload);
            each.accept(
                    new Retained(message.getTopic(), payload, message.getQos().getQosNumber()));
        });
    }
}
