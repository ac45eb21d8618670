package io.mqttplatform.broker.extension.hivemq;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.mqttplatform.broker.testkit.BrokerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of HiveMQ CE's internals that the read back-pressure uses (our extension's {@code HiveMqInternals}: a
 * connection's Netty channel, its decoder, the inbound publish service) are where that class expects them. With a
 * backlog of 1 byte per connection, every PUBLISH stops the connection's reads until HiveMQ has delivered it: if an
 * upgrade moved the channel, the release hook would be missing and each message would wait for the 5 s stale watchdog
 * (400 messages: over half an hour, not the 30 s allowed); if the gate were not in the pipeline nothing would pause and the log would not
 * say the back-pressure is on. Either way this test fails, long before users would notice.
 */
class HiveMqInternalsIT {

    private static final int MESSAGES = 200;

    @Test
    void everyPublishPausesItsConnection_andDeliveryResumesIt(@TempDir Path data) throws Exception {
        try (BrokerProcess broker =
                BrokerProcess.start("internals", data, Map.of("BROKER_BACKLOG_PER_CONNECTION", "1"))) {
            Mqtt3BlockingClient reader = broker.client3("internals-reader");
            reader.connect();
            Mqtt3BlockingClient sender = broker.client3("internals-sender");
            sender.connect();
            List<String> received = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try (var publishes = reader.publishes(MqttGlobalPublishFilter.ALL)) {
                reader.subscribeWith()
                        .topicFilter("lab/internals/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                for (MqttQos qos : List.of(MqttQos.AT_MOST_ONCE, MqttQos.AT_LEAST_ONCE)) {
                    for (int i = 0; i < MESSAGES; i++) {
                        sender.publishWith()
                                .topic("lab/internals/" + qos.getCode())
                                .payload(("m" + i).getBytes())
                                .qos(qos)
                                .send();
                    }
                }
                while (received.size() < 2 * MESSAGES && System.nanoTime() < deadline) {
                    var message = publishes.receive(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (message.isEmpty()) {
                        break;
                    }
                    received.add(message.get().getTopic() + " "
                            + new String(message.get().getPayloadAsBytes()));
                }
            }

            assertThat(received).as("all delivered within 30 s").hasSize(2 * MESSAGES);
            for (int qos = 0; qos <= 1; qos++) {
                String topic = "lab/internals/" + qos + " ";
                assertThat(received.stream().filter(line -> line.startsWith(topic)))
                        .as("QoS %d, in order", qos)
                        .containsExactlyElementsOf(IntStream.range(0, MESSAGES)
                                .mapToObj(i -> topic + "m" + i)
                                .toList());
            }
            assertThat(broker.output())
                    .anyMatch(line -> line.contains("Read back-pressure on: a connection's reads pause at 1 bytes"))
                    .noneMatch(line -> line.contains("read back-pressure needs it"));
            sender.disconnect();
            reader.disconnect();
        }
    }
}
