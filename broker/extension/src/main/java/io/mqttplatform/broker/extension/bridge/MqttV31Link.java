package io.mqttplatform.broker.extension.bridge;

import io.mqttplatform.broker.extension.bridge.BridgeConnection.Address;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.Tls;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A bridge's connection in MQTT 3.1 ({@code bridge_protocol_version mqttv31}, for brokers older than 3.1.1), through
 * Eclipse Paho's client: the HiveMQ client speaks 3.1.1 and 5 only. The same settings as {@link RemoteLinks}' links.
 */
final class MqttV31Link implements RemoteLink {

    private final BridgeConnection bridge;
    private final MqttAsyncClient client;
    private final Listener listener;
    private final MqttConnectOptions options = new MqttConnectOptions();

    MqttV31Link(BridgeConnection bridge, Address address, Listener listener) {
        this.bridge = bridge;
        this.listener = listener;
        String scheme = bridge.tls().isPresent() ? "ssl" : "tcp";
        try {
            client = new MqttAsyncClient(
                    scheme + "://" + address.host() + ":" + address.port(),
                    bridge.remoteClientId(),
                    new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("bridge " + bridge.name() + ": " + e.getMessage(), e);
        }
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        options.setCleanSession(bridge.cleanSession());
        options.setKeepAliveInterval((int) bridge.keepAlive().toSeconds());
        options.setAutomaticReconnect(false); // the bridge decides when to try again
        options.setMaxInflight(Bridge.MAX_IN_FLIGHT);
        bridge.remoteUsername().ifPresent(options::setUserName);
        bridge.remotePassword().ifPresent(p -> options.setPassword(p.toCharArray()));
        if (bridge.notifications()) {
            options.setWill(bridge.notificationTopic(), "0".getBytes(StandardCharsets.UTF_8), 1, true);
        }
        bridge.tls().ifPresent(tls -> {
            options.setSocketFactory(socketFactory(tls));
            options.setHttpsHostnameVerificationEnabled(!tls.insecure());
        });
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                CompletableFuture.runAsync(MqttV31Link.this::release); // never from Paho's own callback thread
                listener.disconnected(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                listener.received(topic, message.getPayload(), message.getQos(), message.isRetained());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    }

    @Override
    public CompletableFuture<Void> connect() {
        return action(listener -> client.connect(options, null, listener)).whenComplete((ok, failure) -> {
            if (failure != null) {
                CompletableFuture.runAsync(this::release);
                this.listener.disconnected(failure);
            }
        });
    }

    @Override
    public CompletableFuture<Void> subscribe(List<BridgeTopic> topics) {
        if (topics.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String[] filters = topics.stream().map(BridgeTopic::remoteFilter).toArray(String[]::new);
        int[] qos = topics.stream().mapToInt(BridgeTopic::qos).toArray();
        return action(listener -> client.subscribe(filters, qos, null, listener));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return action(listener -> client.publish(topic, payload, qos, retain, null, listener));
    }

    @Override
    public boolean suppressesEcho() {
        return false;
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return action(listener -> client.disconnect(null, listener))
                .whenComplete((ok, failure) -> CompletableFuture.runAsync(this::release));
    }

    /** Paho keeps threads and timers per client: one attempt's client is closed when the attempt ends. */
    private void release() {
        try {
            client.close(true);
        } catch (MqttException e) {
            // already closed, or never connected: nothing is held
        }
    }

    /** One of Paho's calls with a listener, as a future. */
    private interface Call {
        void start(IMqttActionListener listener) throws MqttException;
    }

    private static CompletableFuture<Void> action(Call call) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            call.start(new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    done.completeExceptionally(failure);
                }
            });
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** TLS with the bridge's CA certificates and only the versions bridge_tls_version allows. */
    private static SSLSocketFactory socketFactory(Tls tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, RemoteLinks.trust(tls).getTrustManagers(), null);
            String[] protocols = RemoteLinks.protocols(tls).toArray(String[]::new);
            return new ProtocolsSocketFactory(context.getSocketFactory(), protocols);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS for the bridge cannot be set up: " + e.getMessage(), e);
        }
    }

    /** Restricts every socket it makes to the given TLS versions. */
    private static final class ProtocolsSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String[] protocols;

        ProtocolsSocketFactory(SSLSocketFactory delegate, String[] protocols) {
            this.delegate = delegate;
            this.protocols = protocols;
        }

        private Socket restrict(Socket socket) {
            if (socket instanceof SSLSocket ssl) {
                ssl.setEnabledProtocols(protocols);
            }
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return restrict(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return restrict(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return restrict(delegate.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
            return restrict(delegate.createSocket(address, port, local, localPort));
        }
    }
}
