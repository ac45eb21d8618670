package io.mqttplatform.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.mqttplatform.gateway.support.BrokerResource;
import io.mqttplatform.gateway.support.MqttProbe;
import io.mqttplatform.gateway.support.SseClient;
import io.mqttplatform.gateway.support.WsClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** WebSocket and SSE clients get exactly the MQTT messages their filters match, by MQTT's rules. */
@QuarkusTest
@QuarkusTestResource(BrokerResource.class)
class LiveSubscriptionTest {

    @TestHTTPResource("/api/v1/ws")
    URI wsHttp;

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    @Inject
    SubscriptionRegistry registry;

    private URI ws() {
        return URI.create(wsHttp.toString().replaceFirst("^http", "ws"));
    }

    private static void publish(MqttProbe publisher, String topic, String payload) {
        publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), MqttQos.AT_LEAST_ONCE, false);
    }

    @Test
    void websocket_receivesOnlyMatchingMessages_withWildcardsAndEmptyLevels() throws Exception {
        try (WsClient plus = WsClient.open(ws()).subscribe("live/+/temp");
                WsClient hash = WsClient.open(ws()).subscribe("live/#");
                WsClient everything = WsClient.open(ws()).subscribe("#");
                WsClient sys = WsClient.open(ws()).subscribe("$SYS/broker/uptime");
                MqttProbe publisher = new MqttProbe()) {

            publish(publisher, "live/a/temp", "1");
            publish(publisher, "live/a/b/temp", "2");
            publish(publisher, "live//temp", "3");
            publish(publisher, "other/a/temp", "4");

            hash.awaitFrame("message", f -> f.get("payload").asText().equals("3"));
            everything.awaitFrame("message", f -> f.get("payload").asText().equals("4"));
            sys.awaitFrame("message", f -> f.get("topic").asText().equals("$SYS/broker/uptime"));
            assertThat(payloads(plus)).containsExactly("1", "3");
            assertThat(payloads(hash)).containsExactly("1", "2", "3");
            assertThat(everything.frames("message"))
                    .noneMatch(f -> f.get("topic").asText().startsWith("$SYS"));
            JsonNode frame = plus.frames("message").get(0);
            assertThat(frame.get("topic").asText()).isEqualTo("live/a/temp");
            assertThat(frame.get("encoding").asText()).isEqualTo("utf-8");
            assertThat(frame.get("qos").asInt()).isEqualTo(1);
            assertThat(frame.get("retain").asBoolean()).isFalse();
            assertThat(frame.get("receivedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }
    }

    @Test
    void websocket_withOverlappingFilters_getsEachMessageOnce() throws Exception {
        try (WsClient client = WsClient.open(ws()).subscribe("overlap/#", "overlap/+", "overlap/a");
                MqttProbe publisher = new MqttProbe()) {
            publish(publisher, "overlap/a", "once");
            publish(publisher, "overlap/end", "end");

            client.awaitFrame("message", f -> f.get("payload").asText().equals("end"));
            assertThat(payloads(client)).containsExactly("once", "end");
        }
    }

    @Test
    void websocket_binaryPayload_comesAsBase64() throws Exception {
        byte[] binary = {(byte) 0xff, 0, (byte) 0xc3};
        try (WsClient client = WsClient.open(ws()).subscribe("bin/#");
                MqttProbe publisher = new MqttProbe()) {
            publisher.publish("bin/x", binary, MqttQos.AT_MOST_ONCE, false);

            JsonNode frame = client.awaitFrame("message", f -> true);
            assertThat(frame.get("encoding").asText()).isEqualTo("base64");
            assertThat(Base64.getDecoder().decode(frame.get("payload").asText()))
                    .isEqualTo(binary);
        }
    }

    @Test
    void gateway_subscribesAtTheBrokerOnlyToTheUnionOfFilters_andLeavesWithTheLastClient() throws Exception {
        assertThat(registry.activeFilters()).doesNotContain("refcount/#");
        WsClient first = WsClient.open(ws()).subscribe("refcount/#");
        WsClient second = WsClient.open(ws()).subscribe("refcount/#", "refcount/x");
        assertThat(registry.activeFilters())
                .contains("refcount/#", "refcount/x")
                .doesNotContain("#");

        first.close();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.activeFilters().contains("refcount/#"));
        second.send("{\"type\":\"unsubscribe\",\"filters\":[\"refcount/x\"]}");
        second.awaitFrame("unsubscribed", f -> true);
        assertThat(registry.activeFilters()).contains("refcount/#").doesNotContain("refcount/x");

        second.close();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !registry.activeFilters().contains("refcount/#"));
    }

    @Test
    void websocket_unsubscribe_stopsDelivery() throws Exception {
        try (WsClient client = WsClient.open(ws()).subscribe("unsub/#");
                MqttProbe publisher = new MqttProbe()) {
            publish(publisher, "unsub/a", "before");
            client.awaitFrame("message", f -> true);

            client.send("{\"type\":\"unsubscribe\",\"id\":\"u1\",\"filters\":[\"unsub/#\"]}");
            client.awaitFrame("unsubscribed", f -> f.get("id").asText().equals("u1"));
            publish(publisher, "unsub/a", "after");

            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> payloads(client).equals(List.of("before")));
        }
    }

    @Test
    void websocket_publish_reachesMqttAndIsConfirmed() throws Exception {
        try (WsClient client = WsClient.open(ws());
                MqttProbe subscriber = new MqttProbe().subscribe("wspub/#")) {
            client.send(
                    "{\"type\":\"publish\",\"id\":\"p1\",\"topic\":\"wspub/a\",\"payload\":\"from ws\",\"qos\":1,\"retain\":false}");

            JsonNode published =
                    client.awaitFrame("published", f -> f.get("id").asText().equals("p1"));
            assertThat(published.at("/result/status").asText()).isEqualTo("acknowledged");
            assertThat(new String(subscriber.awaitMessages(1).get(0).getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("from ws");
        }
    }

    @Test
    void websocket_badFrames_getErrorFramesAndTheSocketStaysUsable() throws Exception {
        try (WsClient client = WsClient.open(ws())) {
            client.send("{not json");
            client.send("{\"type\":\"subscribe\",\"id\":\"bad\",\"filters\":[\"a/#/b\"]}");
            client.send("{\"type\":\"dance\",\"id\":\"t\"}");
            client.send("{\"type\":\"publish\",\"id\":\"s\",\"topic\":\"$SYS/x\",\"payload\":\"no\"}");

            assertThat(client.awaitFrame("error", f -> f.get("detail").asText().contains("not valid JSON"))
                            .get("status")
                            .asInt())
                    .isEqualTo(400);
            assertThat(client.awaitFrame("error", f -> f.path("id").asText().equals("bad"))
                            .get("detail")
                            .asText())
                    .contains("'#' must be the whole last level");
            assertThat(client.awaitFrame("error", f -> f.path("id").asText().equals("t"))
                            .get("detail")
                            .asText())
                    .contains("unknown frame type 'dance'");
            assertThat(client.awaitFrame("error", f -> f.path("id").asText().equals("s"))
                            .get("status")
                            .asInt())
                    .isEqualTo(403);
            client.subscribe("still/works");
        }
    }

    @Test
    void sse_receivesMatchingMessagesAsNamedEvents() throws Exception {
        try (SseClient sse = new SseClient(URI.create(stream + "?filter=sse/%2B&filter=%24SYS/broker/uptime"));
                MqttProbe publisher = new MqttProbe()) {
            assertThat(sse.status()).isEqualTo(200);
            sse.awaitEvent("subscribed", f -> f.get("filters").size() == 2);

            publish(publisher, "sse/a", "match");
            publish(publisher, "sse/a/b", "no match");
            publish(publisher, "sse/b", "match too");

            sse.awaitEvent("message", f -> f.get("payload").asText().equals("match too"));
            sse.awaitEvent("message", f -> f.get("topic").asText().equals("$SYS/broker/uptime"));
            assertThat(sse.data("message").stream()
                            .filter(f -> f.get("topic").asText().startsWith("sse/"))
                            .map(f -> f.get("payload").asText()))
                    .containsExactly("match", "match too");
        }
    }

    @Test
    void sse_withBadFilter_is400ProblemBeforeTheStreamStarts() {
        given().urlEncodingEnabled(false)
                .when()
                .get("/api/v1/stream?filter=a/%23/b")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().when().get("/api/v1/stream").then().statusCode(400);
    }

    @Test
    void retained_readsMatchingRetainedMessages() {
        try (MqttProbe publisher = new MqttProbe()) {
            publisher.publish("ret/a/temp", "20.5".getBytes(), MqttQos.AT_LEAST_ONCE, true);
            publisher.publish("ret/b/temp", new byte[] {(byte) 0xff}, MqttQos.AT_LEAST_ONCE, true);
            publisher.publish("ret/b/humidity", "40".getBytes(), MqttQos.AT_LEAST_ONCE, true);
        }

        given().urlEncodingEnabled(false)
                .when()
                .get("/api/v1/retained/ret/+/temp")
                .then()
                .statusCode(200)
                .body("filter", equalTo("ret/+/temp"))
                .body("messages", hasSize(2))
                .body("messages[0].topic", equalTo("ret/a/temp"))
                .body("messages[0].payload", equalTo("20.5"))
                .body("messages[1].encoding", equalTo("base64"))
                .body("messages[1].payload", equalTo("/w=="))
                .body("truncated", equalTo(false));
        given().urlEncodingEnabled(false)
                .when()
                .get("/api/v1/retained/ret/%23")
                .then()
                .statusCode(200)
                .body("messages", hasSize(3));
        given().urlEncodingEnabled(false)
                .when()
                .get("/api/v1/retained/nothing/here/%23")
                .then()
                .statusCode(200)
                .body("messages", hasSize(0));
        given().urlEncodingEnabled(false)
                .when()
                .get("/api/v1/retained/a/%23/b")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static List<String> payloads(WsClient client) {
        return client.frames("message").stream()
                .map(f -> f.get("payload").asText())
                .toList();
    }
}
