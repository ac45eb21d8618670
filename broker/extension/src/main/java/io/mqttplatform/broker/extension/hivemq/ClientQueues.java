package io.mqttplatform.broker.extension.hivemq;

import com.codahale.metrics.MetricRegistry;
import com.hivemq.bootstrap.ClientConnectionContext;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import com.hivemq.metrics.HiveMQMetrics;
import com.hivemq.mqtt.message.dropping.MessageDroppedService;
import com.hivemq.persistence.InMemoryProducerQueues;
import com.hivemq.persistence.ProducerQueues;
import com.hivemq.persistence.clientqueue.ClientQueueLocalPersistence;
import com.hivemq.persistence.local.memory.ClientQueueMemoryLocalPersistence;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What we change in HiveMQ's client queues (docs/adr/0015-client-queues.md): the queues of sessions that end with
 * their connection are kept in memory, and only those, on a broker with file persistence; messages kept in memory
 * have a budget; and the broker's own topics reach only the broker's own clients ({@link #reserve}). HiveMQ CE writes
 * every message for every subscriber to its file stores (a Xodus transaction in the subscriber's queue, the payload to
 * RocksDB and read back), also for a client whose session has a session expiry of 0 (MQTT 3 clean session, MQTT 5
 * clean start without expiry): a queue that no restart can keep, since the session ends with the connection. That
 * write was most of what a message cost. mosquitto keeps such queues in memory as well.
 *
 * <p>Installed once in HiveMQ's client-queue persistence ({@link RoutedQueues}, {@link RoutedQueueStore}): a queue
 * is volatile from the client initializer of a connection with session expiry 0 (after HiveMQ's clean start cleared
 * whatever the file store held; no message can be queued for a clean session before its CONNACK) until that
 * connection closes, when its queue in memory is cleared. Shared subscriptions' queues (named {@code group/filter})
 * and client ids with a {@code /} stay on file. Every message kept in memory counts against a budget
 * ({@link RoutedQueueStore}). On a broker without file persistence only the budget is installed.
 */
public final class ClientQueues {

    private static final Logger log = LoggerFactory.getLogger(ClientQueues.class);

    /** client id -> the connection whose session makes its queue volatile */
    private final Map<String, Channel> volatileClients = new ConcurrentHashMap<>();

    private final RoutedQueueStore store;
    private final ProducerQueues memoryWriter;
    private final boolean routing;

    private ClientQueues(RoutedQueueStore store, ProducerQueues memoryWriter, boolean routing) {
        this.store = store;
        this.memoryWriter = memoryWriter;
        this.routing = routing;
    }

    /**
     * Puts the routing into HiveMQ's client-queue persistence (reached from the SDK's client service) with a budget
     * of {@code budgetBytes} for messages kept in memory.
     */
    public static ClientQueues install(ClientService clients, MetricRegistry metrics, long budgetBytes) {
        Object queues = HiveMqInternals.read(
                HiveMqInternals.read(clients, "clientSessionPersistence"), "clientQueuePersistence");
        synchronized (ClientQueues.class) {
            ClientQueueLocalPersistence store =
                    (ClientQueueLocalPersistence) HiveMqInternals.read(queues, "localPersistence");
            ProducerQueues writer = (ProducerQueues) HiveMqInternals.read(queues, "singleWriter");
            if (store instanceof RoutedQueueStore earlier) { // our extension started again in the same broker
                store = earlier.durable();
            }
            if (writer instanceof RoutedQueues earlier) {
                writer = earlier.durable();
            }
            boolean onFile = !(store instanceof ClientQueueMemoryLocalPersistence);
            MessageDroppedService dropped =
                    (MessageDroppedService) HiveMqInternals.read(store, "messageDroppedService");
            ClientQueueLocalPersistence memory = onFile ? newMemoryStore(dropped, metrics) : store;
            AtomicLong memoryBytes = (AtomicLong) HiveMqInternals.read(memory, "totalMemorySize");
            RoutedQueueStore routedStore = new RoutedQueueStore(store, memory, memoryBytes::get, budgetBytes, dropped);
            ClientQueues installed;
            if (onFile) {
                int buckets = InternalConfigurations.PERSISTENCE_BUCKET_COUNT.get();
                ProducerQueues memoryWriter = new InMemoryProducerQueues(buckets, buckets);
                installed = new ClientQueues(routedStore, memoryWriter, true);
                HiveMqInternals.write(
                        queues,
                        "singleWriter",
                        new RoutedQueues(writer, store, memoryWriter, memory, installed::isVolatile));
            } else {
                installed = new ClientQueues(routedStore, writer, false);
            }
            HiveMqInternals.write(queues, "localPersistence", routedStore);
            log.info(
                    "Client queues: {}; messages kept in memory are limited to {} MiB while subscribers fall behind.",
                    onFile
                            ? "kept in memory for sessions that end with their connection, on file for the others"
                            : "in memory",
                    budgetBytes >> 20);
            return installed;
        }
    }

    private static ClientQueueLocalPersistence newMemoryStore(MessageDroppedService dropped, MetricRegistry metrics) {
        metrics.remove(HiveMQMetrics.QUEUED_MESSAGES_MEMORY_PERSISTENCE_TOTAL_SIZE.name()); // an earlier start's
        try {
            Constructor<ClientQueueMemoryLocalPersistence> constructor =
                    ClientQueueMemoryLocalPersistence.class.getDeclaredConstructor(
                            MessageDroppedService.class, MetricRegistry.class);
            constructor.setAccessible(true);
            return constructor.newInstance(dropped, metrics);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "this HiveMQ's in-memory client queue cannot be made (see ClientQueues): " + e, e);
        }
    }

    /**
     * A client's connection was accepted (from HiveMQ's client initializer, before its CONNACK goes out): its queue
     * is kept in memory while this connection lasts when its session ends with it.
     */
    public void connected(String clientId, ConnectionAttributeStore connection) {
        if (!routing) {
            return;
        }
        Channel channel = HiveMqInternals.channel(connection);
        Long expiry = ClientConnectionContext.of(channel).getClientSessionExpiryInterval();
        if (expiry == null || expiry != 0 || clientId.indexOf('/') >= 0) {
            forget(clientId, null); // a session that outlives this connection: its queue is on file
            return;
        }
        volatileClients.put(clientId, channel);
        channel.closeFuture().addListener(closed -> forget(clientId, channel));
    }

    boolean isVolatile(String queueId) {
        return volatileClients.containsKey(queueId);
    }

    /**
     * The queue of {@code clientId} is volatile no more (its connection {@code channel} closed, or any connection
     * when {@code channel} is null): what it still holds in memory is cleared, in the queue's own turn.
     */
    private void forget(String clientId, Channel channel) {
        if (!volatileClients.containsKey(clientId)) {
            return;
        }
        memoryWriter.submit(clientId, bucketIndex -> {
            boolean removed = channel == null
                    ? volatileClients.remove(clientId) != null
                    : volatileClients.remove(clientId, channel);
            if (removed) {
                store.memory().clear(clientId, false, bucketIndex);
            }
            return null;
        });
    }

    /**
     * From now on, a message on a topic under {@code topicPrefix} is queued for {@code clientIds} alone (the broker's
     * own clients: the start-up warm-up's, the health check's), whatever else subscribed to it: a user's {@code #}
     * included, connected or not, shared subscriptions too. It travels the broker's whole path up to the queues, as a
     * user's message does.
     */
    public void reserve(String topicPrefix, Collection<String> clientIds) {
        store.reserve(new TopicReservation(topicPrefix, Set.copyOf(clientIds)));
    }
}
