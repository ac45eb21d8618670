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

/**
 * The gateway reaches a broker over TLS with a username and password, also after the broker restarted, and the broker's
 * ACL still applies to it.
 */
@QuarkusTest
@QuarkusTestResource(value = TlsPasswordBrokerResource.class, restrictToAnnotatedClass = true)
class TlsPasswordBrokerTest {

    @Test
    void afterTheBrokerRestarts_theGatewayConnectsAgainWithItsPassword() throws Exception {
        awaitReady();
        TlsPasswordBrokerResource.restartBroker();
        // a reconnect without the password would be refused NOT_AUTHORIZED for ever, and the gateway never ready again
        awaitReady();
        Mqtt5BlockingClient observer = observer();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
                observer.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            observer.subscribeWith()
                    .topicFilter("lab/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            given().body("after restart")
                    .queryParam("qos", 1)
                    .when()
                    .post("/api/v1/topics/lab/tls/restarted")
                    .then()
                    .statusCode(200);
            Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("after restart");
        } finally {
            observer.disconnect();
        }
    }

    private static void awaitReady() {
        await("gateway connected to the broker over TLS with its password")
                .atMost(Duration.ofSeconds(30))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
    }

    private static Mqtt5BlockingClient observer() {
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
        return observer;
    }

    @Test
    void publishOverTlsWithPassword_reachesASubscriber_andTheBrokersAclRefusesTheRest() throws Exception {
        // the gateway is ready once its TLS connection with the password is up
        awaitReady();
        Mqtt5BlockingClient observer = observer();
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
