package io.mqttplatform.gateway.support;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** A real MQTT 5 client of the test broker: subscribes and records what it receives, or publishes. */
public final class MqttProbe implements AutoCloseable {

    private final Mqtt5BlockingClient client;
    private final List<Mqtt5Publish> received = new CopyOnWriteArrayList<>();

    public MqttProbe() {
        client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("probe-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost("127.0.0.1")
                .serverPort(BrokerResource.port())
                .buildBlocking();
        client.connect();
    }

    public MqttProbe subscribe(String filter) {
        client.toAsync()
                .subscribeWith()
                .topicFilter(filter)
                .qos(MqttQos.EXACTLY_ONCE)
                .callback(received::add)
                .send()
                .join();
        return this;
    }

    public void publish(String topic, byte[] payload, MqttQos qos, boolean retain) {
        client.publishWith()
                .topic(topic)
                .payload(payload)
                .qos(qos)
                .retain(retain)
                .send();
    }

    public List<Mqtt5Publish> received() {
        return received;
    }

    public List<Mqtt5Publish> awaitMessages(int count) {
        await("" + count + " MQTT messages").atMost(Duration.ofSeconds(20)).until(() -> received.size() >= count);
        return received;
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
