package io.mqttplatform.broker.extension.health;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.broker.testkit.SharedBroker;
import io.mqttplatform.broker.testkit.SysTreeWatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker's health endpoints (HEALTH_PORT) and the probe command of the image and compose file
 * (broker/health-probe.sh), against a broker that serves MQTT and against the same broker hung with SIGSTOP, whose
 * port 1883 still accepts connections.
 */
class HealthEndpointIT {

    @RegisterExtension
    static final SharedBroker shared = SharedBroker.watchingSysEverySecond("health");

    static final Path PROBE =
            Path.of(System.getProperty("broker.dir", ".."), "health-probe.sh").toAbsolutePath();
    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static BrokerProcess broker;

    @BeforeAll
    static void ready() {
        broker = shared.process();
        await("readiness UP")
                .atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/v1/health/readiness").statusCode() == 200);
    }

    @Test
    void servingBroker_livenessAndReadinessSayAMessageWentThrough() throws Exception {
        for (String path : List.of("/api/v1/health/liveness", "/api/v1/health/readiness", "/api/v1/health")) {
            HttpResponse<String> answer = get(path);

            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.body())
                    .as(path)
                    .startsWith("UP: a message went through the broker ")
                    .contains("round trip");
        }
        HttpResponse<String> unknown = get("/api/v1/health/everything");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("/api/v1/health/liveness", "/api/v1/health/readiness");
    }

    @Test
    void servingBroker_probeCommandPassesForBothKinds() throws Exception {
        for (String kind : List.of("liveness", "readiness")) {
            CommandLine.Result result = probe(kind);

            assertThat(result.exitCode()).as(kind + ": " + result.output()).isZero();
            assertThat(result.output()).startsWith("UP: ");
        }
    }

    @Test
    void hungBroker_probeCommandFailsWithinItsTimeout_andPassesAgainOnceItRuns() throws Exception {
        broker.suspend();
        try {
            long began = System.nanoTime();
            CommandLine.Result hung = probe("liveness");
            Duration took = Duration.ofNanos(System.nanoTime() - began);

            assertThat(hung.exitCode()).isNotZero();
            assertThat(hung.output()).contains("did not answer within 3 s");
            assertThat(took).isLessThan(Duration.ofSeconds(8));
        } finally {
            broker.resume();
        }
        await("probe passing again")
                .atMost(Duration.ofSeconds(30))
                .until(() -> probe("readiness").exitCode() == 0);
    }

    @Test
    void theProbesOwnClient_isNeitherCountedNorLoggedNorSeenBySubscribersToEverything() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Mqtt5AsyncClient everything = MqttClient.builder()
                .useMqttVersion5()
                .identifier("health-everything")
                .serverHost("127.0.0.1")
                .serverPort(broker.mqttPort)
                .buildAsync();
        everything.connect().join();
        try {
            everything
                    .subscribeWith()
                    .topicFilter("#")
                    .callback(message -> seen.add(message.getTopic().toString()))
                    .send()
                    .join();
            // The check runs every 5 s: over 11 s at least two round trips happen while this client reads '#'.
            await("no probe message for 11 s")
                    .during(Duration.ofSeconds(11))
                    .atMost(Duration.ofSeconds(13))
                    .until(() -> seen.stream().noneMatch(topic -> topic.startsWith("mqtt-platform/health")));
        } finally {
            everything.disconnect().join();
        }
        assertThat(seen).noneMatch(topic -> topic.startsWith("mqtt-platform/health"));
        SysTreeWatcher sys = shared.sys();
        sys.awaitUpdates(2);
        assertThat(sys.number("$SYS/broker/clients/connected")).isEqualTo(1); // the watcher only
        assertThat(broker.output()).noneMatch(line -> line.contains("mqtt-platform-health"));
    }

    private static CommandLine.Result probe(String kind) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PROBE.toString(), kind).redirectErrorStream(true);
        builder.environment().put("HEALTH_PORT", Integer.toString(broker.healthPort));
        return CommandLine.finish(builder.start(), Duration.ofSeconds(15));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broker.healthPort + path))
                        .timeout(Duration.ofSeconds(3))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
