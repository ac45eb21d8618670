package io.mqttplatform.broker.extension.load;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.mqttplatform.broker.testkit.BrokerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The start-up warm-up (BROKER_WARMUP_SECONDS) as a user sees it: clients can connect while it runs, the broker says
 * it is ready only after it, none of its messages reaches a user's {@code #} subscription, and the $SYS tree is
 * published meanwhile while its counters leave the warm-up's thousands of messages out. With the broker secured (no anonymous clients, an ACL that grants nothing
 * but {@code lab/#}), its clients still get in and through.
 */
class StartupWarmupIT {

    private static final Pattern DONE = Pattern.compile("Start-up warm-up done: ([0-9,]+) messages in ([0-9.]+) s\\.");
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readyAfterTheWarmup_whichNoUserSeesOrCounts(@TempDir Path data) throws Exception {
        try (BrokerProcess broker =
                BrokerProcess.launch("warmup", data, Map.of("BROKER_WARMUP_SECONDS", "6", "SYS_INTERVAL", "1"))) {
            Mqtt3BlockingClient everything = broker.client3("warmup-everything");
            await("the listener, before the broker is ready")
                    .atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> {
                        everything.connect();
                        return true;
                    });
            List<String> topics = new CopyOnWriteArrayList<>();
            everything
                    .toAsync()
                    .publishes(
                            MqttGlobalPublishFilter.ALL,
                            message -> topics.add(message.getTopic().toString()));
            everything
                    .subscribeWith()
                    .topicFilter("#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            everything.subscribeWith().topicFilter("$SYS/broker/uptime").send();
            await("$SYS published during the warm-up, as mosquitto publishes it from the start")
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> topics.contains("$SYS/broker/uptime"));
            assertThat(broker.output()).as("not ready yet").noneMatch(line -> line.startsWith("MQTT broker ready"));
            HttpResponse<String> readiness = readiness(broker);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("warming up");

            await("ready").atMost(Duration.ofSeconds(60)).until(() -> ready(broker));
            long messages = warmupMessages(broker);
            assertThat(messages).as("messages the warm-up sent").isGreaterThan(1_000);
            assertThat(broker.output())
                    .anyMatch(line -> line.startsWith("MQTT broker ready") && line.contains("after a warm-up of"))
                    .noneMatch(line -> line.contains("ended early"))
                    .as("the warm-up's own clients warned of nothing")
                    .noneMatch(line -> line.contains("No publish flow registered"));
            await("readiness UP")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> readiness(broker).statusCode() == 200);

            Mqtt3BlockingClient watcher = broker.client3("warmup-sys");
            watcher.connect();
            try (var publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
                watcher.subscribeWith()
                        .topicFilter("$SYS/broker/publish/messages/+")
                        .send();
                long received = -1;
                long sent = -1;
                while (received < 0 || sent < 0) {
                    var message = publishes
                            .receive(10, java.util.concurrent.TimeUnit.SECONDS)
                            .orElseThrow(() -> new AssertionError("no $SYS publish counters within 10 s"));
                    long value = Long.parseLong(new String(message.getPayloadAsBytes()));
                    if (message.getTopic().toString().endsWith("/received")) {
                        received = value;
                    } else if (message.getTopic().toString().endsWith("/sent")) {
                        sent = value;
                    }
                }
                assertThat(received).as("$SYS/broker/publish/messages/received").isLessThan(100);
                assertThat(sent).as("$SYS/broker/publish/messages/sent").isLessThan(1_000);
            }
            assertThat(topics).as("what '#' received").noneMatch(topic -> topic.contains("warmup"));
            watcher.disconnect();
            everything.disconnect();
        }
    }

    @Test
    void aSecuredBrokerWarmsUpToo(@TempDir Path data) throws Exception {
        Path acl = data.resolve("acl");
        Files.writeString(acl, "topic readwrite lab/#\n");
        try (BrokerProcess broker = BrokerProcess.start(
                "warmup-secured",
                data.resolve("broker"),
                Map.of("BROKER_WARMUP_SECONDS", "3", "ALLOW_ANONYMOUS", "false", "ACL_FILE", acl.toString()))) {
            assertThat(warmupMessages(broker)).isGreaterThan(1_000);
            assertThat(broker.output()).noneMatch(line -> line.contains("ended early"));
            // The warm-up's client ids are not a way in: without the broker's own secret they are clients like any.
            Mqtt3BlockingClient impostor = broker.client3("mqtt-platform-health-warmup-sub5");
            assertThatThrownBy(impostor::connect).hasMessageContaining("NOT_AUTHORIZED");
        }
    }

    private static boolean ready(BrokerProcess broker) {
        return broker.output().stream().anyMatch(line -> line.startsWith("MQTT broker ready"));
    }

    private static long warmupMessages(BrokerProcess broker) {
        return broker.output().stream()
                .map(DONE::matcher)
                .filter(Matcher::find)
                .map(m -> Long.parseLong(m.group(1).replace(",", "")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no warm-up line in:\n" + String.join("\n", broker.output())));
    }

    private static HttpResponse<String> readiness(BrokerProcess broker) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broker.healthPort + "/api/v1/health/readiness"))
                        .timeout(Duration.ofSeconds(3))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
