package io.mqttplatform.broker.extension.hivemq;

import com.codahale.metrics.MetricRegistry;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.configuration.service.MqttConfigurationService.QueuedMessagesStrategy;
import com.hivemq.mqtt.message.QoS;
import com.hivemq.mqtt.message.dropping.MessageDroppedService;
import com.hivemq.mqtt.message.publish.PUBLISH;
import com.hivemq.mqtt.message.publish.PUBLISHFactory;
import com.hivemq.persistence.InMemoryProducerQueues;
import com.hivemq.persistence.clientqueue.ClientQueueLocalPersistence;
import com.hivemq.persistence.local.memory.ClientQueueMemoryLocalPersistence;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing of client queues between two of HiveMQ's own stores and writers, without a broker: the "durable" store
 * stands for the file store here (both are HiveMQ's in-memory store, so that what each holds can be read back).
 */
class RoutedQueuesTest {

    private static final int BUCKETS = InternalConfigurations.PERSISTENCE_BUCKET_COUNT.get();

    private final List<String> dropped = new ArrayList<>();
    private final ClientQueueLocalPersistence durable = store();
    private final ClientQueueLocalPersistence memory = store();
    private final AtomicLong memoryBytes = new AtomicLong();
    private final RoutedQueueStore store =
            new RoutedQueueStore(durable, memory, memoryBytes::get, 1000, new CountingDrops(dropped));
    private final RoutedQueues queues = new RoutedQueues(
            new InMemoryProducerQueues(BUCKETS, BUCKETS),
            durable,
            new InMemoryProducerQueues(BUCKETS, BUCKETS),
            memory,
            Set.of("clean-viewer")::contains);

    @Test
    void aVolatileClientsMessages_goToTheMemoryStore_everyOtherQueuesToTheDurableOne() throws Exception {
        add("clean-viewer", publish("lab/a", QoS.AT_LEAST_ONCE));
        add("persistent-logger", publish("lab/a", QoS.AT_LEAST_ONCE));
        add("persistent-logger", publish("lab/b", QoS.AT_LEAST_ONCE));

        assertThat(size(memory, "clean-viewer")).isEqualTo(1);
        assertThat(size(durable, "clean-viewer")).isZero();
        assertThat(size(durable, "persistent-logger")).isEqualTo(2);
        assertThat(size(memory, "persistent-logger")).isZero();
        assertThat(sizeThroughTheRouting("clean-viewer")).isEqualTo(1);
        assertThat(sizeThroughTheRouting("persistent-logger")).isEqualTo(2);
    }

    @Test
    void aTaskForABucket_runsAgainstBothStores() throws Exception {
        add("clean-viewer", publish("lab/a", QoS.AT_LEAST_ONCE));
        add("persistent-logger", publish("lab/a", QoS.AT_LEAST_ONCE));
        int bucket = queues.getBucket("clean-viewer");
        List<String> seen = new ArrayList<>();
        queues.submit(bucket, index -> {
                    store.cleanUp(index);
                    seen.add(store.size("clean-viewer", false, index) + "/"
                            + store.size("persistent-logger", false, index));
                    return null;
                })
                .get(5, TimeUnit.SECONDS);

        // the memory store holds the clean viewer's message, the durable store the logger's (when they share a bucket)
        assertThat(seen).hasSize(2).contains("1/0");
    }

    @Test
    void aReservedTopic_isKeptOutOfEveryOtherQueue() throws Exception {
        store.reserve(new TopicReservation("mqtt-platform/warmup/abc", Set.of("warmup-sub")));
        add("warmup-sub", publish("mqtt-platform/warmup/abc/v3/data", QoS.AT_LEAST_ONCE));
        add("persistent-logger", publish("mqtt-platform/warmup/abc/v3/data", QoS.AT_LEAST_ONCE));
        add("clean-viewer", publish("mqtt-platform/warmup/abc/v5/raw", QoS.AT_MOST_ONCE));
        add("clean-viewer", publish("mqtt-platform/warmup/other", QoS.AT_MOST_ONCE));

        assertThat(sizeThroughTheRouting("warmup-sub")).isEqualTo(1);
        assertThat(sizeThroughTheRouting("persistent-logger")).isZero();
        assertThat(sizeThroughTheRouting("clean-viewer"))
                .as("only the unreserved topic")
                .isEqualTo(1);
        assertThat(dropped)
                .as("the broker's own messages are not counted as dropped")
                .isEmpty();
    }

    @Test
    void pastTheBudget_qos1ForAQueueFallenBehind_isDroppedAndCounted() throws Exception {
        for (int i = 0; i < RoutedQueueStore.BEHIND + 5; i++) {
            add("clean-viewer", publish("lab/frames", QoS.AT_LEAST_ONCE));
        }
        assertThat(sizeThroughTheRouting("clean-viewer")).as("under the budget").isEqualTo(13);

        memoryBytes.set(1000); // the memory store is at its budget
        add("clean-viewer", publish("lab/frames", QoS.AT_LEAST_ONCE));
        add("clean-viewer", publish("lab/frames", QoS.AT_MOST_ONCE)); // QoS 0 has HiveMQ's own limits
        add("fresh-viewer", publish("lab/frames", QoS.AT_LEAST_ONCE)); // not behind
        assertThat(sizeThroughTheRouting("clean-viewer")).isEqualTo(14);
        assertThat(dropped).containsExactly("clean-viewer lab/frames 1");
    }

    private void add(String queueId, PUBLISH publish) throws Exception {
        queues.submit(queueId, bucket -> {
                    store.add(queueId, false, publish, 1000, QueuedMessagesStrategy.DISCARD, false, bucket);
                    return null;
                })
                .get(5, TimeUnit.SECONDS);
    }

    private int sizeThroughTheRouting(String queueId) throws Exception {
        return queues.submit(queueId, bucket -> store.size(queueId, false, bucket))
                .get(5, TimeUnit.SECONDS);
    }

    private int size(ClientQueueLocalPersistence of, String queueId) {
        return of.size(queueId, false, queues.getBucket(queueId));
    }

    private static PUBLISH publish(String topic, QoS qos) {
        return new PUBLISHFactory.Mqtt5Builder()
                .withQoS(qos)
                .withOnwardQos(qos)
                .withPacketIdentifier(qos == QoS.AT_MOST_ONCE ? 0 : 1)
                .withPayload("22.5".getBytes())
                .withTopic(topic)
                .withHivemqId("test")
                .build();
    }

    /** HiveMQ's in-memory client queue, made as ClientQueues makes it (its constructor is package-private). */
    private ClientQueueLocalPersistence store() {
        try {
            Constructor<ClientQueueMemoryLocalPersistence> constructor =
                    ClientQueueMemoryLocalPersistence.class.getDeclaredConstructor(
                            MessageDroppedService.class, MetricRegistry.class);
            constructor.setAccessible(true);
            return constructor.newInstance(new CountingDrops(dropped), new MetricRegistry());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where HiveMQ counts dropped messages (its own implementation feeds its metrics and event log). */
    private record CountingDrops(List<String> dropped) implements MessageDroppedService {
        @Override
        public void queueFull(String clientId, String topic, int qos) {
            dropped.add(clientId + " " + topic + " " + qos);
        }

        @Override
        public void queueFullShared(String sharedId, String topic, int qos) {
            dropped.add(sharedId + " " + topic + " " + qos);
        }

        @Override
        public void qos0MemoryExceeded(String clientId, String topic, int qos, long currentMemory, long maxMemory) {
            dropped.add(clientId + " " + topic + " " + qos);
        }

        @Override
        public void notWritable(String clientId, String topic, int qos) {}

        @Override
        public void extensionPrevented(String clientId, String topic, int qos) {}

        @Override
        public void failed(String clientId, String topic, int qos) {}

        @Override
        public void publishMaxPacketSizeExceeded(
                String clientId, String topic, int qos, long maximumPacketSize, long packetSize) {}

        @Override
        public void messageMaxPacketSizeExceeded(
                String clientId, String messageType, long maximumPacketSize, long packetSize) {}

        @Override
        public void failedShared(String group, String topic, int qos) {}

        @Override
        public void qos0MemoryExceededShared(
                String clientId, String topic, int qos, long currentMemory, long maxMemory) {}
    }
}
