package io.mqttplatform.broker.extension.hivemq;

import com.hivemq.bootstrap.netty.ChannelHandlerNames;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import com.hivemq.mqtt.handler.publish.IncomingPublishService;
import com.hivemq.mqtt.message.publish.PUBLISH;
import com.hivemq.mqtt.services.InternalPublishService;
import com.hivemq.persistence.clientqueue.ClientQueuePersistence;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Everything of ours that reaches into HiveMQ CE's internals, in one place (the read back-pressure; the publish
 * guard, {@link InboundPublishGuard}; a client's queue and connection for the operations API): HiveMQ's
 * extension SDK gives an extension neither a connection's Netty channel nor a way to see when an inbound PUBLISH has
 * been delivered or persisted, and CE has no overload protection of its own (docs/adr/0011-broker-data-path.md).
 * Read from HiveMQ CE 2025.5's source; {@code HiveMqInternalsIT} (and {@code OperationsApiIT} for the queue) fails when an
 * upgrade moves any of it.
 *
 * <p>The extension is compiled against HiveMQ's own classes (provided, never shipped): in the embedded launcher they
 * are on the class path, and in HiveMQ's extension folder the extension class loader falls back to HiveMQ's for every
 * class the extension jar does not carry, Netty included (the extension jar leaves Netty out for that reason).
 */
public final class HiveMqInternals {

    /** The handler that turns bytes into MQTT messages: ours goes right after it. */
    public static final String DECODER = ChannelHandlerNames.MQTT_MESSAGE_DECODER;

    /**
     * While a SUBSCRIBE is processed HiveMQ pauses the connection's reads and queues what arrives after it; its own
     * resume must not be pre-empted.
     */
    private static final String SUBSCRIBE_BARRIER = ChannelHandlerNames.MQTT_SUBSCRIBE_MESSAGE_BARRIER;

    /**
     * The handler every connected client's PUBLISH passes, the start of the path to {@link InternalPublishService};
     * {@link InboundPublishGuard} goes right before it.
     */
    static final String PUBLISH_FLOW = ChannelHandlerNames.MQTT_PUBLISH_FLOW_HANDLER;

    /** The Netty channel of a connection; HiveMQ's attribute store keeps it in a private field. */
    public static Channel channel(ConnectionAttributeStore store) {
        return (Channel) read(store, "channel");
    }

    /** Payload bytes of a decoded inbound PUBLISH, or -1 when {@code message} is not one. */
    public static int publishPayloadBytes(Object message) {
        if (!(message instanceof PUBLISH publish)) {
            return -1;
        }
        byte[] payload = publish.getPayload();
        return payload == null ? 0 : payload.length;
    }

    /** Whether HiveMQ holds this channel's reads itself for a SUBSCRIBE in progress. */
    public static boolean subscribeBarrierActive(Channel channel) {
        return channel.pipeline().get(SUBSCRIBE_BARRIER) != null;
    }

    /**
     * Puts {@code wrap(current)} in place of the publish service that HiveMQ hands every authorized inbound PUBLISH to
     * (one for the whole broker, reached from any connected client's channel: its publish flow handler, the extension
     * publish handler, the authorizer service, the incoming publish service). Returns false when the channel has no
     * publish flow handler (not connected yet, or closed).
     */
    public static synchronized boolean wrapInboundPublishService(
            Channel connected, UnaryOperator<InternalPublishService> wrap) {
        ChannelHandler flow = connected.pipeline().get(PUBLISH_FLOW);
        if (flow == null) {
            return false;
        }
        IncomingPublishService incoming = (IncomingPublishService)
                read(read(read(flow, "incomingPublishHandler"), "authorizerService"), "incomingPublishService");
        InternalPublishService current = (InternalPublishService) read(incoming, "publishService");
        InternalPublishService replacement = wrap.apply(current);
        if (replacement != current) {
            write(incoming, "publishService", replacement);
        }
        return true;
    }

    /**
     * How many messages HiveMQ has queued for a client (its client queue, not the shared subscriptions' queues), for
     * the operations API: the SDK's {@code ClientService} cannot tell, its implementation reaches the queue
     * persistence through the session persistence. Waits at most {@code timeout}.
     */
    public static int queuedMessages(ClientService clients, String clientId, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        ClientQueuePersistence queues =
                (ClientQueuePersistence) read(read(clients, "clientSessionPersistence"), "clientQueuePersistence");
        return queues.size(clientId, false).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Object read(Object owner, String name) {
        try {
            return field(owner.getClass(), name).get(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(missing(owner, name, e), e);
        }
    }

    static void write(Object owner, String name, Object value) {
        try {
            field(owner.getClass(), name).set(owner, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(missing(owner, name, e), e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    private static String missing(Object owner, String name, Exception e) {
        return "this HiveMQ has no field " + name + " in " + owner.getClass().getName()
                + " (our extension needs it, see HiveMqInternals): " + e;
    }

    private HiveMqInternals() {}
}
