package io.mqttplatform.broker.extension.bridge;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.Address;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.Protocol;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.Tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;

/** Builds a {@link RemoteLink} for a bridge and one of its addresses, with the HiveMQ MQTT client. */
final class RemoteLinks {

    /** A session the remote broker keeps for a bridge with {@code cleansession false}, as mosquitto asks for. */
    private static final long KEPT_SESSION_SECONDS = 0xFFFF_FFFFL;

    private RemoteLinks() {}

    static RemoteLink open(BridgeConnection bridge, Address address, RemoteLink.Listener listener) {
        if (bridge.protocol() == Protocol.MQTTV31) {
            return new MqttV31Link(bridge, address, listener);
        }
        MqttClientSslConfig tls = bridge.tls().map(RemoteLinks::ssl).orElse(null);
        return bridge.protocol() == Protocol.MQTTV50
                ? new V5(bridge, address, tls, listener)
                : new V3(bridge, address, tls, listener);
    }

    /** The remote broker's certificate checked against bridge_cafile / bridge_capath, and its host name unless insecure. */
    static MqttClientSslConfig ssl(Tls tls) {
        var builder =
                MqttClientSslConfig.builder().trustManagerFactory(trust(tls)).protocols(protocols(tls));
        if (tls.insecure()) {
            builder.hostnameVerifier((host, session) -> true);
        }
        return builder.build();
    }

    /** The TLS versions bridge_tls_version allows: it names the lowest. */
    static List<String> protocols(Tls tls) {
        return switch (tls.minimumVersion()) {
            case "tlsv1.3" -> List.of("TLSv1.3");
            case "tlsv1.1" -> List.of("TLSv1.3", "TLSv1.2", "TLSv1.1");
            default -> List.of("TLSv1.3", "TLSv1.2");
        };
    }

