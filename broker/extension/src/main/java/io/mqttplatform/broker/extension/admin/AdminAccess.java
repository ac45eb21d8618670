package io.mqttplatform.broker.extension.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may use the operations API: with {@code BROKER_ADMIN_TOKEN} set, a request that sends it as a bearer token;
 * without it, anyone, but only on an open broker (anonymous clients allowed and no password file), where any client
 * could already take over a client id; a secured broker without a token answers 403 naming the variable.
 */
public record AdminAccess(String token, boolean openBroker) {

    /** Throws the failure that refuses the request, or returns when {@code authorization} (the header) may pass. */
    public void check(String authorization) {
        if (token == null) {
            if (!openBroker) {
                throw OperationsFailure.forbidden(
                        "the broker is secured (ALLOW_ANONYMOUS=false or a PASSWORD_FILE) and has no operations token: "
                                + "set BROKER_ADMIN_TOKEN and send it as 'Authorization: Bearer <token>'");
            }
            return;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw OperationsFailure.unauthenticated(
                    "the operations API needs 'Authorization: Bearer <token>' with the broker's BROKER_ADMIN_TOKEN");
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, token.getBytes(StandardCharsets.UTF_8))) {
            throw OperationsFailure.unauthenticated("the bearer token is not the broker's BROKER_ADMIN_TOKEN");
        }
    }
}
