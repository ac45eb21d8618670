package io.mqttplatform.broker.extension.hivemq;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.primitives.ImmutableIntArray;
import com.hivemq.configuration.service.MqttConfigurationService.QueuedMessagesStrategy;
import com.hivemq.mqtt.message.MessageWithID;
import com.hivemq.mqtt.message.QoS;
import com.hivemq.mqtt.message.dropping.MessageDroppedService;
import com.hivemq.mqtt.message.publish.PUBLISH;
import com.hivemq.mqtt.message.pubrel.PUBREL;
import com.hivemq.persistence.clientqueue.ClientQueueLocalPersistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The client-queue store HiveMQ's {@code ClientQueuePersistenceImpl} sees once {@link VolatileQueues} is in place:
 * each call goes to the store of the writer running the task ({@link RoutedQueues} says which), the file store
 * otherwise. In front of the in-memory store it bounds memory: while the messages kept in memory pass
 * {@code budgetBytes}, a QoS 1 or 2 message for a queue already {@value #BEHIND} or more messages behind is dropped
 * (HiveMQ's "queue full", counted in {@code $SYS/broker/publish/messages/dropped}) instead of being kept; QoS 0 has
 * HiveMQ's own limits. A message on a reserved topic ({@link TopicReservation}) is kept out of every other queue.
 */
final class RoutedQueueStore implements ClientQueueLocalPersistence {

    /** A queue this long is one whose client does not keep up; shorter ones are what a window in flight holds. */
    static final int BEHIND = 8;

    private static final ThreadLocal<ClientQueueLocalPersistence> TARGET = new ThreadLocal<>();

    private final ClientQueueLocalPersistence durable;
    private final ClientQueueLocalPersistence memory;
    private final LongSupplier memoryBytes;
    private final long budgetBytes;
    private final MessageDroppedService dropped;
    private volatile List<TopicReservation> reservations = List.of();

    /**
     * @param durable the file store (or, for a broker without file persistence, the memory store again)
     * @param memoryBytes what the memory store holds, by HiveMQ's estimate
     */
    RoutedQueueStore(
            ClientQueueLocalPersistence durable,
            ClientQueueLocalPersistence memory,
            LongSupplier memoryBytes,
            long budgetBytes,
            MessageDroppedService dropped) {
        this.durable = durable;
        this.memory = memory;
        this.memoryBytes = memoryBytes;
        this.budgetBytes = budgetBytes;
        this.dropped = dropped;
    }

    ClientQueueLocalPersistence durable() {
        return durable;
    }

    ClientQueueLocalPersistence memory() {
        return memory;
    }

    synchronized void reserve(TopicReservation reservation) {
        List<TopicReservation> more = new ArrayList<>(reservations);
        more.add(reservation);
        reservations = List.copyOf(more);
    }

    private boolean reservedForOthers(String queueId, String topic) {
        for (TopicReservation reservation : reservations) {
            if (reservation.keepsOut(queueId, topic)) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code work} with this thread's calls going to {@code store}. */
    static <R> R runAgainst(ClientQueueLocalPersistence store, Supplier<R> work) {
        ClientQueueLocalPersistence before = TARGET.get();
        TARGET.set(store);
        try {
            return work.get();
        } finally {
            if (before == null) {
                TARGET.remove();
            } else {
                TARGET.set(before);
            }
        }
    }

    private ClientQueueLocalPersistence target() {
        ClientQueueLocalPersistence target = TARGET.get();
        return target == null ? durable : target;
    }

    @Override
    public void add(
            String queueId,
            boolean shared,
            PUBLISH publish,
            long max,
            QueuedMessagesStrategy strategy,
            boolean retained,
            int bucketIndex) {
        ClientQueueLocalPersistence target = target();
        if (reservedForOthers(queueId, publish.getTopic())
                || (target == memory && !retained && shed(queueId, shared, publish, bucketIndex))) {
            return;
        }
        target.add(queueId, shared, publish, max, strategy, retained, bucketIndex);
    }

    @Override
    public void add(
            String queueId,
            boolean shared,
            List<PUBLISH> publishes,
            long max,
            QueuedMessagesStrategy strategy,
            boolean retained,
            int bucketIndex) {
        ClientQueueLocalPersistence target = target();
        List<PUBLISH> kept = new ArrayList<>(publishes.size());
        for (PUBLISH publish : publishes) {
            if (!reservedForOthers(queueId, publish.getTopic())
                    && !(target == memory && !retained && shed(queueId, shared, publish, bucketIndex))) {
                kept.add(publish);
            }
        }
        target.add(queueId, shared, kept, max, strategy, retained, bucketIndex);
    }

    /** Whether {@code publish} is dropped rather than kept in memory (and if so, counts it as HiveMQ does). */
    private boolean shed(String queueId, boolean shared, PUBLISH publish, int bucketIndex) {
        if (publish.getQoS() == QoS.AT_MOST_ONCE
                || memoryBytes.getAsLong() < budgetBytes
                || memory.size(queueId, shared, bucketIndex) < BEHIND) {
            return false;
        }
        if (shared) {
            dropped.queueFullShared(
                    queueId, publish.getTopic(), publish.getQoS().getQosNumber());
        } else {
            dropped.queueFull(queueId, publish.getTopic(), publish.getQoS().getQosNumber());
        }
        return true;
    }

    @Override
    public ImmutableList<PUBLISH> readNew(
            String queueId, boolean shared, ImmutableIntArray packetIds, long bytesLimit, int bucketIndex) {
        return target().readNew(queueId, shared, packetIds, bytesLimit, bucketIndex);
    }

    @Override
    public ImmutableList<MessageWithID> readInflight(
            String client, boolean shared, int batchSize, long bytesLimit, int bucketIndex) {
        return target().readInflight(client, shared, batchSize, bytesLimit, bucketIndex);
    }

    @Override
    public String replace(String client, PUBREL pubrel, int bucketIndex) {
        return target().replace(client, pubrel, bucketIndex);
    }

    @Override
    public String remove(String client, int packetId, int bucketIndex) {
        return target().remove(client, packetId, bucketIndex);
    }

    @Override
    public String remove(String client, int packetId, String uniqueId, int bucketIndex) {
        return target().remove(client, packetId, uniqueId, bucketIndex);
    }

    @Override
    public int size(String queueId, boolean shared, int bucketIndex) {
        return target().size(queueId, shared, bucketIndex);
    }

    @Override
    public void clear(String queueId, boolean shared, int bucketIndex) {
        target().clear(queueId, shared, bucketIndex);
    }

    @Override
    public void removeAllQos0Messages(String queueId, boolean shared, int bucketIndex) {
        target().removeAllQos0Messages(queueId, shared, bucketIndex);
    }

    @Override
    public ImmutableSet<String> cleanUp(int bucketIndex) {
        return target().cleanUp(bucketIndex);
    }

    @Override
    public void removeShared(String sharedSubscription, String uniqueId, int bucketIndex) {
        target().removeShared(sharedSubscription, uniqueId, bucketIndex);
    }

    @Override
    public void removeInFlightMarker(String sharedSubscription, String uniqueId, int bucketIndex) {
        target().removeInFlightMarker(sharedSubscription, uniqueId, bucketIndex);
    }

    @Override
    public void closeDB(int bucketIndex) {
        target().closeDB(bucketIndex);
    }
}
