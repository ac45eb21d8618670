package io.mqttplatform.sysmetrics;

import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.ContainerBroker;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sys-metrics-service against the platform's broker image (Testcontainers), as compose and the chart run
 * them: the image's `$SYS` tree becomes mqtt_broker_* metrics, with the broker up and its version as info.
 */
class BrokerImageContainerIT {

    private static final Pattern UP = Pattern.compile("(?m)^mqtt_broker_up 1(\\.0)?$");
    private static final Pattern CONNECTED = Pattern.compile("(?m)^mqtt_broker_clients_connected [1-9]");

    @Test
    void sysMetrics_onTheBrokerImage_exportsItsSysTree() throws Exception {
        int port = BrokerProcess.freePort();
        try (ContainerBroker broker = ContainerBroker.start(Map.of("SYS_INTERVAL", "1"))) {
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx128m",
                            "-jar",
                            System.getProperty("sys-metrics.jar", "target/quarkus-app/quarkus-run.jar"))
                    .redirectErrorStream(true)
                    .redirectOutput(
                            Path.of("target", "sys-metrics-container-it.log").toFile());
            builder.environment()
                    .putAll(Map.of(
                            "SYS_METRICS_HOST",
                            "127.0.0.1",
                            "SYS_METRICS_PORT",
                            Integer.toString(port),
                            "SYS_METRICS_BROKER_HOST",
                            broker.host(),
                            "SYS_METRICS_BROKER_PORT",
                            Integer.toString(broker.mqttPort()),
                            "SYS_METRICS_BROKER_SYS_INTERVAL",
                            "1s"));
            Process service = builder.start();
            try {
                AtomicReference<String> metrics = new AtomicReference<>("");
                // The first $SYS update may predate the service's own connection (clients/connected 0): wait for one
                // after.
                await("mqtt_broker_up 1 with this client counted")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            assertThat(service.isAlive())
                                    .as("sys-metrics-service running")
                                    .isTrue();
                            metrics.set(scrape(port));
                            return UP.matcher(metrics.get()).find()
                                    && CONNECTED.matcher(metrics.get()).find();
                        });
                assertThat(metrics.get())
                        .contains("mqtt_broker_info{version=\"HiveMQ Community Edition version 2025.5\"} 1")
                        .containsPattern("(?m)^mqtt_broker_uptime_seconds [0-9]");
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    private static String scrape(int port) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            return "";
        }
    }
}
