package io.mqttplatform.broker.extension.log;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationFailedInput;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionLostInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.Optional;

/** Logs every client's connect and disconnect, like mosquitto's {@code connection_messages true}. */
public final class ConnectionLogListener implements ClientLifecycleEventListener {

    /** A logger of its own, so that connection messages can be routed or silenced separately. */
    private static final Logger log = LoggerFactory.getLogger("io.mqttplatform.broker.connections");

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        ConnectPacket connect = input.getConnectPacket();
        String address = input.getConnectionInformation()
                .getInetAddress()
                .map(InetAddress::getHostAddress)
                .orElse("unknown address");
        log.info(ConnectionMessages.connected(
                address,
                connect.getClientId(),
                connect.getMqttVersion(),
                connect.getCleanStart(),
                connect.getKeepAlive(),
                connect.getUserName()));
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        // The connect line is already written; mosquitto writes nothing more here either.
    }

    @Override
    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput input) {
        log.info(ConnectionMessages.clientDisconnected(clientId(input), abnormalReason(input)));
    }

    @Override
    public void onConnectionLost(ConnectionLostInput input) {
        log.info(ConnectionMessages.connectionLost(clientId(input)));
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        log.info(ConnectionMessages.disconnectedByBroker(clientId(input), reason(input)));
    }

    @Override
    public void onAuthenticationFailedDisconnect(AuthenticationFailedInput input) {
        log.info(ConnectionMessages.refused(clientId(input), reason(input)));
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        log.info(ConnectionMessages.disconnectedByBroker(clientId(input), reason(input)));
    }

    private static String clientId(DisconnectEventInput input) {
        return input.getClientInformation().getClientId();
    }

    /** A client's own DISCONNECT is only worth a reason when it is not the normal one. */
    private static Optional<String> abnormalReason(DisconnectEventInput input) {
        boolean normal = input.getReasonCode()
                .map(code -> code.name().equals("NORMAL_DISCONNECTION"))
                .orElse(true);
        return normal ? Optional.empty() : reason(input);
    }

    private static Optional<String> reason(DisconnectEventInput input) {
        Optional<String> code = input.getReasonCode().map(Enum::name);
        Optional<String> text = input.getReasonString();
        if (code.isPresent() && text.isPresent()) {
            return Optional.of(code.get() + " (" + text.get() + ")");
        }
        return code.isPresent() ? code : text;
    }
}
