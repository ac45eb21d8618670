package io.mqttplatform.gateway.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqttplatform.gateway.support.TlsPasswordBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway reaches a broker over TLS with a username and password, and the broker's ACL still applies to it. */
@QuarkusTest
@QuarkusTestResource(value = TlsPasswordBrokerResource.class, restrictToAnnotatedClass = true)
class TlsPasswordBrokerTest {

    @Test
    void publishOverTlsWithPassword_reachesASubscriber_andTheBrokersAclRefusesTheRest() throws Exception {
        // the gateway is ready once its TLS connection with the password is up
        await("gateway connected to the broker over TLS")
                .atMost(Duration.ofSeconds(30))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
        Mqtt5BlockingClient observer = MqttClient.builder()
                .useMqttVersion5()
                .identifier("tls-observer")
                .serverHost("127.0.0.1")
                .serverPort(TlsPasswordBrokerResource.plainPort())
                .buildBlocking();
        observer.connectWith()
                .simpleAuth()
                .username(TlsPasswordBrokerResource.OBSERVER)
                .password(TlsPasswordBrokerResource.OBSERVER_PASSWORD.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
                observer.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            observer.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send();

            given().body("21.5")
                    .queryParam("qos", 1)
                    .when()
                    .post("/api/v1/topics/lab/tls/temperature")
                    .then()
                    .statusCode(200);
            Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(received.get().getTopic().toString()).isEqualTo("lab/tls/temperature");
            assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("21.5");

            given().body("x")
                    .queryParam("qos", 1)
                    .when()
                    .post("/api/v1/topics/office/door")
                    .then()
                    .statusCode(403);
            assertThat(publishes.receive(1, TimeUnit.SECONDS)).isEmpty();
        } finally {
            observer.disconnect();
        }
    }
}
