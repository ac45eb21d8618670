package io.mqttplatform.broker.extension;

import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.SysTreeWatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged extension folder (what the container image copies into /opt/hivemq/extensions/) loads into a stock
 * HiveMQ CE and does its work: proves the drop-in package, not just the classes.
 */
class ExtensionFolderIT {

    private static final Path PACKAGED = Path.of(System.getProperty("extension.folder"));

    @Test
    void packagedExtensionFolder_loadsAndPublishesTheSysTree(@TempDir Path data, @TempDir Path extensions)
            throws Exception {
        copyExtension(extensions);

        try (BrokerProcess broker = BrokerProcess.start(
                        "extension-folder",
                        data,
                        Map.of(
                                "SYS_INTERVAL",
                                "1",
                                "BROKER_EMBEDDED_EXTENSION",
                                "false",
                                "BROKER_EXTENSIONS_DIR",
                                extensions.toString()));
                SysTreeWatcher sys = new SysTreeWatcher(broker.mqttPort)) {

            assertThat(sys.awaitValue("$SYS/broker/version", v -> true))
                    .isEqualTo("HiveMQ Community Edition version 2025.5");
            sys.awaitValue("$SYS/broker/clients/connected", "1"::equals);
            assertThat(broker.output())
                    .anyMatch(line -> line.contains(
                                    "Extension \"MQTT platform: $SYS tree, connection log, security files, health, read back-pressure, bridges, operations API\"")
                            && line.contains("started successfully"));
            assertThat(broker.output()).noneMatch(line -> line.contains("Embedded extension"));
            // As in the image: the health check's MQTT client and the delivery window work from the folder's jars.
            assertThat(broker.output()).anyMatch(line -> line.contains("QoS 1 and 2 delivery window: 500 messages"));
            await("readiness UP")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> broker.output().stream()
                            .anyMatch(
                                    line -> line.contains("Broker health: ready (a message went through the broker")));
            // The operations API's JSON comes from HiveMQ's own Jackson, which the folder's jar leaves out.
            HttpResponse<String> clients = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + broker.healthPort + "/api/v1/mqtt/clients"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(clients.statusCode()).isEqualTo(200);
            assertThat(clients.body()).contains("\"connected\":1");
        }
    }

    @Test
    void packagedExtensionFolder_withBadSetting_isNotStartedAndSaysWhy(@TempDir Path data, @TempDir Path extensions)
            throws Exception {
        copyExtension(extensions);

        try (BrokerProcess broker = BrokerProcess.start(
                "extension-folder-bad",
                data,
                Map.of(
                        "SYS_INTERVAL",
                        "-3",
                        "BROKER_EMBEDDED_EXTENSION",
                        "false",
                        "BROKER_EXTENSIONS_DIR",
                        extensions.toString()))) {

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> broker.output().stream()
                            .anyMatch(line -> line.contains("Extension not started: SYS_INTERVAL='-3' is not valid")));
        }
    }

    @Test
    void packagedExtensionFolder_isOneJarThatCarriesTheMqttClientItUses() throws IOException {
        // HiveMQ loads each jar of an extension folder with a class loader of its own (and this launcher has the
        // client anyway), so only this check catches an extension jar that needs a jar beside it.
        try (Stream<Path> files = Files.list(PACKAGED)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("hivemq-extension.xml", "mqtt-platform-extension.jar");
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(
                PACKAGED.resolve("mqtt-platform-extension.jar").toFile())) {
            assertThat(jar.getEntry("com/hivemq/client/mqtt/mqtt5/Mqtt5Client.class"))
                    .isNotNull();
            assertThat(jar.getEntry("io/mqttplatform/broker/extension/PlatformExtensionMain.class"))
                    .isNotNull();
            assertThat(jar.getEntry("com/hivemq/extension/sdk/api/ExtensionMain.class"))
                    .as("the SDK is HiveMQ's")
                    .isNull();
        }
    }

    private static void copyExtension(Path extensions) throws IOException {
        Path target = extensions.resolve(PACKAGED.getFileName());
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(PACKAGED)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        assertThat(target.resolve("hivemq-extension.xml")).exists();
    }
}
