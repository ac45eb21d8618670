package io.mqttplatform.gateway.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.mqttplatform.gateway.support.BrokerResource;
import io.mqttplatform.gateway.support.MqttProbe;
import io.mqttplatform.gateway.support.WsClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The broker goes away and comes back: the gateway says so, and recovers by itself. */
@QuarkusTest
@QuarkusTestResource(BrokerResource.class)
class BrokerOutageTest {

    @TestHTTPResource("/api/v1/ws")
    URI ws;

    @Test
    void brokerStopped_publishesGet503AndHealthIsDown_brokerBack_everythingWorksAgain() throws Exception {
        try (WsClient live = WsClient.open(URI.create(ws.toString().replaceFirst("^http", "ws")))
                .subscribe("outage/#")) {
            BrokerResource.stopBroker();
            try {
                await("readiness down")
                        .atMost(Duration.ofSeconds(15))
                        .untilAsserted(() ->
                                given().when().get("/q/health/ready").then().statusCode(503));
                given().body("x")
                        .when()
                        .post("/api/v1/topics/outage/a")
                        .then()
                        .statusCode(503)
                        .header("Retry-After", "5")
                        .contentType("application/problem+json")
                        .body("detail", containsString("is not reachable"));
                given().urlEncodingEnabled(false)
                        .when()
                        .get("/api/v1/retained/outage/%23")
                        .then()
                        .statusCode(503);
            } finally {
                BrokerResource.startBroker();
            }

            await("readiness up")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> given().when().get("/q/health/ready").then().statusCode(200));
            given().body("back")
                    .when()
                    .post("/api/v1/topics/outage/b")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("acknowledged"));
            try (MqttProbe publisher = new MqttProbe()) {
                publisher.publish("outage/c", "after restart".getBytes(), MqttQos.AT_LEAST_ONCE, false);
            }
            live.awaitFrame("message", f -> f.get("payload").asText().equals("after restart"));
        }
    }
}