    /** The CA certificates of bridge_cafile and bridge_capath ({@code .crt}, {@code .pem}), as a trust manager. */
    static TrustManagerFactory trust(Tls tls) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            List<Path> files = new ArrayList<>();
            tls.caFile().ifPresent(files::add);
            if (tls.caPath().isPresent()) {
                try (Stream<Path> listing = Files.list(tls.caPath().get())) {
                    listing.filter(p -> p.toString().endsWith(".crt")
                                    || p.toString().endsWith(".pem"))
                            .sorted()
                            .forEach(files::add);
                }
            }
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            int n = 0;
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Certificate certificate : x509.generateCertificates(in)) {
                        trusted.setCertificateEntry("ca-" + n++, certificate);
                    }
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            return trust;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the bridge's CA certificates cannot be read: " + e.getMessage(), e);
        }
    }

    private static MqttQos qos(int qos) {
        return MqttQos.fromCode(qos);
    }

    /** MQTT 3.1.1 (mqttv311). */
    private static final class V3 implements RemoteLink {
        private final BridgeConnection bridge;
        private final Mqtt3AsyncClient client;
        private final Listener listener;

        V3(BridgeConnection bridge, Address address, MqttClientSslConfig tls, Listener listener) {
            this.bridge = bridge;
            this.listener = listener;
            var builder = Mqtt3Client.builder()
                    .identifier(bridge.remoteClientId())
                    .serverHost(address.host())
                    .serverPort(address.port())
                    .addDisconnectedListener(context -> listener.disconnected(context.getCause()));
            if (tls != null) {
                builder.sslConfig(tls);
            }
            this.client = builder.buildAsync();
        }

        @Override
        public CompletableFuture<Void> connect() {
            Mqtt3ConnectBuilder.Send<CompletableFuture<Mqtt3ConnAck>> connect = client.connectWith()
                    .cleanSession(bridge.cleanSession())
                    .keepAlive((int) bridge.keepAlive().toSeconds());
            bridge.remoteUsername()
                    .ifPresent(user -> connect.simpleAuth()
                            .username(user)
                            .password(bridge.remotePassword().orElse("").getBytes(StandardCharsets.UTF_8))
                            .applySimpleAuth());
            if (bridge.notifications()) {
                connect.willPublish()
                        .topic(bridge.notificationTopic())
                        .payload("0".getBytes(StandardCharsets.UTF_8))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .retain(true)
                        .applyWillPublish();
            }
            return connect.send().thenApply(ack -> null);
        }

        @Override
        public CompletableFuture<Void> subscribe(List<BridgeTopic> topics) {
            List<Mqtt3Subscription> subscriptions = topics.stream()
                    .map(t -> Mqtt3Subscription.builder()
                            .topicFilter(t.remoteFilter())
                            .qos(qos(t.qos()))
                            .build())
                    .toList();
            if (subscriptions.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return client.subscribeWith()
                    .addSubscriptions(subscriptions)
                    .callback(p -> listener.received(
                            p.getTopic().toString(),
                            p.getPayloadAsBytes(),
                            p.getQos().getCode(),
                            p.isRetain()))
                    .send()
                    .thenApply(ack -> null);
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
            return client.publishWith()
                    .topic(topic)
                    .payload(payload)
                    .qos(qos(qos))
                    .retain(retain)
                    .send()
                    .thenApply(p -> null);
        }

        @Override
        public boolean suppressesEcho() {
            return false;
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return client.disconnect();
        }
    }

    /** MQTT 5 (mqttv50): subscriptions with no-local and retain-as-published, so nothing echoes and retain stays. */
    private static final class V5 implements RemoteLink {
        private final BridgeConnection bridge;
        private final Mqtt5AsyncClient client;
        private final Listener listener;

        V5(BridgeConnection bridge, Address address, MqttClientSslConfig tls, Listener listener) {
            this.bridge = bridge;
            this.listener = listener;
            var builder = Mqtt5Client.builder()
                    .identifier(bridge.remoteClientId())
                    .serverHost(address.host())
                    .serverPort(address.port())
                    .addDisconnectedListener(context -> listener.disconnected(context.getCause()));
            if (tls != null) {
                builder.sslConfig(tls);
            }
            this.client = builder.buildAsync();
        }

        @Override
        public CompletableFuture<Void> connect() {
            Mqtt5ConnectBuilder.Send<CompletableFuture<Mqtt5ConnAck>> connect = client.connectWith()
                    .cleanStart(bridge.cleanSession())
                    .sessionExpiryInterval(bridge.cleanSession() ? 0 : KEPT_SESSION_SECONDS)
                    .keepAlive((int) bridge.keepAlive().toSeconds());
            bridge.remoteUsername()
                    .ifPresent(user -> connect.simpleAuth()
                            .username(user)
                            .password(bridge.remotePassword().orElse("").getBytes(StandardCharsets.UTF_8))
                            .applySimpleAuth());
            if (bridge.notifications()) {
                connect.willPublish()
                        .topic(bridge.notificationTopic())
                        .payload("0".getBytes(StandardCharsets.UTF_8))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .retain(true)
                        .applyWillPublish();
            }
            return connect.send().thenApply(ack -> null);
        }

        @Override
        public CompletableFuture<Void> subscribe(List<BridgeTopic> topics) {
            List<Mqtt5Subscription> subscriptions = topics.stream()
                    .map(t -> Mqtt5Subscription.builder()
                            .topicFilter(t.remoteFilter())
                            .qos(qos(t.qos()))
                            .noLocal(true)
                            .retainAsPublished(true)
                            .retainHandling(Mqtt5RetainHandling.SEND)
                            .build())
                    .toList();
            if (subscriptions.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return client.subscribeWith()
                    .addSubscriptions(subscriptions)
                    .callback(p -> listener.received(
                            p.getTopic().toString(),
                            p.getPayloadAsBytes(),
                            p.getQos().getCode(),
                            p.isRetain()))
                    .send()
                    .thenApply(ack -> null);
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
            return client.publishWith()
                    .topic(topic)
                    .payload(payload)
                    .qos(qos(qos))
                    .retain(retain)
                    .send()
                    .thenApply(p -> null);
        }

        @Override
        public boolean suppressesEcho() {
            return true;
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return client.disconnect();
        }
    }
}
