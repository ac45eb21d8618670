package io.mqttplatform.gateway.websocket;

import io.mqttplatform.gateway.auth.ApiKeyStore;
import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.failure.Failure;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Checks the API key before a WebSocket is opened (401 on the handshake when it is missing or wrong) and hands the
 * caller to the connection. Browsers cannot set headers on WebSockets, so {@code ?access_token=} works too.
 */
@ApplicationScoped
public class ApiKeyUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<Caller> CALLER = new UserData.TypedKey<>("caller");

    private final ApiKeyStore keys;

    public ApiKeyUpgradeCheck(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        try {
            Caller caller = keys.authenticate(
                    context.httpRequest().getHeader("Authorization"),
                    context.httpRequest().getParam("access_token"));
            context.userData().put(CALLER, caller);
            return CheckResult.permitUpgrade();
        } catch (Failure e) {
            return CheckResult.rejectUpgrade(e.kind().status(), Map.of("WWW-Authenticate", List.of("Bearer")));
        }
    }
}
