package io.mqttplatform.gateway.auth;

import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.model.Access;

import java.util.List;

/** Who is making a request: an API key, or anyone when auth is off. Forbids what the key may not do. */
public final class Caller {

    private static final Caller ANYONE = new Caller(null);

    private final ApiKey key;

    private Caller(ApiKey key) {
        this.key = key;
    }

    public static Caller anyone() {
        return ANYONE;
    }

    public static Caller withKey(ApiKey key) {
        return new Caller(key);
    }

    /**
     * What this caller may do; without a key (auth off), everything: every topic ("#" and "$SYS/#" to read, "#" to
     * write) and the operations API.
     */
    public Access access() {
        return key == null
                ? new Access(null, List.of("#"), List.of("#", "$SYS/#"), true)
                : new Access(key.id(), key.publish(), key.subscribe(), key.admin());
    }

    /** The operations API (clients, subscriptions): only for keys with {@code "admin": true}, or anyone with auth off. */
    public void requireAdmin() {
        if (key != null && !key.admin()) {
            throw Failure.forbidden("API key '" + key.id() + "' may not use the operations API: give it "
                    + "\"admin\": true in the keys file");
        }
    }

    public void requirePublish(String topic) {
        if (key != null && !key.mayPublish(topic)) {
            throw Failure.forbidden("API key '" + key.id() + "' may not publish to '" + topic + "'; it may publish to "
                    + key.publish());
        }
    }

    public void requireSubscribe(String filter) {
        if (key != null && !key.maySubscribe(filter)) {
            throw Failure.forbidden("API key '" + key.id() + "' may not subscribe to '" + filter
                    + "'; it may subscribe to " + key.subscribe());
        }
    }
}
