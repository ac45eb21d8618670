package io.mqttplatform.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys file as an operator writes it: the admin permission is a JSON boolean, off unless given. */
class ApiKeyStoreTest {

    private static final String HASH = "a".repeat(64);

    @TempDir
    Path dir;

    @Test
    void load_withAdminTrue_givesTheKeyTheOperationsApi_andWithoutAdmin_not() throws Exception {
        List<ApiKey> keys = load("""
                {"keys": [
                  {"id": "ops", "sha256": "%s", "publish": [], "subscribe": [], "admin": true},
                  {"id": "plain", "sha256": "%s", "publish": ["lab/#"], "subscribe": ["lab/#"]},
                  {"id": "explicit", "sha256": "%s", "admin": false}
                ]}""".formatted(HASH, HASH, HASH));

        assertThat(keys)
                .extracting(ApiKey::id, ApiKey::admin)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ops", true),
                        org.assertj.core.groups.Tuple.tuple("plain", false),
                        org.assertj.core.groups.Tuple.tuple("explicit", false));
    }

    @Test
    void load_withAdminAsAString_failsNamingTheKeyAndTheField() {
        assertThatThrownBy(() ->
                        load("{\"keys\": [{\"id\": \"ops\", \"sha256\": \"" + HASH + "\", \"admin\": \"true\"}]}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keys[0] (ops)")
                .hasMessageContaining("\"admin\" must be true or false")
                .hasMessageContaining("got \"true\"");
    }

    @Test
    void load_withAdminAsANumberOrNull_fails() {
        for (String value : new String[] {"1", "null", "[]"}) {
            assertThatThrownBy(() -> load(
                            "{\"keys\": [{\"id\": \"k\", \"sha256\": \"" + HASH + "\", \"admin\": " + value + "}]}"))
                    .as(value)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("(k): \"admin\" must be true or false");
        }
    }

    private List<ApiKey> load(String content) throws Exception {
        Path file = Files.writeString(dir.resolve("keys.json"), content);
        return ApiKeyStore.load(file.toString(), new ObjectMapper());
    }
}
