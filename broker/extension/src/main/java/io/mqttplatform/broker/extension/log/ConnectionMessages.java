package io.mqttplatform.broker.extension.log;

import com.hivemq.extension.sdk.api.packets.general.MqttVersion;

import java.util.Optional;

/**
 * The text of mosquitto's {@code connection_messages true} log lines, so that people and log parsers used to
 * mosquitto read ours unchanged. HiveMQ does not expose the client's source port, so the address has none.
 */
public final class ConnectionMessages {

    /**
     * {@code New client connected from 10.0.0.5 as sensor-1 (p2, c1, k60, u'alice').} where p is mosquitto's protocol
     * number (1 = MQTT 3.1, 2 = MQTT 3.1.1, 5 = MQTT 5), c the clean-start flag, k the keep-alive in seconds.
     */
    public static String connected(
            String address,
            String clientId,
            MqttVersion version,
            boolean cleanStart,
            int keepAlive,
            Optional<String> userName) {
        String user = userName.map(name -> ", u'" + name + "'").orElse("");
        return "New client connected from " + address + " as " + clientId + " (p" + protocolNumber(version) + ", c"
                + (cleanStart ? 1 : 0) + ", k" + keepAlive + user + ").";
    }

    /** The client sent DISCONNECT. */
    public static String clientDisconnected(String clientId, Optional<String> reason) {
        return "Client " + clientId + " disconnected"
                + reason.map(r -> ": " + r).orElse("") + ".";
    }

    /** The network connection ended without a DISCONNECT (client gone, network error). */
    public static String connectionLost(String clientId) {
        return "Client " + clientId + " closed its connection.";
    }

    /** The broker ended the connection (keep-alive timeout, protocol error, session take-over, ...). */
    public static String disconnectedByBroker(String clientId, Optional<String> reason) {
        return "Client " + clientId + " disconnected by the broker"
                + reason.map(r -> ": " + r).orElse("") + ".";
    }

    /** The client was refused at CONNECT. */
    public static String refused(String clientId, Optional<String> reason) {
        return "Client " + clientId + " refused" + reason.map(r -> ": " + r).orElse("") + ".";
    }

    /** mosquitto's protocol numbers: 1 for MQTT 3.1, 2 for MQTT 3.1.1, 5 for MQTT 5. */
    static int protocolNumber(MqttVersion version) {
        return switch (version) {
            case V_3_1 -> 1;
            case V_3_1_1 -> 2;
            case V_5 -> 5;
        };
    }

    private ConnectionMessages() {}
}
