package io.mqttplatform.gateway;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.mqttplatform.broker.testkit.ContainerBroker;
import io.mqttplatform.gateway.support.GatewayProcess;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged gateway against the platform's broker image (Testcontainers), as compose and the chart run them: a
 * publish through the gateway reaches an MQTT 3.1.1 subscriber of the container, and the broker's `$SYS` tree, which
 * the image's extension publishes, is readable through the gateway.
 */
class BrokerImageContainerIT {

    @Test
    void gateway_onTheBrokerImage_publishesToMqttClients_andReadsTheSysTree() throws Exception {
        try (ContainerBroker broker = ContainerBroker.start(Map.of("SYS_INTERVAL", "1"));
                GatewayProcess gateway = GatewayProcess.start(broker.mqttPort(), Map.of())) {
            Mqtt3BlockingClient subscriber = MqttClient.builder()
                    .useMqttVersion3()
                    .identifier("container-it")
                    .serverHost(broker.host())
                    .serverPort(broker.mqttPort())
                    .buildBlocking();
            subscriber.connect();
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
                subscriber
                        .subscribeWith()
                        .topicFilter("lab/container")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();

                HttpResponse<String> published = send(
                        gateway,
                        HttpRequest.newBuilder(gateway.base.resolve("/api/v1/topics/lab/container?qos=1"))
                                .POST(HttpRequest.BodyPublishers.ofString("through the image")));

                assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
                Optional<Mqtt3Publish> received = publishes.receive(10, TimeUnit.SECONDS);
                assertThat(received).isPresent();
                assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("through the image");
            } finally {
                subscriber.disconnect();
            }

            HttpResponse<String> version = send(
                    gateway,
                    HttpRequest.newBuilder(gateway.base.resolve("/api/v1/retained/$SYS/broker/version"))
                            .GET());
            assertThat(version.statusCode()).isEqualTo(200);
            assertThat(version.body()).contains("HiveMQ Community Edition version 2025.5");
            assertThat(broker.logs()).contains("New client connected").contains("container-it");
        }
    }

    private static HttpResponse<String> send(GatewayProcess gateway, HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
