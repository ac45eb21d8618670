package io.mqttplatform.broker.extension.health;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who the round-trip check connects as: a fixed client id (so the connection log and the $SYS client counts can
 * leave it out) and a password made at each start and never stored, which our authenticator admits even when
 * anonymous clients are not allowed.
 */
public record ProbeIdentity(String clientId, String username, String password, String topic) {

    public static final String CLIENT_ID = "mqtt-platform-health";

    public static ProbeIdentity random() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String hex = HexFormat.of().formatHex(secret);
        return new ProbeIdentity(CLIENT_ID, CLIENT_ID, hex, "mqtt-platform/health/" + hex.substring(0, 16));
    }

    public static boolean isProbe(String clientId) {
        return CLIENT_ID.equals(clientId);
    }

    /** True for the probe's own credentials only; compared in constant time. */
    public boolean admits(String clientId, String username, byte[] password) {
        return isProbe(clientId)
                && this.username.equals(username)
                && java.security.MessageDigest.isEqual(
                        this.password.getBytes(java.nio.charset.StandardCharsets.UTF_8), password);
    }

    @Override
    public String toString() {
        return "ProbeIdentity[" + clientId + "]"; // never the password
    }
}
