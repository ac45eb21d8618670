package io.mqttplatform.broker.embedded;

import io.mqttplatform.broker.extension.config.ExtensionConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's defaults live in its code (ExtensionConfig, LauncherSettings) and, for the JVM, in scripts/components.sh:
 * what they give when nothing is set is what broker/README.md's settings table says and what the image's ENV sets, so
 * neither copy can drift.
 */
class BrokerDefaultsTest {

    private static final Path BROKER = Path.of(System.getProperty("broker.dir", ".."));
    private static final Pattern README_ROW =
            Pattern.compile("^\\| `([A-Z][A-Z0-9_]+)` \\| `([^`]*)`", Pattern.MULTILINE);
    private static final Pattern DOCKERFILE_ENV =
            Pattern.compile("^(?:ENV|   ) +([A-Z][A-Z0-9_]+)=(\"[^\"]*\"|\\S+)", Pattern.MULTILINE);

    /** What the broker uses when none of its variables is set, by variable. */
    private static Map<String, String> codeDefaults() {
        ExtensionConfig extension = ExtensionConfig.from(Map.of());
        LauncherSettings launcher = LauncherSettings.from(Map.of());
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("MQTT_PORT", Integer.toString(launcher.mqttPort()));
        defaults.put("MQTT_WS_PORT", Integer.toString(launcher.websocketPort()));
        defaults.put("MQTT_TLS_PORT", Integer.toString(launcher.tlsPort()));
        defaults.put("MQTT_BIND_ADDRESS", launcher.bindAddress());
        defaults.put("SYS_INTERVAL", Integer.toString(extension.sysIntervalSeconds()));
        defaults.put("CONNECTION_MESSAGES", Boolean.toString(extension.connectionMessages()));
        defaults.put("ALLOW_ANONYMOUS", Boolean.toString(extension.allowAnonymous()));
        defaults.put("HEALTH_PORT", Integer.toString(extension.healthPort()));
        defaults.put("HEALTH_BIND_ADDRESS", extension.healthBindAddress());
        defaults.put("BROKER_PERSISTENCE", extension.persistence());
        defaults.put("BROKER_INCOMING_BANDWIDTH", Long.toString(extension.incomingBandwidth()));
        defaults.put("BROKER_BACKLOG_PER_CONNECTION", Long.toString(extension.backlogPerConnection()));
        defaults.put("BROKER_WARMUP_SECONDS", Integer.toString(extension.warmupSeconds()));
        defaults.put("BROKER_EMBEDDED_EXTENSION", Boolean.toString(launcher.embedExtension()));
        defaults.put("BRIDGE_MAX_QUEUED_MESSAGES", Integer.toString(extension.bridgeMaxQueued()));
        return defaults;
    }

    @Test
    void readme_givesTheDefaultsTheCodeUses() throws IOException {
        Map<String, String> readme = table(Files.readString(BROKER.resolve("README.md")), README_ROW);

        assertThat(readme).containsAllEntriesOf(codeDefaults());
    }

    @Test
    void dockerfile_setsTheDefaultsTheCodeUses_whereItSetsThem() throws IOException {
        Map<String, String> env = table(Files.readString(BROKER.resolve("Dockerfile")), DOCKERFILE_ENV);
        Map<String, String> expected = new LinkedHashMap<>(codeDefaults());
        expected.keySet().retainAll(env.keySet());

        assertThat(expected).containsKeys("MQTT_PORT", "SYS_INTERVAL", "HEALTH_PORT", "BROKER_PERSISTENCE");
        assertThat(env).containsAllEntriesOf(expected);
    }

    @Test
    void readme_givesTheBrokerJvmOptionsMakeRunUses() throws IOException {
        Matcher components = Pattern.compile("BROKER_JAVA_OPTS=\\$\\{BROKER_JAVA_OPTS:-([^}]*)}")
                .matcher(Files.readString(BROKER.toAbsolutePath()
                        .normalize()
                        .resolveSibling("scripts")
                        .resolve("components.sh")));
        assertThat(components.find())
                .as("scripts/components.sh sets BROKER_JAVA_OPTS")
                .isTrue();

        assertThat(table(Files.readString(BROKER.resolve("README.md")), README_ROW))
                .containsEntry("BROKER_JAVA_OPTS", components.group(1));
    }

    private static Map<String, String> table(String text, Pattern row) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher matcher = row.matcher(text);
        while (matcher.find()) {
            values.putIfAbsent(matcher.group(1), matcher.group(2).replace("\"", ""));
        }
        return values;
    }
}
