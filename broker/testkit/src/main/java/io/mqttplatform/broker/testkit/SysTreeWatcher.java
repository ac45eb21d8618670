package io.mqttplatform.broker.testkit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A real MQTT 5 client subscribed to {@code $SYS/#} that keeps the latest payload of every topic it receives. */
public final class SysTreeWatcher implements AutoCloseable {

    private final Mqtt5AsyncClient client;
    private final Map<String, String> latest = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    public SysTreeWatcher(int port) {
        client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("sys-watcher")
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildAsync();
        client.connect().join();
        client.subscribeWith()
                .topicFilter("$SYS/#")
                .callback(publish -> {
                    String payload = new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
                    latest.put(publish.getTopic().toString(), payload);
                    received.add(publish.getTopic() + " " + payload);
                })
                .send()
                .join();
    }

    public Map<String, String> latest() {
        return latest;
    }

    public List<String> received() {
        return received;
    }

    public long number(String topic) {
        String value = latest.get(topic);
        if (value == null) {
            throw new AssertionError(topic + " has not been received");
        }
        return Long.parseLong(value);
    }

    public long uptime() {
        return Long.parseLong(
                latest.getOrDefault("$SYS/broker/uptime", "-1 seconds").split(" ")[0]);
    }

    /** Waits until the topic's payload satisfies the condition. */
    public String awaitValue(String topic, Predicate<String> condition) {
        await(topic)
                .atMost(Duration.ofSeconds(20))
                .until(() -> latest.get(topic) != null && condition.test(latest.get(topic)));
        return latest.get(topic);
    }

    /**
     * Waits until the broker has published {@code n} more updates, so that the tree reflects everything done before
     * this call.
     */
    public void awaitUpdates(int n) {
        await("uptime present").atMost(Duration.ofSeconds(20)).until(() -> uptime() >= 0);
        long from = uptime();
        await(n + " $SYS updates").atMost(Duration.ofSeconds(20 + n)).until(() -> uptime() >= from + n);
    }

    @Override
    public void close() {
        client.disconnect().join();
    }
}
