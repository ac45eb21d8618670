package io.mqttplatform.broker.extension.bridge;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The bridge's MQTT connection to the remote broker, one per attempt: MQTT 3.1.1 or 5 through the HiveMQ client
 * ({@link RemoteLinks}). Messages from its subscriptions and the end of the connection are reported to a
 * {@link Listener}.
 */
interface RemoteLink {

    /** What the connection reports: messages of the bridge's remote subscriptions, and its end. */
    interface Listener {
        void received(String topic, byte[] payload, int qos, boolean retain);

        void disconnected(Throwable cause);
    }

    /** CONNECT with the bridge's identity, session, credentials, TLS and (with notifications) last will. */
    CompletableFuture<Void> connect();

    /** SUBSCRIBE to each {@code in}/{@code both} line's remote filter at its QoS (without echo where MQTT 5 allows). */
    CompletableFuture<Void> subscribe(List<BridgeTopic> topics);

    /** PUBLISH; completes when the remote broker has it (at once for QoS 0). */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain);

    /** Whether the remote broker is told not to send our own messages back (MQTT 5's no-local). */
    boolean suppressesEcho();

    CompletableFuture<Void> disconnect();
}
