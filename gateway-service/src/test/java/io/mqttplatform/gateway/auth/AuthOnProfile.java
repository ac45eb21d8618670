package io.mqttplatform.gateway.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** The gateway with API keys required, from a keys file written the way an operator writes it (hashes only). */
public class AuthOnProfile implements QuarkusTestProfile {

    public static final String WRITER_KEY = "writer-3f9c2a7e";
    public static final String READER_KEY = "reader-81d0b4c6";
    public static final String ADMIN_KEY = "admin-5e27c90d";

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path file = Files.createTempFile("api-keys", ".json");
            Files.writeString(file, """
                    {"keys": [
                      {"id": "lab-writer", "sha256": "%s", "publish": ["lab/#"], "subscribe": ["lab/#", "$SYS/#"]},
                      {"id": "dashboard", "sha256": "%s", "publish": [], "subscribe": ["lab/+/temp"]},
                      {"id": "ops", "sha256": "%s", "publish": [], "subscribe": [], "admin": true}
                    ]}""".formatted(sha256(WRITER_KEY), sha256(READER_KEY), sha256(ADMIN_KEY)));
            return Map.of("gateway.auth.enabled", "true", "gateway.auth.keys-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hex SHA-256 of a key, as the keys file stores it. */
    public static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
