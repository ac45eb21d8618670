package io.mqttplatform.broker.extension.load;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.mqttplatform.broker.extension.identity.ProbeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends messages through the broker's own TCP listener for a few seconds after start, before the broker reports
 * ready, so that the first clients meet compiled code and opened stores instead of a JVM that has just started
 * (docs/adr/0012-startup-warmup.md). Two publishers (MQTT 3.1.1 and 5) send to two subscribers (MQTT 5 on
 * {@code TOPIC/#}, 3.1.1 on {@code TOPIC/+/data}) QoS 0 and QoS 1, 100-byte and 4 KiB payloads, on topics that one
 * subscriber and that both receive, a window at a time:
 * a window goes out only when the one before the previous was delivered and the previous acknowledged, so nothing
 * piles up in the broker. Every {@value #CHURN_EVERY} windows a client of each protocol version comes and goes
 * ({@link #churn}: connect, retained message, QoS 2 subscription and message, unsubscribe, disconnect), so that what
 * users' clients do besides publishing is compiled too. The clients have the broker's own identity (left out of the
 * connection log, the $SYS client counts and the ACL), and their messages take the whole path of a user's message,
 * publish guard, topic tree and distribution included, up to the subscribers' queues, where the topic's reservation
 * keeps them out of every queue but the warm-up's own ({@code hivemq.ClientQueues#reserve}): no user's {@code #}
 * subscription receives them. It never fails the start: an error ends it early and is reported in the result.
 */
public final class StartupWarmup {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmup.class);
    /** Messages per publisher per window: enough to keep the broker's threads busy, few enough never to queue. */
    static final int WINDOW = 256;
    /** Every this many windows, payloads of {@link #LARGE_BYTES} instead of {@link #SMALL_BYTES}. */
    static final int LARGE_EVERY = 8;

    /** Every this many windows, a client of each protocol version comes and goes ({@link #churn}). */
    static final int CHURN_EVERY = 4;

    static final int SMALL_BYTES = 100;
    static final int LARGE_BYTES = 4 * 1024;
    private static final long STEP_TIMEOUT_SECONDS = 10;
    static final long LISTENER_WAIT_SECONDS = 30;

    /** What the warm-up did: messages published (each delivered to both subscribers), its length, why it ended. */
    public record Result(long messages, Duration took, String error) {
        public String describe() {
            String sent =
                    String.format(java.util.Locale.ROOT, "%,d messages in %.1f s", messages, took.toMillis() / 1000.0);
            return error == null ? sent : sent + ", ended early: " + error;
        }
    }

    private final String host;
    private final int port;
    private final ProbeIdentity identity;
    private final Duration duration;
    private final AtomicLong received = new AtomicLong();

    /** The topic the warm-up publishes under (an unguessable one, reserved for its subscribers). */
    public static String topic(ProbeIdentity identity) {
        return identity.warmupClient(SUBSCRIBER_5).topic();
    }

    /** The client ids of the warm-up's subscribers: the only ones that may receive what it publishes. */
    public static List<String> subscribers(ProbeIdentity identity) {
        return List.of(
                identity.warmupClient(SUBSCRIBER_5).clientId(),
                identity.warmupClient(SUBSCRIBER_3).clientId(),
                identity.warmupClient(CHURN_5).clientId(),
                identity.warmupClient(CHURN_3).clientId());
    }

    private static final String SUBSCRIBER_5 = "sub5";
    private static final String SUBSCRIBER_3 = "sub3";
    private static final String CHURN_5 = "churn5";
    private static final String CHURN_3 = "churn3";
    /** Under the warm-up's topic: where the coming and going clients send themselves a QoS 2 message. */
    private static final String CHURN_LEVEL = "/churn/";

    public StartupWarmup(String host, int port, ProbeIdentity identity, Duration duration) {
        this.host = host;
        this.port = port;
        this.identity = identity;
        this.duration = duration;
    }

    /** Runs the warm-up on a thread of its own; the future completes (never exceptionally) when it is over. */
    public CompletableFuture<Result> start() {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> done.complete(run()), "mqtt-platform-warmup");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private Result run() {
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        ProbeIdentity first = identity.warmupClient(SUBSCRIBER_5);
        String topic = first.topic();
        Mqtt5AsyncClient subscriber5 = client5(first);
        Mqtt3AsyncClient subscriber3 = client3(identity.warmupClient(SUBSCRIBER_3));
        Mqtt3AsyncClient publisher3 = client3(identity.warmupClient("pub3"));
        Mqtt5AsyncClient publisher5 = client5(identity.warmupClient("pub5"));
        long published = 0;
        String error = null;
        String step = "connecting";
        try {
            awaitListener(subscriber5);
            await(subscriber3.connectWith().cleanSession(true).send());
            await(publisher3.connectWith().cleanSession(true).send());
            await(publisher5.connectWith().cleanStart(true).send());
            await(subscriber5
                    .subscribeWith()
                    .topicFilter(topic + "/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(message ->
                            received(message.getQos(), message.getTopic().toString()))
                    .send());
            await(subscriber3
                    .subscribeWith()
                    .topicFilter(topic + "/+/data")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(message ->
                            received(message.getQos(), message.getTopic().toString()))
                    .send());
            step = "publishing";
            byte[] small = payload(SMALL_BYTES);
            byte[] large = payload(LARGE_BYTES);
            long deliveries = 0; // QoS 1 deliveries expected once the previous window arrived
            for (int window = 0; System.nanoTime() < deadline; window++) {
                byte[] payload = window % LARGE_EVERY == LARGE_EVERY - 1 ? large : small;
                List<CompletableFuture<?>> acks = new ArrayList<>(2 * WINDOW);
                long windowDeliveries = 0;
                for (int i = 0; i < WINDOW; i++) {
                    MqttQos qos = i % 2 == 0 ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE;
                    // "data" reaches both subscribers, "raw" only the one on TOPIC/#: one and several subscribers
                    boolean both = i % 4 < 2;
                    String level = both ? "/data" : "/raw";
                    acks.add(publisher3
                            .publishWith()
                            .topic(topic + "/v3" + level)
                            .qos(qos)
                            .payload(payload)
                            .send());
                    acks.add(publisher5
                            .publishWith()
                            .topic(topic + "/v5" + level)
                            .qos(qos)
                            .payload(payload)
                            .send());
                    if (qos == MqttQos.AT_LEAST_ONCE) {
                        windowDeliveries += both ? 4 : 2;
                    }
                }
                // The previous window delivered while this one was sent: one window in flight, never more.
                awaitDelivered(deliveries);
                await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
                published += acks.size();
                deliveries += windowDeliveries;
                if (window % CHURN_EVERY == CHURN_EVERY - 1) {
                    step = "a client coming and going";
                    published += churn(topic, small);
                    step = "publishing";
                }
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            error = step + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
            log.warn("Start-up warm-up ended early: {}", error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } finally {
            subscriber5.disconnect();
            subscriber3.disconnect();
            publisher3.disconnect();
            publisher5.disconnect();
        }
        return new Result(published, Duration.ofNanos(System.nanoTime() - started), error);
    }

    /**
     * A client of each protocol version connects, leaves a retained message, subscribes at QoS 2 (so it receives that
     * message with its retain flag), sends itself a QoS 2 message, unsubscribes, clears the retained one and
     * disconnects: what users' clients do besides publishing is then part of what the compiler saw before users come.
     * Without it, a user's first CONNECT met code compiled for PUBLISH and PUBACK alone, and the broker threw that
     * code away just as the user's messages began (docs/adr/0015).
     */
    private int churn(String topic, byte[] payload) throws ExecutionException, InterruptedException, TimeoutException {
        return comeAndGo(visitor3(topic + CHURN_LEVEL + CHURN_3), payload)
                + comeAndGo(visitor5(topic + CHURN_LEVEL + CHURN_5), payload);
    }

    /** Returns how many messages the visitor published. */
    private static int comeAndGo(Visitor visitor, byte[] payload)
            throws ExecutionException, InterruptedException, TimeoutException {
        await(visitor.connect());
        try {
            int published = 0;
            await(visitor.publish(MqttQos.AT_LEAST_ONCE, true, payload));
            published++;
            CompletableFuture<Void> both = new CompletableFuture<>();
            AtomicLong count = new AtomicLong();
            await(visitor.subscribe(() -> arrived(count, both)));
            await(visitor.publish(MqttQos.EXACTLY_ONCE, false, payload));
            published++;
            await(both);
            // Unsubscribed first: the subscription would deliver the empty message after the client dropped its
            // callback, and the client would log a warning ("No publish flow registered") in the broker's log.
            await(visitor.unsubscribe());
            await(visitor.publish(MqttQos.AT_MOST_ONCE, true, new byte[0])); // the retained one is gone
            published++;
            return published;
        } finally {
            visitor.disconnect().get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** A client that comes and goes ({@link #churn}) on its own topic, whatever its protocol version. */
    private interface Visitor {
        CompletableFuture<?> connect();

        CompletableFuture<?> publish(MqttQos qos, boolean retain, byte[] payload);

        /** At QoS 2; {@code onMessage} runs for every message received. */
        CompletableFuture<?> subscribe(Runnable onMessage);

        CompletableFuture<?> unsubscribe();

        CompletableFuture<?> disconnect();
    }

    private Visitor visitor3(String topic) {
        Mqtt3AsyncClient client = client3(identity.warmupClient(CHURN_3));
        return new Visitor() {
            @Override
            public CompletableFuture<?> connect() {
                return client.connectWith().cleanSession(true).send();
            }

            @Override
            public CompletableFuture<?> publish(MqttQos qos, boolean retain, byte[] payload) {
                return client.publishWith()
                        .topic(topic)
                        .qos(qos)
                        .retain(retain)
                        .payload(payload)
                        .send();
            }

            @Override
            public CompletableFuture<?> subscribe(Runnable onMessage) {
                return client.subscribeWith()
                        .topicFilter(topic)
                        .qos(MqttQos.EXACTLY_ONCE)
                        .callback(message -> onMessage.run())
                        .send();
            }

            @Override
            public CompletableFuture<?> unsubscribe() {
                return client.unsubscribeWith().topicFilter(topic).send();
            }

            @Override
            public CompletableFuture<?> disconnect() {
                return client.disconnect();
            }
        };
    }

    private Visitor visitor5(String topic) {
        Mqtt5AsyncClient client = client5(identity.warmupClient(CHURN_5));
        return new Visitor() {
            @Override
            public CompletableFuture<?> connect() {
                return client.connectWith().cleanStart(true).send();
            }

            @Override
            public CompletableFuture<?> publish(MqttQos qos, boolean retain, byte[] payload) {
                return client.publishWith()
                        .topic(topic)
                        .qos(qos)
                        .retain(retain)
                        .payload(payload)
                        .send();
            }

            @Override
            public CompletableFuture<?> subscribe(Runnable onMessage) {
                return client.subscribeWith()
                        .topicFilter(topic)
                        .qos(MqttQos.EXACTLY_ONCE)
                        .callback(message -> onMessage.run())
                        .send();
            }

            @Override
            public CompletableFuture<?> unsubscribe() {
                return client.unsubscribeWith().topicFilter(topic).send();
            }

            @Override
            public CompletableFuture<?> disconnect() {
                return client.disconnect();
            }
        };
    }

    /** The retained message and the live one arrived. */
    private static void arrived(AtomicLong count, CompletableFuture<Void> both) {
        if (count.incrementAndGet() == 2) {
            both.complete(null);
        }
    }

    /**
     * HiveMQ starts the extension before it opens its listeners: the first client tries again every 100 ms for up to
     * {@value #LISTENER_WAIT_SECONDS} s.
     */
    private static void awaitListener(Mqtt5AsyncClient client)
            throws ExecutionException, InterruptedException, TimeoutException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(LISTENER_WAIT_SECONDS);
        while (true) {
            try {
                await(client.connectWith().cleanStart(true).send());
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > giveUp) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Every QoS 1 message published so far reached its subscribers (QoS 0 ones may be shed, as the broker sheds
     * them for any client whose queue is full).
     */
    private void awaitDelivered(long expected) throws TimeoutException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_SECONDS);
        while (received.get() < expected) {
            if (System.nanoTime() > giveUp) {
                throw new TimeoutException(
                        "the subscribers received " + received.get() + " of " + expected + " messages");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Counts the windows' QoS 1 deliveries; the coming and going clients' own messages are not theirs. */
    private void received(MqttQos qos, String topic) {
        if (qos == MqttQos.AT_LEAST_ONCE && !topic.contains(CHURN_LEVEL)) {
            received.incrementAndGet();
        }
    }

    private Mqtt5AsyncClient client5(ProbeIdentity id) {
        return builder(id)
                .useMqttVersion5()
                .simpleAuth()
                .username(id.username())
                .password(id.password().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .buildAsync();
    }

    private Mqtt3AsyncClient client3(ProbeIdentity id) {
        return builder(id)
                .useMqttVersion3()
                .simpleAuth()
                .username(id.username())
                .password(id.password().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .buildAsync();
    }

    private MqttClientBuilder builder(ProbeIdentity id) {
        return MqttClient.builder().identifier(id.clientId()).serverHost(host).serverPort(port);
    }

    private static <T> T await(CompletableFuture<T> step)
            throws ExecutionException, InterruptedException, TimeoutException {
        return step.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static byte[] payload(int bytes) {
        byte[] payload = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return payload;
    }
}
