package io.mqttplatform.broker.extension.hivemq;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.mqtt.message.mqtt5.Mqtt5UserProperties;
import com.hivemq.mqtt.message.puback.PUBACK;
import com.hivemq.mqtt.message.publish.PUBLISH;
import com.hivemq.mqtt.message.pubrec.PUBREC;
import com.hivemq.mqtt.message.reason.Mqtt5PubAckReasonCode;
import com.hivemq.mqtt.message.reason.Mqtt5PubRecReasonCode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.NoSuchElementException;
import java.util.function.IntConsumer;

/**
 * Checks each PUBLISH of one connection on the connection's own event loop, in its Netty pipeline right before
 * HiveMQ's publish flow, and answers a refused one as mosquitto 2.0 does: an MQTT 5 client gets NOT_AUTHORIZED in its
 * PUBACK or PUBREC, an MQTT 3 client (whose acknowledgements cannot carry a refusal) a plain PUBACK or PUBREC, and
 * either way the client stays connected and nobody receives the message.
 *
 * <p>Why not a publish inbound interceptor, the SDK's way: HiveMQ runs interceptors on its extension task threads (a
 * client's always on the same one) and hands every message there and back, two thread wake-ups per PUBLISH on the
 * broker's hottest path; HiveMQ's only inline check (an authenticator's default permissions) disconnects an MQTT 3
 * client it refuses (docs/adr/0016-publish-guard-on-the-event-loop.md).
 */
public final class InboundPublishGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "mqtt-platform-publish-guard";

    /** Why a client may not publish to a topic, or null when it may; called on the connection's event loop. */
    @FunctionalInterface
    public interface Check {
        String refusal(String topic);
    }

    private final boolean mqtt5;
    private final Check check;
    private final IntConsumer onRefused;

    private InboundPublishGuard(boolean mqtt5, Check check, IntConsumer onRefused) {
        this.mqtt5 = mqtt5;
        this.check = check;
        this.onRefused = onRefused;
    }

    /**
     * Puts a guard into a newly connected client's pipeline; call it from HiveMQ's client initializer, which runs
     * before HiveMQ answers the CONNECT and lets through what the client sent behind it, so no PUBLISH of the client
     * passes unchecked. {@code onRefused} is told the payload bytes of each refused PUBLISH. A connection already
     * closed is left alone; an open one without HiveMQ's publish flow handler (an upgrade renamed it) is closed, never
     * left unchecked.
     */
    public static void install(ConnectionAttributeStore connection, boolean mqtt5, Check check, IntConsumer onRefused) {
        Channel channel = HiveMqInternals.channel(connection);
        try {
            channel.pipeline()
                    .addBefore(HiveMqInternals.PUBLISH_FLOW, NAME, new InboundPublishGuard(mqtt5, check, onRefused));
        } catch (NoSuchElementException missing) {
            if (channel.isActive()) {
                channel.close();
                throw new IllegalStateException(
                        "this HiveMQ has no " + HiveMqInternals.PUBLISH_FLOW + " handler in a connected client's "
                                + "pipeline (our publish guard needs it, see HiveMqInternals): client refused",
                        missing);
            }
            // HiveMQ took its handlers out: the connection has been closed
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PUBLISH publish) {
            String refusal = check.refusal(publish.getTopic());
            if (refusal != null) {
                refuse(ctx, publish, refusal);
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    private void refuse(ChannelHandlerContext ctx, PUBLISH publish, String refusal) {
        byte[] payload = publish.getPayload();
        onRefused.accept(payload == null ? 0 : payload.length);
        int id = publish.getPacketIdentifier();
        switch (publish.getQoS()) {
            case AT_MOST_ONCE -> {} // nothing to answer
            case AT_LEAST_ONCE ->
                ctx.writeAndFlush(
                        mqtt5
                                ? new PUBACK(
                                        id,
                                        Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                                        refusal,
                                        Mqtt5UserProperties.NO_USER_PROPERTIES)
                                : new PUBACK(id));
            // MQTT 3's PUBREL that follows gets its PUBCOMP from HiveMQ's publish flow, which answers every PUBREL
            case EXACTLY_ONCE ->
                ctx.writeAndFlush(
                        mqtt5
                                ? new PUBREC(
                                        id,
                                        Mqtt5PubRecReasonCode.NOT_AUTHORIZED,
                                        refusal,
                                        Mqtt5UserProperties.NO_USER_PROPERTIES)
                                : new PUBREC(id));
            default -> throw new IllegalStateException("a PUBLISH with QoS " + publish.getQoS());
        }
    }
}
