package io.mqttplatform.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttplatform.gateway.config.GatewayConfig;
import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.mqtt.TopicRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Resolves the credentials of a request to a {@link Caller}. With auth on, keys come from the keys file
 * ({@code GATEWAY_AUTH_KEYS_FILE}, read and checked at start; a bad file stops the gateway with the reason):
 * <pre>{"keys": [{"id": "lab-instruments", "sha256": "&lt;hex SHA-256 of the key&gt;",
 *                "publish": ["lab/#"], "subscribe": ["lab/#", "$SYS/#"], "admin": false}]}</pre>
 * {@code admin} (default false) lets a key use the operations API.
 * Keys are random tokens, so a SHA-256 is stored rather than the key; lookups compare in constant time.
 */
@ApplicationScoped
public class ApiKeyStore {

    private final boolean enabled;
    private final List<ApiKey> keys;

    public ApiKeyStore(GatewayConfig config, ObjectMapper json) {
        this.enabled = config.auth().enabled();
        this.keys = enabled
                ? load(
                        config.auth()
                                .keysFile()
                                .orElseThrow(
                                        () -> new IllegalStateException(
                                                "GATEWAY_AUTH_ENABLED=true needs GATEWAY_AUTH_KEYS_FILE, the path of the API keys file")),
                        json)
                : List.of();
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * @param authorization the Authorization header ("Bearer KEY"), or null
     * @param accessToken   the access_token query parameter (for browsers' WebSocket and EventSource), or null
     */
    public Caller authenticate(String authorization, String accessToken) {
        if (!enabled) {
            return Caller.anyone();
        }
        String presented = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        } else if (accessToken != null && !accessToken.isBlank()) {
            presented = accessToken.trim();
        }
        if (presented == null) {
            throw Failure.unauthenticated("an API key is required: send 'Authorization: Bearer <key>' "
                    + "(or ?access_token=<key> for WebSocket and EventSource)");
        }
        byte[] hash = sha256(presented);
        ApiKey match = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(hash, key.sha256())) {
                match = key;
            }
        }
        if (match == null) {
            throw Failure.unauthenticated("the API key is not valid");
        }
        return Caller.withKey(match);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks the keys file; anything wrong in it is an IllegalStateException naming the key and field. */
    static List<ApiKey> load(String file, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "API keys file " + file + " (GATEWAY_AUTH_KEYS_FILE) cannot be read: " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("keys");
        if (list == null || !list.isArray()) {
            throw new IllegalStateException("API keys file " + file + " must be {\"keys\": [...]}");
        }
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = "API keys file " + file + ", keys[" + i + "]";
            String id = node.path("id").asText("");
            String hash = node.path("sha256").asText("");
            if (id.isBlank()) {
                throw new IllegalStateException(where + ": \"id\" is missing");
            }
            if (!hash.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalStateException(
                        where + " (" + id + "): \"sha256\" must be 64 hex digits, the SHA-256 of the key "
                                + "(printf %s \"$KEY\" | sha256sum)");
            }
            keys.add(new ApiKey(
                    id,
                    HexFormat.of().parseHex(hash),
                    filters(node, "publish", where),
                    filters(node, "subscribe", where),
                    admin(node, where + " (" + id + ")")));
        }
        return List.copyOf(keys);
    }

    private static boolean admin(JsonNode node, String where) {
        JsonNode admin = node.get("admin");
        if (admin == null) {
            return false;
        }
        if (!admin.isBoolean()) {
            throw new IllegalStateException(
                    where + ": \"admin\" must be true or false (a JSON boolean, no quotes); got " + admin);
        }
        return admin.booleanValue();
    }

    private static List<String> filters(JsonNode node, String field, String where) {
        List<String> filters = new ArrayList<>();
        for (JsonNode filter : node.path(field)) {
            try {
                TopicRules.filter(filter.asText());
            } catch (Failure e) {
                throw new IllegalStateException(where + ", \"" + field + "\": " + e.detail());
            }
            filters.add(filter.asText());
        }
        return List.copyOf(filters);
    }
}
