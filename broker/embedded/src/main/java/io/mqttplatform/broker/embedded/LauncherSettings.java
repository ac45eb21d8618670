package io.mqttplatform.broker.embedded;

import io.mqttplatform.broker.extension.config.ExtensionConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the embedded broker keeps its files and which ports it opens, from environment variables with the defaults
 * documented in broker/README.md. The port and address values fill config.xml's {@code ${ENV:...}} placeholders.
 *
 * @param dataDir        {@code BROKER_DATA_DIR}: persistence (sessions, queues, retained messages); default {@code ./broker-data}
 * @param configDir      {@code BROKER_CONFIG_DIR}: a folder with a config.xml to use instead of the bundled one
 * @param extensionsDir  {@code BROKER_EXTENSIONS_DIR}: a folder of further HiveMQ extensions to load (e.g. file RBAC)
 * @param bindAddress    {@code MQTT_BIND_ADDRESS}: address both listeners bind to; default {@code 0.0.0.0}
 * @param mqttPort       {@code MQTT_PORT}: MQTT over TCP; default 1883
 * @param websocketPort  {@code MQTT_WS_PORT}: MQTT over WebSocket at {@code /mqtt}; default 8000
 * @param persistence    {@code BROKER_PERSISTENCE} and
 * @param incomingBandwidth {@code BROKER_INCOMING_BANDWIDTH}: config.xml's other placeholders, checked here (with
 *                       ExtensionConfig's rules) because HiveMQ falls back to its defaults on a bad value
 * @param embedExtension {@code BROKER_EMBEDDED_EXTENSION}: run our extension from this jar (default true); false
 *                       leaves it to the extensions folder, as in the container image
 */
record LauncherSettings(
        Path dataDir,
        Optional<Path> configDir,
        Optional<Path> extensionsDir,
        String bindAddress,
        int mqttPort,
        int websocketPort,
        String persistence,
        long incomingBandwidth,
        boolean embedExtension) {

    static final String MQTT_PORT = "MQTT_PORT";
    static final String MQTT_WS_PORT = "MQTT_WS_PORT";
    static final String MQTT_BIND_ADDRESS = "MQTT_BIND_ADDRESS";

    static LauncherSettings from(Map<String, String> env) {
        return new LauncherSettings(
                Path.of(env.getOrDefault("BROKER_DATA_DIR", "broker-data")).toAbsolutePath(),
                path(env.get("BROKER_CONFIG_DIR")),
                path(env.get("BROKER_EXTENSIONS_DIR")),
                text(env.get(MQTT_BIND_ADDRESS), "0.0.0.0"),
                port(env, MQTT_PORT, 1883),
                port(env, MQTT_WS_PORT, 8000),
                ExtensionConfig.persistence(env),
                ExtensionConfig.incomingBandwidth(env),
                !"false".equalsIgnoreCase(text(env.get("BROKER_EMBEDDED_EXTENSION"), "true")));
    }

    /** The values config.xml's placeholders take, by variable name. */
    Map<String, String> placeholders() {
        return Map.of(
                MQTT_BIND_ADDRESS,
                bindAddress,
                MQTT_PORT,
                Integer.toString(mqttPort),
                MQTT_WS_PORT,
                Integer.toString(websocketPort),
                ExtensionConfig.BROKER_PERSISTENCE,
                persistence,
                ExtensionConfig.BROKER_INCOMING_BANDWIDTH,
                Long.toString(incomingBandwidth));
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        return ExtensionConfig.port(name, env.get(name), defaultPort, null);
    }

    private static Optional<Path> path(String raw) {
        return raw == null || raw.isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(raw).toAbsolutePath());
    }

    private static String text(String raw, String defaultValue) {
        return raw == null || raw.isBlank() ? defaultValue : raw.trim();
    }
}
