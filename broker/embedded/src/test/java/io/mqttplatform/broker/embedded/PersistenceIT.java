package io.mqttplatform.broker.embedded;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.mqttplatform.broker.testkit.BrokerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the broker acknowledged is still there after a restart on the same data folder (mosquitto's persistence). */
class PersistenceIT {

    @Test
    void retainedAndQueuedQos1Messages_surviveAKilledBroker(@TempDir Path data) throws Exception {
        try (BrokerProcess first = BrokerProcess.start("persist-before", data, Map.of())) {
            Mqtt3BlockingClient logger = first.client3("lab-logger");
            logger.connectWith().cleanSession(false).send();
            logger.subscribeWith()
                    .topicFilter("lab/queue")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            logger.disconnect();

            Mqtt5BlockingClient instrument = first.client5("instrument");
            instrument.connect();
            instrument
                    .publishWith()
                    .topic("lab/retained/temp")
                    .payload("22.5".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .retain(true)
                    .send();
            for (int i = 1; i <= 3; i++) {
                instrument
                        .publishWith()
                        .topic("lab/queue")
                        .payload(("queued-" + i).getBytes())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send(); // returns once the broker acknowledged it
            }
            first.kill();
        }

        try (BrokerProcess second = BrokerProcess.start("persist-after", data, Map.of())) {
            Mqtt3BlockingClient reader = second.client3("reader");
            reader.connect();
            try (var retained = reader.publishes(MqttGlobalPublishFilter.ALL)) {
                reader.subscribeWith().topicFilter("lab/retained/#").send();
                var message = retained.receive(10, TimeUnit.SECONDS).orElseThrow();
                assertThat(message.isRetain()).isTrue();
                assertThat(new String(message.getPayloadAsBytes())).isEqualTo("22.5");
            }
            reader.disconnect();

            Mqtt3BlockingClient logger = second.client3("lab-logger");
            try (var queued = logger.publishes(MqttGlobalPublishFilter.ALL)) {
                Mqtt3ConnAck connAck = logger.connectWith().cleanSession(false).send();
                assertThat(connAck.isSessionPresent()).isTrue();
                List<String> payloads = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    payloads.add(new String(
                            queued.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()));
                }
                assertThat(payloads).containsExactly("queued-1", "queued-2", "queued-3");
            }
            logger.disconnect();
        }
    }
}
