package io.mqttplatform.broker.embedded;

import io.mqttplatform.broker.extension.config.ExtensionConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the embedded broker keeps its files and which ports it opens, from environment variables with the defaults
 * documented in broker/README.md. The port and address values fill config.xml's {@code ${ENV:...}} placeholders.
 *
 * @param dataDir        {@code BROKER_DATA_DIR}: persistence (sessions, queues, retained messages); default {@code ./broker-data}
 * @param configDir      {@code BROKER_CONFIG_DIR}: a folder with a config.xml to use, unchanged, instead of the bundled one
 * @param extensionsDir  {@code BROKER_EXTENSIONS_DIR}: a folder of further HiveMQ extensions to load (e.g. file RBAC)
 * @param bindAddress    {@code MQTT_BIND_ADDRESS}: address both listeners bind to; default {@code 0.0.0.0}
 * @param mqttPort       {@code MQTT_PORT}: MQTT over TCP; default 1883
 * @param websocketPort  {@code MQTT_WS_PORT}: MQTT over WebSocket at {@code /mqtt}; default 8000
 * @param tlsKeystore    {@code MQTT_TLS_KEYSTORE}: the PKCS12 (or JKS) keystore of MQTT over TLS; set, it turns the
 *                       bundled config's TLS listener on (its password: {@code MQTT_TLS_KEYSTORE_PASSWORD}, required)
 * @param tlsPort        {@code MQTT_TLS_PORT}: MQTT over TLS; default 8883
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
        Optional<Path> tlsKeystore,
        int tlsPort,
        String persistence,
        long incomingBandwidth,
        boolean embedExtension) {

    static final String MQTT_PORT = "MQTT_PORT";
    static final String MQTT_WS_PORT = "MQTT_WS_PORT";
    static final String MQTT_BIND_ADDRESS = "MQTT_BIND_ADDRESS";
    static final String MQTT_TLS_PORT = "MQTT_TLS_PORT";
    static final String MQTT_TLS_KEYSTORE = "MQTT_TLS_KEYSTORE";
    static final String MQTT_TLS_KEYSTORE_PASSWORD = "MQTT_TLS_KEYSTORE_PASSWORD";

    static LauncherSettings from(Map<String, String> env) {
        Optional<Path> tlsKeystore = path(env.get(MQTT_TLS_KEYSTORE));
        tlsKeystore.ifPresent(keystore -> checkTls(keystore, env));
        return new LauncherSettings(
                Path.of(env.getOrDefault("BROKER_DATA_DIR", "broker-data")).toAbsolutePath(),
                path(env.get("BROKER_CONFIG_DIR")),
                path(env.get("BROKER_EXTENSIONS_DIR")),
                text(env.get(MQTT_BIND_ADDRESS), "0.0.0.0"),
                port(env, MQTT_PORT, 1883),
                port(env, MQTT_WS_PORT, 8000),
                tlsKeystore,
                port(env, MQTT_TLS_PORT, 8883),
                ExtensionConfig.persistence(env),
                ExtensionConfig.incomingBandwidth(env),
                !"false".equalsIgnoreCase(text(env.get("BROKER_EMBEDDED_EXTENSION"), "true")));
    }

    /** Whether the launcher adds the TLS listener: a keystore is given and the config is the bundled one. */
    boolean tlsOn() {
        return tlsKeystore.isPresent() && configDir.isEmpty();
    }

    /** The values config.xml's placeholders take, by variable name (the keystore's password HiveMQ reads itself). */
    Map<String, String> placeholders() {
        Map<String, String> values = new HashMap<>(Map.of(
                MQTT_BIND_ADDRESS,
                bindAddress,
                MQTT_PORT,
                Integer.toString(mqttPort),
                MQTT_WS_PORT,
                Integer.toString(websocketPort),
                ExtensionConfig.BROKER_PERSISTENCE,
                persistence,
                ExtensionConfig.BROKER_INCOMING_BANDWIDTH,
                Long.toString(incomingBandwidth)));
        tlsKeystore.ifPresent(keystore -> {
            values.put(MQTT_TLS_KEYSTORE, keystore.toString());
            values.put(MQTT_TLS_PORT, Integer.toString(tlsPort));
        });
        return Map.copyOf(values);
    }

    /** Names the variable that is wrong before HiveMQ starts, rather than leaving it to a listener error in its log. */
    private static void checkTls(Path keystore, Map<String, String> env) {
        if (!Files.isReadable(keystore)) {
            throw new IllegalArgumentException(MQTT_TLS_KEYSTORE + "='" + keystore
                    + "' is not a readable file: expected the PKCS12 (or JKS) keystore with the broker's key and"
                    + " certificate, or unset it to run without MQTT over TLS.");
        }
        String password = env.get(MQTT_TLS_KEYSTORE_PASSWORD);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(MQTT_TLS_KEYSTORE_PASSWORD + " is not set: MQTT over TLS ("
                    + MQTT_TLS_KEYSTORE + ") needs the keystore's password, which is also the key's.");
        }
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
