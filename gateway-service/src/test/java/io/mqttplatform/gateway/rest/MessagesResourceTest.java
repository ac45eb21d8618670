package io.mqttplatform.gateway.rest;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqttplatform.gateway.support.BrokerResource;
import io.mqttplatform.gateway.support.MqttProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** POST /api/v1/messages: one JSON message or a batch, all checked before anything is published. */
@QuarkusTest
@QuarkusTestResource(BrokerResource.class)
class MessagesResourceTest {

    @Test
    void oneMessage_withBase64Payload_arrivesByteExact() {
        byte[] payload = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10};
        try (MqttProbe subscriber = new MqttProbe().subscribe("json/one")) {
            given().contentType("application/json")
                    .body(Map.of(
                            "topic",
                            "json/one",
                            "payload",
                            Base64.getEncoder().encodeToString(payload),
                            "encoding",
                            "base64",
                            "qos",
                            2))
                    .when()
                    .post("/api/v1/messages")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("acknowledged"))
                    .body("bytes", equalTo(6));

            assertThat(subscriber.awaitMessages(1).get(0).getPayloadAsBytes()).isEqualTo(payload);
        }
    }

    @Test
    void oneMessage_withJsonObjectPayload_isPublishedAsItsJsonText() {
        try (MqttProbe subscriber = new MqttProbe().subscribe("json/object")) {
            given().contentType("application/json")
                    .body("{\"topic\":\"json/object\",\"payload\":{\"t\":21.5},\"qos\":0}")
                    .when()
                    .post("/api/v1/messages")
                    .then()
                    .statusCode(202);

            assertThat(new String(subscriber.awaitMessages(1).get(0).getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"t\":21.5}");
        }
    }

    @Test
    void batchOf1000_arrivesCompleteAndInOrderPerTopic() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(Map.of("topic", "batch/t" + (i % 4), "payload", Integer.toString(i), "qos", 1));
        }
        try (MqttProbe subscriber = new MqttProbe().subscribe("batch/#")) {
            given().contentType("application/json")
                    .body(batch)
                    .when()
                    .post("/api/v1/messages")
                    .then()
                    .statusCode(200)
                    .body("results", hasSize(1000))
                    .body("results[999].status", equalTo("acknowledged"));

            List<Mqtt5Publish> received = subscriber.awaitMessages(1000);
            assertThat(received).hasSize(1000);
            Map<String, List<Integer>> perTopic = received.stream()
                    .collect(Collectors.groupingBy(
                            m -> m.getTopic().toString(),
                            Collectors.mapping(
                                    m -> Integer.parseInt(new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8)),
                                    Collectors.toList())));
            assertThat(perTopic).hasSize(4);
            perTopic.values()
                    .forEach(sequence -> assertThat(sequence).hasSize(250).isSorted());
        }
    }

    @Test
    void malformedJson_is400WithWhereItBroke() {
        given().contentType("application/json")
                .body("[{\"topic\": \"a\", }]")
                .when()
                .post("/api/v1/messages")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"))
                .body("detail", containsString("line 1, column"));
    }

    @Test
    void batchWithOneBadMessage_publishesNothingAndNamesTheMessageAndField() {
        try (MqttProbe subscriber = new MqttProbe().subscribe("badbatch/#")) {
            given().contentType("application/json")
                    .body("[{\"topic\":\"badbatch/a\",\"payload\":\"ok\"},"
                            + "{\"topic\":\"badbatch/b\",\"payload\":\"%%%\",\"encoding\":\"base64\"},"
                            + "{\"topic\":\"badbatch/c\",\"payload\":\"x\",\"qos\":3},"
                            + "{\"topic\":\"badbatch/+\",\"payload\":\"x\"},"
                            + "{\"topic\":\"badbatch/d\",\"payload\":\"x\",\"qso\":1}]")
                    .when()
                    .post("/api/v1/messages")
                    .then()
                    .statusCode(400)
                    .body("detail", containsString("4 of 5 messages are invalid, so none was published"))
                    .body("errors.index", equalTo(List.of(1, 2, 3, 4)))
                    .body("errors[0].detail", containsString("messages[1].payload is not valid base64"))
                    .body("errors[1].detail", containsString("messages[2].qos must be 0, 1 or 2; got 3"))
                    .body("errors[2].detail", containsString("wildcard '+'"))
                    .body("errors[3].detail", containsString("unknown field 'qso'"));

            await("nothing published")
                    .during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> subscriber.received().isEmpty());
        }
    }

    @Test
    void badEncodingOrOversizedPayloadOrTooManyMessages_getTheirOwnStatus() {
        given().contentType("application/json")
                .body("{\"topic\":\"x\",\"payload\":\"a\",\"encoding\":\"latin1\"}")
                .when()
                .post("/api/v1/messages")
                .then()
                .statusCode(400)
                .body("detail", containsString("encoding 'latin1' is not supported"));
        given().contentType("application/json")
                .body(Map.of("topic", "x", "payload", "a".repeat(262_145)))
                .when()
                .post("/api/v1/messages")
                .then()
                .statusCode(413)
                .body("detail", containsString("payload is 262145 bytes"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("topic", "x", "payload", ""));
        }
        given().contentType("application/json")
                .body(tooMany)
                .when()
                .post("/api/v1/messages")
                .then()
                .statusCode(413)
                .body("detail", containsString("the batch has 1001 messages; at most 1000"));
        given().contentType("application/json")
                .body("[]")
                .when()
                .post("/api/v1/messages")
                .then()
                .statusCode(400)
                .body("detail", containsString("batch is empty"));
    }

    @Test
    void emptyOrOverlongTopic_is400() {
        given().contentType("application/json")
                .body("{\"topic\":\"\",\"payload\":\"a\"}")
                .when()
                .post("/api/v1/messages")
                .then()
                .statusCode(400)
                .body("detail", containsString("topic is empty"));
        given().contentType("application/json")
                .body(Map.of("topic", "t".repeat(65_536), "payload", "a"))
                .when()
                .post("/api/v1/messages")
                .then()
                .statusCode(400)
                .body("detail", containsString("65536 bytes long in UTF-8; MQTT allows at most 65535"));
    }
}
