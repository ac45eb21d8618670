package io.mqttplatform.gateway.auth;

import java.util.List;

/**
 * One API key of the keys file: a name, the SHA-256 of the secret (parsed from the file's hex once, at load), the
 * topic filters it may publish to and subscribe to (subscribe also covers WebSocket, SSE and retained reads), and
 * whether it may use the operations API ({@code /api/v1/clients}, {@code /api/v1/subscriptions}).
 */
public record ApiKey(String id, byte[] sha256, List<String> publish, List<String> subscribe, boolean admin) {

    public boolean mayPublish(String topic) {
        return publish.stream().anyMatch(allowed -> FilterCoverage.covers(allowed, topic));
    }

    public boolean maySubscribe(String filter) {
        return subscribe.stream().anyMatch(allowed -> FilterCoverage.covers(allowed, filter));
    }
}
