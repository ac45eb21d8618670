package io.mqttplatform.broker.extension.identity;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who the broker's own clients connect as (the round-trip check, and the start-up warm-up's clients): a fixed client
 * id or id prefix (so the connection log and the $SYS client counts can leave them out) and a password made at each
 * start and never stored, which our authenticator admits even when anonymous clients are not allowed.
 */
public record ProbeIdentity(String clientId, String username, String password, String topic) {

    public static final String CLIENT_ID = "mqtt-platform-health";
    private static final String WARMUP_PREFIX = CLIENT_ID + "-warmup-";

    public static ProbeIdentity random() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String hex = HexFormat.of().formatHex(secret);
        return new ProbeIdentity(CLIENT_ID, CLIENT_ID, hex, "mqtt-platform/health/" + hex.substring(0, 16));
    }

    /**
     * The same credentials under the client id {@code mqtt-platform-health-warmup-ROLE}, with an unguessable topic;
     * what the warm-up's clients publish there reaches only its own subscribers (see {@code hivemq.ClientQueues#reserve}).
     */
    public ProbeIdentity warmupClient(String role) {
        return new ProbeIdentity(WARMUP_PREFIX + role, username, password, topic.replace("/health/", "/warmup/"));
    }

    /** The round-trip check's id or a warm-up client's; whether it is really ours, only {@link #admits} tells. */
    public static boolean isProbe(String clientId) {
        return CLIENT_ID.equals(clientId) || (clientId != null && clientId.startsWith(WARMUP_PREFIX));
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
