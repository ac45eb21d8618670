package io.mqttplatform.broker.extension.admin;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import io.mqttplatform.broker.extension.hivemq.HiveMqInternals;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@link ClientDirectory} up to date from HiveMQ's lifecycle events: what a CONNECT says is noted when the
 * connection starts and entered once it is authenticated (a refused client never appears), and the end of the
 * connection marks it disconnected. HiveMQ gives each client's events to one listener per extension, so
 * {@code PlatformExtensionMain} hands this one the events after the connection log's.
 */
public final class ClientTracker implements ClientLifecycleEventListener {

    private final ClientDirectory directory;
    private final Clock clock;
    /**
     * Connections that sent CONNECT and are not authenticated yet, by their Netty channel: the one thing the events
     * of a connection share (HiveMQ makes a new attribute store object for each event).
     */
    private final Map<Object, ClientRecord> starting = new ConcurrentHashMap<>();

    public ClientTracker(ClientDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        ConnectPacket connect = input.getConnectPacket();
        ConnectionInformation connection = input.getConnectionInformation();
        Object key = HiveMqInternals.channel(connection.getConnectionAttributeStore());
        starting.put(
                key,
                new ClientRecord(
                        input.getClientInformation().getClientId(),
                        true,
                        clock.instant(),
                        null,
                        connection
                                .getInetAddress()
                                .map(InetAddress::getHostAddress)
                                .orElse(null),
                        protocol(connect.getMqttVersion()),
                        connect.getKeepAlive(),
                        connect.getCleanStart(),
                        connect.getSessionExpiryInterval(),
                        connect.getUserName().orElse(null),
                        key));
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        ClientRecord client = starting.remove(
                HiveMqInternals.channel(input.getConnectionInformation().getConnectionAttributeStore()));
        if (client != null) {
            directory.connected(client);
        }
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        Object key = HiveMqInternals.channel(input.getConnectionInformation().getConnectionAttributeStore());
        if (starting.remove(key) == null) {
            directory.disconnected(input.getClientInformation().getClientId(), key);
        }
    }

    /** The protocol as users name it: "3.1", "3.1.1" or "5". */
    static String protocol(MqttVersion version) {
        return switch (version) {
            case V_3_1 -> "3.1";
            case V_3_1_1 -> "3.1.1";
            case V_5 -> "5";
        };
    }
}
