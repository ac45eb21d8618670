package io.mqttplatform.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.reactivex.schedulers.Schedulers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT 3.1.1 clients of one load scenario (publishers and subscribers on one topic), how they are built, and the
 * broker's retained {@code $SYS/broker/publish/messages/dropped}. Every wait is bounded, so a broker that stops
 * answering fails the scenario instead of hanging the run.
 */
final class LoadClients implements AutoCloseable {

    private static final String DROPPED_TOPIC = "$SYS/broker/publish/messages/dropped";
    private static final int TIMEOUT_SECONDS = 5;

    /** Counters of all clients at one moment. */
    record Counts(long nanos, long sent, long acked, long delivered) {}

    private final List<Mqtt3AsyncClient> clients = new ArrayList<>();
    private final List<LoadPublisher> publishers = new ArrayList<>();
    private final List<LoadSubscriber> subscribers = new ArrayList<>();

    /**
     * A client whose callbacks (publish results, deliveries) run on its Netty thread. The default hands each of them
     * to RxJava's computation pool, a thread hop per message: about a tenth more driver CPU per message, measured.
     */
    static Mqtt3AsyncClient client(int port, String identifier) {
        return MqttClient.builder()
                .useMqttVersion3()
                .identifier(identifier)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .executorConfig()
                .applicationScheduler(Schedulers.trampoline())
                .applyExecutorConfig()
                .buildAsync();
    }

    /**
     * Connects and subscribes everything; each publisher paced to {@code ratePerPublisher} (0: as fast as it can),
     * sending payloads of {@code payloadBytes}.
     */
    static LoadClients connect(
            int port,
            String prefix,
            String topic,
            MqttQos qos,
            int publisherCount,
            int subscriberCount,
            int window,
            double ratePerPublisher,
            int payloadBytes)
            throws Exception {
        return connect(
                port,
                topic,
                port,
                topic,
                prefix,
                qos,
                publisherCount,
                subscriberCount,
                window,
                ratePerPublisher,
                payloadBytes);
    }

    /**
     * The same with publishers and subscribers on different brokers and topics (a bridge between them): publishers
     * send to {@code publishTopic} on {@code publishPort}, subscribers take {@code subscribeTopic} on
     * {@code subscribePort}.
     */
    static LoadClients connect(
            int publishPort,
            String publishTopic,
            int subscribePort,
            String subscribeTopic,
            String prefix,
            MqttQos qos,
            int publisherCount,
            int subscriberCount,
            int window,
            double ratePerPublisher,
            int payloadBytes)
            throws Exception {
        int port = subscribePort;
        String topic = subscribeTopic;
        LoadClients all = new LoadClients();
        try {
            List<CompletableFuture<?>> ready = new ArrayList<>();
            for (int i = 0; i < subscriberCount; i++) {
                Mqtt3AsyncClient client = client(port, prefix + "-sub-" + i);
                LoadSubscriber subscriber = new LoadSubscriber();
                all.clients.add(client);
                all.subscribers.add(subscriber);
                ready.add(client.connect()
                        .thenCompose(ack -> client.subscribeWith()
                                .topicFilter(topic)
                                .qos(qos)
                                .callback(subscriber::onPublish)
                                .send()));
            }
            for (int i = 0; i < publisherCount; i++) {
                Mqtt3AsyncClient client = client(publishPort, prefix + "-pub-" + i);
                all.clients.add(client);
                all.publishers.add(
                        new LoadPublisher(client, publishTopic, qos, window, ratePerPublisher, payloadBytes));
                ready.add(client.connect());
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return all;
        } catch (Exception e) {
            all.close();
            throw e;
        }
    }

    void startPublishers(String prefix, long deadlineNanos) {
        for (int i = 0; i < publishers.size(); i++) {
            publishers.get(i).start(prefix + "-pub-" + i, deadlineNanos);
        }
    }

    /** Stops the publishers; false when some messages were still unacknowledged after the timeout. */
    boolean stopPublishers(long timeoutMillis) throws InterruptedException {
        boolean all = true;
        for (LoadPublisher publisher : publishers) {
            all &= publisher.stopAndAwaitOutstanding(timeoutMillis);
        }
        return all;
    }

    void recording(boolean on) {
        subscribers.forEach(s -> s.recording(on));
    }

    Counts counts() {
        return new Counts(
                System.nanoTime(),
                publishers.stream().mapToLong(LoadPublisher::sent).sum(),
                publishers.stream().mapToLong(LoadPublisher::acked).sum(),
                subscribers.stream().mapToLong(LoadSubscriber::delivered).sum());
    }

    /** Deliveries every subscriber should get: each acknowledged (QoS 0: written) message once per subscriber. */
    long expectedDeliveries() {
        return counts().acked() * subscribers.size();
    }

    /** Waits until all expected deliveries arrived or none arrived for {@code quietMillis}, at most {@code maxMillis}. */
    void drain(long quietMillis, long maxMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        long last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < end && counts().delivered() < expectedDeliveries()) {
            long now = counts().delivered();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.MILLISECONDS.toNanos(quietMillis)) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /** All subscribers' latencies recorded so far. */
    LatencyHistogram latency() {
        LatencyHistogram merged = new LatencyHistogram();
        subscribers.forEach(s -> s.latency().addTo(merged));
        return merged;
    }

    /** The first reason a publisher gave up early, or {@code null}. */
    String stall() {
        return publishers.stream()
                .map(LoadPublisher::stall)
                .filter(s -> s != null)
                .findFirst()
                .orElse(null);
    }

    long failedPublishes() {
        return publishers.stream().mapToLong(LoadPublisher::failed).sum();
    }

    /** The retained $SYS dropped-messages counter, read by a new client, or {@code null} when it cannot be read. */
    static Long droppedCounter(int port, String identifier) {
        Mqtt3AsyncClient client = client(port, identifier);
        try {
            CompletableFuture<String> value = new CompletableFuture<>();
            client.connect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            client.subscribeWith()
                    .topicFilter(DROPPED_TOPIC)
                    .qos(MqttQos.AT_MOST_ONCE)
                    .callback(p -> value.complete(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                    .send()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return Long.parseLong(value.get(3, TimeUnit.SECONDS).trim());
        } catch (Exception e) {
            return null;
        } finally {
            client.disconnect();
        }
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Mqtt3AsyncClient client : clients) {
            closing.add(client.disconnect().exceptionally(e -> null));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a broker that does not answer: the JVM ends anyway after the run
        }
    }
}
