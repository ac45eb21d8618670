package io.mqttplatform.broker.extension.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.broker.testkit.SharedBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations API on the health port (docs/interfaces.md, "Operations API") with real clients: the HiveMQ client
 * on MQTT 5 and 3.1.1, paho pinned to MQTT 3.1, mosquitto_sub; what an operator sees of them, and what a client sees
 * when it is disconnected.
 */
class OperationsApiIT {

    @RegisterExtension
    static final SharedBroker shared = SharedBroker.withVariables("operations", Map.of("SYS_INTERVAL", "1"));

    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final ObjectMapper json = new ObjectMapper();
    static BrokerProcess broker;
    static final Map<Process, BufferedReader> outputs = new ConcurrentHashMap<>();

    @BeforeAll
    static void ready() {
        broker = shared.process();
    }

    @Test
    void realClients_appearWithWhatTheirConnectSaid() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Mqtt5BlockingClient five = broker.client5("ops-five");
        five.connectWith()
                .keepAlive(33)
                .cleanStart(false)
                .sessionExpiryInterval(600)
                .simpleAuth()
                .username("anna")
                .applySimpleAuth()
                .send();
        five.subscribeWith()
                .topicFilter("lab/five/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        Mqtt3BlockingClient three = broker.client3("ops-three");
        three.connectWith().keepAlive(20).cleanSession(true).send();
        CommandLine.require("mosquitto_sub", "mosquitto-clients");
        Process sub = CommandLine.start(
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(broker.mqttPort),
                "-i",
                "ops-mosquitto-sub",
                "-u",
                "instrument",
                "-t",
                "lab/cli/+",
                "-q",
                "1",
                "-k",
                "40");
        CommandLine.require("python3", "python3-paho-mqtt");
        Process paho = python("ops-paho-v31", "paho-user", "lab/py/#");
        try {
            awaitLine(paho, "subscribed");
            await("all four listed")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> ids(get("/clients?q=ops-"))
                            .containsAll(List.of("ops-five", "ops-three", "ops-mosquitto-sub", "ops-paho-v31")));

            JsonNode list = get("/clients?q=ops-").body();
            JsonNode fiveListed = item(list, "ops-five");
            assertThat(fiveListed.path("connected").asBoolean()).isTrue();
            assertThat(fiveListed.path("protocol").asText()).isEqualTo("5");
            assertThat(fiveListed.path("keepAlive").asInt()).isEqualTo(33);
            assertThat(fiveListed.path("cleanStart").asBoolean()).isFalse();
            assertThat(fiveListed.path("sessionExpiry").asLong()).isEqualTo(600);
            assertThat(fiveListed.path("username").asText()).isEqualTo("anna");
            assertThat(fiveListed.path("address").asText()).isEqualTo("127.0.0.1");
            assertThat(Instant.parse(fiveListed.path("connectedAt").asText())).isBetween(before, Instant.now());
            assertThat(fiveListed.path("disconnectedAt").isNull()).isTrue();
            assertThat(item(list, "ops-three").path("protocol").asText()).isEqualTo("3.1.1");
            assertThat(item(list, "ops-three").path("keepAlive").asInt()).isEqualTo(20);
            assertThat(item(list, "ops-three").path("username").isNull()).isTrue();
            assertThat(item(list, "ops-mosquitto-sub").path("keepAlive").asInt())
                    .isEqualTo(40);
            assertThat(item(list, "ops-mosquitto-sub").path("username").asText())
                    .isEqualTo("instrument");
            assertThat(item(list, "ops-paho-v31").path("protocol").asText()).isEqualTo("3.1");
            assertThat(item(list, "ops-paho-v31").path("username").asText()).isEqualTo("paho-user");
            assertThat(list.path("connected").asLong()).isGreaterThanOrEqualTo(4);
            assertThat(list.path("total").asInt()).isEqualTo(list.path("items").size());

            JsonNode one = get("/clients/ops-five").body();
            assertThat(one.path("subscriptions")).singleElement().satisfies(s -> {
                assertThat(s.path("filter").asText()).isEqualTo("lab/five/#");
                assertThat(s.path("qos").asInt()).isEqualTo(1);
            });
            assertThat(one.path("queuedMessages").asInt()).isZero();

            JsonNode reaching =
                    get("/subscriptions?topic=" + encode("lab/cli/x")).body();
            assertThat(reaching.path("items"))
                    .anySatisfy(s -> {
                        assertThat(s.path("clientId").asText()).isEqualTo("ops-mosquitto-sub");
                        assertThat(s.path("filter").asText()).isEqualTo("lab/cli/+");
                    })
                    .noneSatisfy(s -> assertThat(s.path("clientId").asText()).isEqualTo("ops-five"));
            JsonNode within = get("/subscriptions?filter=" + encode("lab/#")).body();
            assertThat(within.path("items"))
                    .extracting(s -> s.path("filter").asText())
                    .contains("lab/five/#", "lab/cli/+", "lab/py/#");
        } finally {
            five.disconnect();
            three.disconnect();
            sub.destroy();
            paho.destroy();
        }
    }

    @Test
    void theBrokersOwnClients_areNeverShown() throws Exception {
        JsonNode list = get("/clients?limit=1000").body();
        assertThat(ids(list)).noneMatch(id -> id.startsWith("mqtt-platform-health"));
        assertThat(get("/clients/mqtt-platform-health").status()).isEqualTo(404);
    }

    @Test
    void aPersistentSession_showsItsQueuedMessagesAfterItsConnectionEnded() throws Exception {
        Mqtt5BlockingClient away = broker.client5("ops-away");
        away.connectWith().cleanStart(true).sessionExpiryInterval(3600).send();
        away.subscribeWith().topicFilter("lab/away").qos(MqttQos.AT_LEAST_ONCE).send();
        away.disconnect();
        Mqtt5BlockingClient sender = broker.client5("ops-away-sender");
        sender.connect();
        for (int i = 0; i < 3; i++) {
            sender.publishWith()
                    .topic("lab/away")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new byte[] {1})
                    .send();
        }
        sender.disconnect();

        await("3 queued")
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        get("/clients/ops-away").body().path("queuedMessages").asInt() == 3);
        JsonNode one = get("/clients/ops-away").body();
        assertThat(one.path("connected").asBoolean()).isFalse();
        assertThat(one.path("disconnectedAt").asText()).isNotEmpty();
        assertThat(one.path("subscriptions")).hasSize(1);
        assertThat(ids(get("/clients?connected=false&q=ops-away").body())).containsExactly("ops-away");
        // the sender's session ended with its connection (session expiry 0): it is gone
        assertThat(get("/clients/ops-away-sender").status()).isEqualTo(404);

        Answer removed = delete("/clients/ops-away/connection?removeSession=true");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().path("sessionRemoved").asBoolean()).isTrue();
        assertThat(get("/clients/ops-away").status()).isEqualTo(404);
    }

    @Test
    void disconnect_closesAnMqtt5ClientsConnectionWithAdministrativeAction() throws Exception {
        CompletableFuture<Throwable> closed = new CompletableFuture<>();
        Mqtt5BlockingClient victim = MqttClient.builder()
                .useMqttVersion5()
                .identifier("ops-victim")
                .serverHost("127.0.0.1")
                .serverPort(broker.mqttPort)
                .addDisconnectedListener(context -> {
                    if (context.getSource() == MqttDisconnectSource.SERVER) {
                        closed.complete(context.getCause());
                    }
                })
                .buildBlocking();
        victim.connect();

        Answer answer = delete("/clients/ops-victim/connection");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("disconnected").asBoolean()).isTrue();
        assertThat(answer.body().path("sessionRemoved").asBoolean()).isFalse();
        Throwable cause = closed.get(10, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(Mqtt5DisconnectException.class);
        assertThat(((Mqtt5DisconnectException) cause).getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION);
        // clean start, no session expiry: nothing is left of it
        await("gone")
                .atMost(Duration.ofSeconds(5))
                .until(() -> get("/clients/ops-victim").status() == 404);
        assertThat(delete("/clients/ops-victim/connection").status()).isEqualTo(404);
    }

    @Test
    void disconnect_closesAPahoMqtt31ClientsConnection() throws Exception {
        Process paho = python("ops-paho-victim", "lab", "lab/victim");
        try {
            awaitLine(paho, "subscribed");
            await("listed")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> get("/clients/ops-paho-victim").status() == 200);

            assertThat(delete("/clients/ops-paho-victim/connection").status()).isEqualTo(200);

            assertThat(awaitLine(paho, "connection closed")).startsWith("connection closed rc=");
            assertThat(paho.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(paho.exitValue()).isZero();
        } finally {
            paho.destroy();
        }
    }

    @Test
    void pages_listEveryClientOnceInIdOrder() throws Exception {
        List<Mqtt3BlockingClient> clients = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Mqtt3BlockingClient client = broker.client3(String.format("ops-page-%02d", i));
            client.connect();
            clients.add(client);
        }
        try {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = get("/clients?q=ops-page-&limit=10" + (cursor == null ? "" : "&cursor=" + cursor))
                        .body();
                assertThat(page.path("total").asInt()).isEqualTo(25);
                seen.addAll(ids(page));
                cursor = page.path("cursor").isNull()
                        ? null
                        : page.path("cursor").asText();
                pages++;
            } while (cursor != null);

            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
        } finally {
            clients.forEach(Mqtt3BlockingClient::disconnect);
        }
    }

    @Test
    void retainedMessages_listedAndDeletedByFilter() throws Exception {
        Mqtt5BlockingClient client = broker.client5("ops-retainer");
        client.connect();
        for (String topic : List.of("ops/keep/a", "ops/drop/a", "ops/drop/b")) {
            client.publishWith()
                    .topic(topic)
                    .retain(true)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("12345".getBytes(StandardCharsets.UTF_8))
                    .send();
        }
        client.disconnect();

        JsonNode listed = get("/retained?filter=" + encode("ops/#")).body();
        assertThat(listed.path("items"))
                .extracting(m -> m.path("topic").asText())
                .containsExactly("ops/drop/a", "ops/drop/b", "ops/keep/a");
        assertThat(listed.path("items").get(0).path("payloadBytes").asInt()).isEqualTo(5);
        assertThat(ids(get("/retained").body(), "topic")).noneMatch(topic -> topic.startsWith("$SYS"));

        Answer deleted = delete("/retained?filter=" + encode("ops/drop/+"));
        assertThat(deleted.body().path("deleted").asInt()).isEqualTo(2);
        assertThat(ids(get("/retained?filter=" + encode("ops/#")).body(), "topic"))
                .containsExactly("ops/keep/a");
        assertThat(delete("/retained").status()).isEqualTo(400);
    }

    @Test
    void badRequests_sayWhichParameterAndWhatIsAllowed() throws Exception {
        Answer limit = get("/clients?limit=0");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.body().path("detail").asText()).contains("limit", "1 to 1000");
        assertThat(get("/clients?connected=maybe").body().path("detail").asText())
                .contains("connected", "true or false");
        assertThat(get("/clients?cursor=%25%25").status()).isEqualTo(400);
        assertThat(get("/clients?limt=5").body().path("detail").asText()).contains("limt");
        Answer topic = get("/subscriptions?topic=" + encode("lab/#"));
        assertThat(topic.status()).isEqualTo(400);
        assertThat(topic.body().path("detail").asText()).contains("topic", "wildcards");
        assertThat(get("/subscriptions?filter=" + encode("lab/#/x"))
                        .body()
                        .path("detail")
                        .asText())
                .contains("filter", "lab/#/x");
        Answer unknown = get("/everything");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("detail").asText()).contains("/api/v1/mqtt/clients");
        assertThat(request("POST", "/clients", null).status()).isEqualTo(405);
    }

    @Test
    void aToken_isRequiredWhenSet_andASecuredBrokerWithoutOneRefusesEveryRequest(@TempDir Path dir) throws Exception {
        try (BrokerProcess withToken =
                BrokerProcess.start("operations-token", dir.resolve("a"), Map.of("BROKER_ADMIN_TOKEN", "s3cret"))) {
            assertThat(request(withToken, "GET", "/clients", null).status()).isEqualTo(401);
            assertThat(request(withToken, "GET", "/clients", "wrong").status()).isEqualTo(401);
            assertThat(request(withToken, "GET", "/clients", "s3cret").status()).isEqualTo(200);
        }
        try (BrokerProcess secured =
                BrokerProcess.start("operations-secured", dir.resolve("b"), Map.of("ALLOW_ANONYMOUS", "false"))) {
            Answer refused = request(secured, "GET", "/clients", null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().path("detail").asText()).contains("BROKER_ADMIN_TOKEN");
        }
    }

    @Test
    void aSessionKeptAcrossARestart_isListedAsDisconnected_withWhatHiveMqKnows(@TempDir Path data) throws Exception {
        try (BrokerProcess first = BrokerProcess.start("operations-before", data, Map.of())) {
            Mqtt5BlockingClient client = first.client5("ops-kept");
            client.connectWith().sessionExpiryInterval(3600).send();
            client.subscribeWith()
                    .topicFilter("lab/kept")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            client.disconnect();
        }
        try (BrokerProcess again = BrokerProcess.start("operations-after", data, Map.of())) {
            await("the kept session listed")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> ids(request(again, "GET", "/clients?connected=false", null))
                            .contains("ops-kept"));
            JsonNode kept = request(again, "GET", "/clients/ops-kept", null).body();
            assertThat(kept.path("connected").asBoolean()).isFalse();
            assertThat(kept.path("sessionExpiry").asLong()).isEqualTo(3600);
            assertThat(kept.path("connectedAt").isNull()).isTrue(); // from before this start: HiveMQ does not keep it
            assertThat(kept.path("subscriptions"))
                    .extracting(s -> s.path("filter").asText())
                    .containsExactly("lab/kept");
        }
    }

    record Answer(int status, JsonNode body) {}

    static Answer get(String path) throws Exception {
        return request(broker, "GET", path, null);
    }

    static Answer delete(String path) throws Exception {
        return request(broker, "DELETE", path, null);
    }

    static Answer request(String method, String path, String token) throws Exception {
        return request(broker, method, path, token);
    }

    static Answer request(BrokerProcess target, String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + target.healthPort + "/api/v1/mqtt" + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()));
    }

    static List<String> ids(Answer answer) {
        return ids(answer.body());
    }

    static List<String> ids(JsonNode list) {
        return ids(list, "id");
    }

    static List<String> ids(JsonNode list, String field) {
        List<String> ids = new ArrayList<>();
        list.path("items").forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    static JsonNode item(JsonNode list, String id) {
        for (JsonNode item : list.path("items")) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no client " + id + " in " + list);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static Process python(String clientId, String username, String topic) throws Exception {
        Path script = Path.of(Objects.requireNonNull(OperationsApiIT.class.getResource("/paho_mqttv31_client.py"))
                .toURI());
        return new ProcessBuilder(
                        "/usr/bin/python3",
                        script.toString(),
                        Integer.toString(broker.mqttPort),
                        clientId,
                        username,
                        topic)
                .redirectErrorStream(true)
                .start();
    }

    /** Waits at most 15 s for the process to print a line starting with {@code start}; returns it. */
    static String awaitLine(Process process, String start) throws Exception {
        BufferedReader reader = outputs.computeIfAbsent(
                process, p -> new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String each = reader.readLine(); each != null; each = reader.readLine()) {
                    if (each.startsWith(start)) {
                        return each;
                    }
                }
                throw new AssertionError("the process ended without printing '" + start + "'");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return line.get(15, TimeUnit.SECONDS);
    }
}
