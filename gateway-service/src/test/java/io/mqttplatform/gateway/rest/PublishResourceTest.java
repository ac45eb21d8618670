package io.mqttplatform.gateway.rest;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqttplatform.gateway.support.BrokerResource;
import io.mqttplatform.gateway.support.MqttProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** POST /api/v1/topics/{topic}: what a curl user sends is what an MQTT subscriber gets, byte for byte. */
@QuarkusTest
@QuarkusTestResource(BrokerResource.class)
class PublishResourceTest {

    /** Requests sent with the path exactly as written, as curl sends it (RestAssured would encode '%' again). */
    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().urlEncodingEnabled(false);
    }

    @ParameterizedTest(name = "qos {0}")
    @ValueSource(ints = {0, 1, 2})
    void publish_text_reachesAnMqttSubscriberWithItsQos(int qos) {
        try (MqttProbe subscriber = new MqttProbe().subscribe("rest/text/#")) {
            given().body("Hello World")
                    .queryParam("qos", qos)
                    .when()
                    .post("/api/v1/topics/rest/text/q" + qos)
                    .then()
                    .statusCode(qos == 0 ? 202 : 200)
                    .body("status", equalTo(qos == 0 ? "accepted" : "acknowledged"))
                    .body("topic", equalTo("rest/text/q" + qos))
                    .body("bytes", equalTo(11));

            Mqtt5Publish message = subscriber.awaitMessages(1).get(0);
            assertThat(message.getTopic().toString()).isEqualTo("rest/text/q" + qos);
            assertThat(new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("Hello World");
            assertThat(message.getQos().getCode()).isEqualTo(qos);
        }
    }

    @Test
    void publish_binaryBody_arrivesByteExact() {
        byte[] payload = new byte[4096];
        new Random(7).nextBytes(payload);
        try (MqttProbe subscriber = new MqttProbe().subscribe("rest/binary")) {
            given().contentType("application/octet-stream")
                    .body(payload)
                    .when()
                    .post("/api/v1/topics/rest/binary")
                    .then()
                    .statusCode(200);

            assertThat(subscriber.awaitMessages(1).get(0).getPayloadAsBytes()).isEqualTo(payload);
        }
    }

    @Test
    void publish_jsonBodyWithRetain_isKeptAsTheRetainedValue() {
        String json = "{\"temp\": 21.5, \"unit\": \"°C\"}";
        given().contentType("application/json")
                .body(json)
                .queryParam("retain", "true")
                .when()
                .post("/api/v1/topics/rest/retained/room1")
                .then()
                .statusCode(200)
                .body("retain", equalTo(true));

        try (MqttProbe late = new MqttProbe().subscribe("rest/retained/room1")) {
            Mqtt5Publish message = late.awaitMessages(1).get(0);
            assertThat(message.isRetain()).isTrue();
            assertThat(new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(json);
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void publish_percentEncodedLevelsAndEmptyLevels_reachTheExactTopic() throws Exception {
        try (MqttProbe subscriber = new MqttProbe().subscribe("rest/enc/#")) {
            // the JDK client sends the path untouched (RestAssured's client would collapse "//")
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("/api/v1/topics/rest/enc/room%201//temp"))
                                    .POST(HttpRequest.BodyPublishers.ofString("x"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

            assertThat(subscriber.awaitMessages(1).get(0).getTopic().toString()).isEqualTo("rest/enc/room 1//temp");
        }
    }

    @Test
    void publish_toWildcardTopic_is400NamingTheWildcard() {
        given().body("x")
                .when()
                .post("/api/v1/topics/rest/+/temp")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad request"))
                .body("detail", containsString("wildcard '+'"));
        given().body("x")
                .when()
                .post("/api/v1/topics/rest/%23")
                .then()
                .statusCode(400)
                .body("detail", containsString("wildcard '#'"));
    }

    @Test
    void publish_withNul_is400() {
        given().body("x")
                .when()
                .post("/api/v1/topics/rest/a%00b")
                .then()
                .statusCode(400)
                .body("detail", containsString("NUL character"));
    }

    @Test
    void publish_withQos3OrBadRetain_is400SayingWhatIsAllowed() {
        given().body("x")
                .queryParam("qos", "3")
                .when()
                .post("/api/v1/topics/rest/x")
                .then()
                .statusCode(400)
                .body("detail", equalTo("qos must be 0, 1 or 2; got '3'"));
        given().body("x")
                .queryParam("retain", "maybe")
                .when()
                .post("/api/v1/topics/rest/x")
                .then()
                .statusCode(400)
                .body("detail", equalTo("retain must be true or false; got 'maybe'"));
    }

    @Test
    void publish_overThePayloadLimit_is413WithTheLimit() {
        given().body(new byte[262_145])
                .when()
                .post("/api/v1/topics/rest/big")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("payload is 262145 bytes; the gateway accepts at most 262144"));
    }

    @Test
    void publish_toSys_isAlways403() {
        given().body("fake")
                .when()
                .post("/api/v1/topics/$SYS/broker/version")
                .then()
                .statusCode(403)
                .body("detail", containsString("belong to the broker"));
    }

    @Test
    void access_withAuthOff_isEverything() {
        given().when()
                .get("/api/v1/access")
                .then()
                .statusCode(200)
                .body("key", nullValue())
                .body("publish", contains("#"))
                .body("subscribe", contains("#", "$SYS/#"));
    }
}
