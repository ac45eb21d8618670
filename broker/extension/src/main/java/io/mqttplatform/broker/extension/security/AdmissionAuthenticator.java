package io.mqttplatform.broker.extension.security;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import io.mqttplatform.broker.extension.identity.ProbeIdentity;
import io.mqttplatform.broker.extension.security.password.CredentialCheck;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Who gets in, as mosquitto 2.0 decides it ({@code mosquitto_unpwd_check}): the broker's own health probe always
 * (with the password made at this start). Without a password file, every client when anonymous clients are allowed
 * ({@code allow_anonymous true}), otherwise the decision is left to the next security extension and HiveMQ refuses
 * the client when there is none. With a password file, a client that gives a username gets in only with the
 * password whose hash the file holds for it, and a client without a username only when anonymous clients are
 * allowed. Refusals are NOT_AUTHORIZED (MQTT 3: CONNACK return code 5), as mosquitto sends. The username of every
 * client let in is kept with its connection for the ACL ({@link #username}).
 */
public final class AdmissionAuthenticator implements SimpleAuthenticator {

    private static final String USERNAME_ATTRIBUTE = "io.mqttplatform.username";
    private static final String PROBE_ATTRIBUTE = "io.mqttplatform.probe";

    private final boolean allowAnonymous;
    private final ProbeIdentity probe;
    private final CredentialCheck credentials;

    /** {@code probe} null when there is no health check; {@code credentials} null without a password file. */
    public AdmissionAuthenticator(boolean allowAnonymous, ProbeIdentity probe, CredentialCheck credentials) {
        this.allowAnonymous = allowAnonymous;
        this.probe = probe;
        this.credentials = credentials;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        Optional<String> username = connect.getUserName();
        byte[] password =
                connect.getPassword().map(AdmissionAuthenticator::bytes).orElse(null);
        if (probe != null && ProbeIdentity.isProbe(connect.getClientId())) {
            if (probe.admits(connect.getClientId(), username.orElse(""), password == null ? new byte[0] : password)) {
                input.getConnectionInformation().getConnectionAttributeStore().putAsString(PROBE_ATTRIBUTE, "true");
                output.authenticateSuccessfully();
                return;
            }
        }
        boolean admitted;
        if (credentials == null) {
            if (!allowAnonymous) {
                output.nextExtensionOrDefault();
                return;
            }
            admitted = true;
        } else if (username.isEmpty()) {
            admitted = allowAnonymous;
        } else {
            admitted = password != null && credentials.verify(username.get(), password);
        }
        if (admitted) {
            username.ifPresent(name -> input.getConnectionInformation()
                    .getConnectionAttributeStore()
                    .putAsString(USERNAME_ATTRIBUTE, name));
            output.authenticateSuccessfully();
        } else {
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "Not authorized");
        }
    }

    /**
     * Whether this connection is one of the broker's own clients, admitted with the probe's secret (a client that only
     * takes the probe's id is not): those are exempt from the ACL.
     */
    public static boolean isAdmittedProbe(ConnectionAttributeStore attributes) {
        return attributes.getAsString(PROBE_ATTRIBUTE).isPresent();
    }

    /** The username a client connected with, or null; for the ACL of a client this authenticator let in. */
    public static String username(ConnectionAttributeStore attributes) {
        return attributes.getAsString(USERNAME_ATTRIBUTE).orElse(null);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
