package io.mqttplatform.broker.extension.security;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import io.mqttplatform.broker.extension.health.ProbeIdentity;

import java.nio.ByteBuffer;

/**
 * Who gets in: the broker's own health probe always (with the password made at this start), every other client
 * when anonymous clients are allowed, like mosquitto's {@code allow_anonymous true}; otherwise the decision is left
 * to the next security extension, and HiveMQ refuses the client when there is none.
 */
public final class AdmissionAuthenticator implements SimpleAuthenticator {

    private final boolean allowAnonymous;
    private final ProbeIdentity probe;

    public AdmissionAuthenticator(boolean allowAnonymous, ProbeIdentity probe) {
        this.allowAnonymous = allowAnonymous;
        this.probe = probe;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        if (probe != null && ProbeIdentity.isProbe(connect.getClientId())) {
            byte[] password = connect.getPassword().map(AdmissionAuthenticator::bytes).orElse(new byte[0]);
            if (probe.admits(connect.getClientId(), connect.getUserName().orElse(""), password)) {
                output.authenticateSuccessfully();
                return;
            }
        }
        if (allowAnonymous) {
            output.authenticateSuccessfully();
        } else {
            output.nextExtensionOrDefault();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
