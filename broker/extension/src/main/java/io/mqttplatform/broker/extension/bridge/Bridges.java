package io.mqttplatform.broker.extension.bridge;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.publish.RetainedMessageStore;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The broker's bridges ({@code BRIDGE_CONFIG}): started with the extension, stopped with it; local clients' messages
 * reach them through {@link #interceptor()}, added after the ACL check so that only what a client may publish leaves.
 */
public final class Bridges {

    private final List<Bridge> bridges;

    private Bridges(List<Bridge> bridges) {
        this.bridges = bridges;
    }

    /** Reads {@code file}; fails naming the file, line and setting when a bridge cannot be used as written. */
    public static Bridges load(
            Path file,
            int maxQueued,
            PublishService publishService,
            RetainedMessageStore retained,
            ScheduledExecutorService scheduler)
            throws BridgeConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BridgeConfigException("BRIDGE_CONFIG " + file + " cannot be read: " + e);
        }
        LocalBroker local = new LocalBroker(publishService, retained);
        List<Bridge> bridges = BridgeConfigFile.parse(file, lines, hostname()).stream()
                .map(connection -> new Bridge(connection, local, scheduler, maxQueued))
                .toList();
        return new Bridges(bridges);
    }

    public void start() {
        bridges.forEach(Bridge::start);
    }

    public void stop() {
        bridges.forEach(Bridge::stop);
    }

    public List<String> names() {
        return bridges.stream().map(Bridge::name).toList();
    }

    public List<BridgeStatus> status() {
        return bridges.stream().map(Bridge::status).toList();
    }

    /**
     * Each bridge's state and counters for the {@code $SYS} tree, by topic: {@code $SYS/broker/connection/<remote_clientid>/}
     * {@code state} (as mosquitto's notifications publish it there), {@code messages/sent}, {@code messages/received},
     * {@code messages/queued} and {@code messages/dropped}.
     */
    public Map<String, String> sysTopics() {
        Map<String, String> topics = new LinkedHashMap<>();
        for (Bridge bridge : bridges) {
            BridgeStatus status = bridge.status();
            String connection = "$SYS/broker/connection/" + bridge.remoteClientId() + "/";
            // the state too, whatever notification_topic says: the tree always has every bridge's
            topics.put(connection + "state", status.connected() ? "1" : "0");
            String base = connection + "messages/";
            topics.put(base + "sent", Long.toString(status.sent()));
            topics.put(base + "received", Long.toString(status.received()));
            topics.put(base + "queued", Integer.toString(status.queued()));
            topics.put(base + "dropped", Long.toString(status.dropped()));
        }
        return topics;
    }

    /** Whether any bridge takes messages out (then every client gets {@link #interceptor()}). */
    public boolean takeOut() {
        return bridges.stream().anyMatch(Bridge::takesOut);
    }

    /** Hands a client's authorized PUBLISH to every bridge whose outgoing lines cover its topic. */
    public PublishInboundInterceptor interceptor() {
        return this::inbound;
    }

    private void inbound(PublishInboundInput input, PublishInboundOutput output) {
        PublishPacket publish = input.getPublishPacket();
        String topic = publish.getTopic();
        if (topic.startsWith("$")) {
            return; // $SYS and the like never cross a bridge as an ordinary topic
        }
        MqttTopic parsed = MqttTopic.of(topic);
        PayloadCopy payload = new PayloadCopy(publish);
        for (Bridge bridge : bridges) {
            bridge.offer(parsed, payload, publish.getQos().getQosNumber(), publish.getRetain());
        }
    }

    /** The PUBLISH's payload as bytes, copied once, and only when a bridge takes the message out. */
    private static final class PayloadCopy implements Supplier<byte[]> {
        private final PublishPacket publish;
        private byte[] bytes;

        PayloadCopy(PublishPacket publish) {
            this.publish = publish;
        }

        @Override
        public byte[] get() {
            if (bytes == null) {
                ByteBuffer buffer =
                        publish.getPayload().orElse(ByteBuffer.allocate(0)).asReadOnlyBuffer();
                bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
            }
            return bytes;
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
