package io.mqttplatform.broker.embedded;

import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import io.mqttplatform.broker.extension.PlatformExtensionMain;
import io.mqttplatform.broker.extension.config.InvalidConfigException;
import io.mqttplatform.broker.extension.security.SecurityFilesCommand;
import io.mqttplatform.broker.extension.security.password.PasswdCommand;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs HiveMQ CE in this JVM with the bundled config.xml and our extension: {@code java -jar mqtt-broker.jar}.
 * Prints one {@code MQTT broker ready} line when clients can connect, stops the broker on SIGTERM/Ctrl-C, and exits
 * with status 2 and the reason when the configuration is bad or a port is taken.
 */
public final class BrokerLauncher {

    /** The longest warm-up (ExtensionConfig.MAX_WARMUP_SECONDS) with room for a slow machine. */
    private static final long WARMUP_WAIT_MINUTES = 10;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("passwd")) {
            System.exit(PasswdCommand.run(Arrays.copyOfRange(args, 1, args.length), System.err));
        }
        if (args.length > 0 && args[0].equals("security-files")) {
            System.exit(SecurityFilesCommand.run(System.getenv(), System.out, System.err));
        }
        try {
            run(System.getenv());
        } catch (IllegalArgumentException | InvalidConfigException e) {
            System.err.println("Broker not started: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("Broker not started: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Map<String, String> env) throws Exception {
        long started = System.nanoTime();
        LauncherSettings settings = LauncherSettings.from(env);
        checkFree(settings.bindAddress(), settings.mqttPort(), LauncherSettings.MQTT_PORT);
        checkFree(settings.bindAddress(), settings.websocketPort(), LauncherSettings.MQTT_WS_PORT);
        if (settings.tlsOn()) {
            checkFree(settings.bindAddress(), settings.tlsPort(), LauncherSettings.MQTT_TLS_PORT);
        }

        // HiveMQ fills ${ENV:X} from the system property X first, then the environment variable X.
        settings.placeholders().forEach(System::setProperty);

        Path work = Files.createTempDirectory("mqtt-broker-");
        Path configDir =
                settings.configDir().orElseGet(() -> BrokerConfig.write(work.resolve("conf"), settings.tlsOn()));
        Path extensionsDir = settings.extensionsDir().orElse(work.resolve("extensions"));
        Files.createDirectories(extensionsDir);
        Files.createDirectories(settings.dataDir());

        PlatformExtensionMain extension = new PlatformExtensionMain(env);
        EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(configDir)
                .withDataFolder(settings.dataDir())
                .withExtensionsFolder(extensionsDir);
        if (settings.embedExtension()) {
            builder.withEmbeddedExtension(ExtensionDescriptor.embedded(extension));
        }
        EmbeddedHiveMQ broker = builder.build();
        try {
            broker.start().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("HiveMQ could not start with the data folder " + settings.dataDir()
                    + " (BROKER_DATA_DIR): " + cause.getMessage()
                    + " Only one broker can use a data folder at a time.");
        }

        if (extension.startupFailure() != null) {
            broker.stop().join();
            throw new IllegalArgumentException(extension.startupFailure());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> broker.stop().join(), "broker-shutdown"));
        // HiveMQ falls back to its default configuration when config.xml is unreadable: never run like that.
        checkListening(settings.bindAddress(), settings.mqttPort(), LauncherSettings.MQTT_PORT);
        checkListening(settings.bindAddress(), settings.websocketPort(), LauncherSettings.MQTT_WS_PORT);
        if (settings.tlsOn()) {
            checkListening(settings.bindAddress(), settings.tlsPort(), LauncherSettings.MQTT_TLS_PORT);
        }

        // Clients can connect from here on; "ready" waits for the start-up warm-up (BROKER_WARMUP_SECONDS).
        String warmup = settings.embedExtension()
                ? extension.warmedUp().get(WARMUP_WAIT_MINUTES, TimeUnit.MINUTES)
                : "without our extension";
        String host = settings.bindAddress().equals("0.0.0.0") ? "localhost" : settings.bindAddress();
        System.out.printf(
                Locale.ROOT,
                "MQTT broker ready in %.1f s (%s): mqtt://%s:%d%s and ws://%s:%d/mqtt; data in %s%n",
                (System.nanoTime() - started) / 1e9,
                warmup,
                host,
                settings.mqttPort(),
                settings.tlsOn() ? ", mqtts://" + host + ":" + settings.tlsPort() : "",
                host,
                settings.websocketPort(),
                settings.dataDir());
    }

    /** Fails with a message naming the variable when a port is already in use, before HiveMQ starts. */
    private static void checkFree(String address, int port, String variable) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        } catch (IOException e) {
            throw new IllegalArgumentException("port " + port + " on " + address + " (" + variable
                    + ") is already in use or cannot be bound (" + e.getMessage() + "); stop what uses it or set "
                    + variable + " to another port.");
        }
    }

    private static void checkListening(String address, int port, String variable) {
        String host = address.equals("0.0.0.0") ? "127.0.0.1" : address;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            throw new IllegalStateException("HiveMQ started but does not listen on port " + port + " (" + variable
                    + "); config.xml was probably not read, see the log above.");
        }
    }

    private BrokerLauncher() {}
}
