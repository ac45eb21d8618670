package io.mqttplatform.broker.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config.xml the launcher gives HiveMQ: broker/conf/config.xml as bundled in this jar, with
 * broker/conf/tls-listener.xml added after the line of its listeners that names it when MQTT over TLS is on. The
 * container image composes its conf-tls folder from the same two files (broker/Dockerfile, checked by DockerfileTest).
 */
final class BrokerConfig {

    /** The comment in config.xml's listeners after which the TLS listener goes. */
    static final String TLS_LISTENER_PLACE = "tls-listener.xml goes here";

    /** config.xml with the TLS listener inserted after the line that says where it goes. */
    static String withTlsListener(String config, String tlsListener) {
        int place = config.indexOf(TLS_LISTENER_PLACE);
        if (place < 0) {
            throw new IllegalStateException(
                    "config.xml has no line with '" + TLS_LISTENER_PLACE + "': cannot add the TLS listener");
        }
        int lineEnd = config.indexOf('\n', place) + 1;
        return config.substring(0, lineEnd) + tlsListener + config.substring(lineEnd);
    }

    /** Writes the bundled config.xml, with the TLS listener when {@code tls}, to {@code folder}. */
    static Path write(Path folder, boolean tls) {
        String config = bundled("config.xml");
        if (tls) {
            config = withTlsListener(config, bundled("tls-listener.xml"));
        }
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("config.xml"), config);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write config.xml to " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String bundled(String name) {
        try (InputStream in = BrokerConfig.class.getResourceAsStream("/broker-conf/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the launcher jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the launcher jar: " + e.getMessage(), e);
        }
    }

    private BrokerConfig() {}
}
