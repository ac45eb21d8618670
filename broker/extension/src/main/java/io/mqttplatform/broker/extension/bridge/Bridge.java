package io.mqttplatform.broker.extension.bridge;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.Address;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.StartType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One bridge at work: its connection to the remote broker (attempts, fail-over between addresses, back-off, start
 * types), the messages it takes out (queued, bounded, while the remote broker is away) and brings in, and its state
 * (notifications, counters). Messages a local client publishes reach it through {@link Bridges}; messages it brings
 * in are published locally through {@link LocalBroker}, which no outgoing line ever sees again.
 */
final class Bridge {

    private static final Logger log = LoggerFactory.getLogger(Bridge.class);
    /** Messages sent to the remote broker and not yet acknowledged by it, at most. */
    static final int MAX_IN_FLIGHT = 64;
    /** How long a message sent out is remembered, to drop it if the remote broker sends it back (MQTT 3.1.1). */
    private static final long ECHO_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final int ECHO_MEMORY = 10_000;
    private static final byte[] UP = "1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOWN = "0".getBytes(StandardCharsets.UTF_8);

    /** A message on its way to the remote broker, with its remote topic. */
    record Outgoing(String topic, byte[] payload, int qos, boolean retain) {}

    /** An outgoing or incoming line with its filter parsed once. */
    private record Line(BridgeTopic topic, MqttTopicFilter filter) {}

    private final BridgeConnection config;
    private final LocalBroker local;
    private final ScheduledExecutorService scheduler;
    private final int maxQueued;
    private final List<Line> outgoing;
    private final List<Line> incoming;
    private final Object lock = new Object();
    private final Deque<Outgoing> queue = new ArrayDeque<>();
    private final Map<String, Long> recentlySent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > ECHO_MEMORY;
        }
    };
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private Attempt attempt;
    private boolean stopped;
    private int addressIndex;
    private long lastDelaySeconds;
    private int inFlight;
    private long lastActivityNanos = System.nanoTime();
    /**
     * Whether the remote broker closed the connection at once after the bridge's notification on a {@code $} topic:
     * HiveMQ (this broker too) refuses a client's PUBLISH to any {@code $} topic, where mosquitto lets bridges write
     * {@code $SYS/broker/connection/+/state}. From then on the remote broker gets no notification.
     */
    private boolean remoteRefusesDollarTopics;

    private long connectedNanos;
    /** A connection that ends sooner than this after the notification is taken as a refusal of it. */
    private static final long REFUSAL_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** How often a bridge on another address looks whether its main one answers again (mosquitto: 5 s). */
    private static final long PRIMARY_CHECK_SECONDS = 5;

    private ScheduledFuture<?> idleCheck;

    Bridge(BridgeConnection config, LocalBroker local, ScheduledExecutorService scheduler, int maxQueued) {
        this.config = config;
        this.local = local;
        this.scheduler = scheduler;
        this.maxQueued = maxQueued;
        this.outgoing = config.topics().stream()
                .filter(t -> t.direction().outgoing())
                .map(t -> new Line(t, MqttTopicFilter.of(t.localFilter())))
                .toList();
        this.incoming = config.topics().stream()
                .filter(t -> t.direction().incoming())
                .map(t -> new Line(t, MqttTopicFilter.of(t.remoteFilter())))
                .toList();
    }

    String name() {
        return config.name();
    }

    boolean takesOut() {
        return !outgoing.isEmpty();
    }

    /** automatic and once connect now; lazy waits until {@code threshold} messages are queued. */
    void start() {
        if (config.startType() == StartType.LAZY) {
            long every = Math.max(1, Math.min(config.idleTimeout().toSeconds(), 5));
            idleCheck = scheduler.scheduleWithFixedDelay(this::stopWhenIdle, every, every, TimeUnit.SECONDS);
        } else {
            scheduler.execute(this::connect);
        }
    }

    void stop() {
        Attempt current;
        synchronized (lock) {
            stopped = true;
            current = attempt;
        }
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (current != null && current.connected) {
            if (config.notifications()) {
                // a DISCONNECT discards the remote will, so the remote broker is told here
                current.link.publish(config.notificationTopic(), DOWN, 1, true);
                local.publish(config.notificationTopic(), DOWN, 1, true);
            }
            current.link.disconnect();
        }
    }

    /**
     * A local message: taken out on the first outgoing line that covers its topic, at most at that line's QoS; its
     * payload is asked for only then.
     */
    void offer(MqttTopic topic, Supplier<byte[]> payload, int qos, boolean retain) {
        Line line = firstCovering(outgoing, topic);
        if (line != null) {
            enqueue(new Outgoing(
                    line.topic.remoteTopicOf(topic.toString()),
                    payload.get(),
                    Math.min(qos, line.topic.qos()),
                    retain));
        }
    }

    private static Line firstCovering(List<Line> lines, MqttTopic topic) {
        for (Line line : lines) {
            if (line.filter.matches(topic)) {
                return line;
            }
        }
        return null;
    }

    /** The remote client id, which names the bridge in {@code $SYS/broker/connection/<id>/...}, as in mosquitto. */
    String remoteClientId() {
        return config.remoteClientId();
    }

    BridgeStatus status() {
        synchronized (lock) {
            boolean up = attempt != null && attempt.connected;
            return new BridgeStatus(
                    config.name(),
                    up,
                    up ? attempt.address.toString() : null,
                    sent.get(),
                    received.get(),
                    queue.size(),
                    dropped.get());
        }
    }

    private void enqueue(Outgoing message) {
        boolean startLazy = false;
        synchronized (lock) {
            lastActivityNanos = System.nanoTime();
            boolean up = attempt != null && attempt.connected;
            if (up && inFlight < MAX_IN_FLIGHT && queue.isEmpty()) {
                send(attempt, message);
                return;
            }
            if (!up && message.qos() == 0 && config.startType() != StartType.LAZY) {
                dropped.incrementAndGet(); // as mosquitto: QoS 0 is not kept for a client that is away
                return;
            }
            if (queue.size() >= maxQueued) {
                dropped.incrementAndGet();
                return;
            }
            queue.addLast(message);
            startLazy = config.startType() == StartType.LAZY
                    && attempt == null
                    && !stopped
                    && queue.size() >= config.threshold();
        }
        if (startLazy) {
            log.info(
                    "Bridge {}: {} messages queued, starting it (start_type lazy).", config.name(), config.threshold());
            scheduler.execute(this::connect);
        }
    }

    /** Under {@code lock}. */
    private void send(Attempt to, Outgoing message) {
        inFlight++;
        if (!to.link.suppressesEcho()) {
            recentlySent.put(echoKey(message.topic(), message.payload()), System.nanoTime());
        }
        to.link
                .publish(message.topic(), message.payload(), message.qos(), message.retain())
                .whenComplete((ok, failure) -> {
                    synchronized (lock) {
                        inFlight--;
                        if (failure == null) {
                            sent.incrementAndGet();
                        } else if (message.qos() > 0 && queue.size() < maxQueued) {
                            queue.addFirst(message); // the connection ended: sent again on the next one
                        } else {
                            dropped.incrementAndGet();
                        }
                    }
                    scheduler.execute(this::drain);
                });
    }

    private void drain() {
        synchronized (lock) {
            while (attempt != null && attempt.connected && inFlight < MAX_IN_FLIGHT && !queue.isEmpty()) {
                send(attempt, queue.pollFirst());
            }
        }
    }

    private void connect() {
        Attempt next;
        synchronized (lock) {
            if (stopped || attempt != null) {
                return;
            }
            Address address = config.addresses().get(addressIndex);
            next = new Attempt(address, addressIndex);
            attempt = next;
        }
        log.info("Bridge {} connecting to {} as {}.", config.name(), next.address, config.remoteClientId());
        next.link = RemoteLinks.open(config, next.address, next);
        next.link
                .connect()
                .thenCompose(ok ->
                        next.link.subscribe(incoming.stream().map(Line::topic).toList()))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        ended(next, failure);
                        next.link.disconnect();
                    } else {
                        connected(next);
                    }
                });
    }

    private void connected(Attempt current) {
        synchronized (lock) {
            if (attempt != current || stopped) {
                current.link.disconnect();
                return;
            }
            current.connected = true;
            lastDelaySeconds = 0;
            lastActivityNanos = System.nanoTime();
            connectedNanos = lastActivityNanos;
        }
        log.info("Bridge {} connected to {}.", config.name(), current.address);
        if (!config.roundRobin() && current.index != 0) {
            // as mosquitto: on another address, see every 5 s whether the main one answers again
            current.primaryCheck = scheduler.scheduleWithFixedDelay(
                    () -> backToPrimaryWhenItAnswers(current),
                    PRIMARY_CHECK_SECONDS,
                    PRIMARY_CHECK_SECONDS,
                    TimeUnit.SECONDS);
        }
        if (config.notifications()) {
            if (!(remoteRefusesDollarTopics && config.notificationTopic().startsWith("$"))) {
                current.link.publish(config.notificationTopic(), UP, 1, true);
            }
            local.publish(config.notificationTopic(), UP, 1, true);
        }
        // what the outgoing lines cover and the broker holds retained goes first, as mosquitto's local subscription
        // would receive it
        local.eachRetained(r -> offer(MqttTopic.of(r.topic()), r::payload, r.qos(), true))
                .whenComplete((ok, failure) -> drain());
        drain();
    }

    /** The end of an attempt, connected or not: logged once, then the next attempt as the start type says. */
    private void ended(Attempt current, Throwable cause) {
        boolean wasConnected;
        Duration delay;
        synchronized (lock) {
            if (attempt != current || current.ended) {
                return;
            }
            current.ended = true;
            if (current.primaryCheck != null) {
                current.primaryCheck.cancel(false);
            }
            wasConnected = current.connected;
            current.connected = false;
            attempt = null;
            if (stopped) {
                return;
            }
            delay = nextDelay();
            if (wasConnected
                    && config.notifications()
                    && config.notificationTopic().startsWith("$")
                    && !remoteRefusesDollarTopics
                    && System.nanoTime() - connectedNanos < REFUSAL_NANOS) {
                remoteRefusesDollarTopics = true;
                delay = Duration.ofSeconds(1);
                log.warn(
                        "Bridge {}: {} closed the connection right after the notification on {}; it does not take"
                                + " $ topics from clients (as HiveMQ), so it gets none from now on. Set a"
                                + " notification_topic without $ to have the state there too.",
                        config.name(),
                        current.address,
                        config.notificationTopic());
            } else if (current.backToPrimary) {
                addressIndex = 0;
                delay = Duration.ofSeconds(1);
            } else {
                addressIndex = (addressIndex + 1) % config.addresses().size();
            }
        }
        String why = cause == null ? "closed" : String.valueOf(cause.getMessage());
        if (wasConnected) {
            log.info("Bridge {} lost its connection to {}: {}", config.name(), current.address, why);
            if (config.notifications()) {
                local.publish(config.notificationTopic(), DOWN, 1, true);
            }
        } else {
            log.info("Bridge {} could not connect to {}: {}", config.name(), current.address, why);
        }
        switch (config.startType()) {
            case ONCE -> log.info("Bridge {} is not started again (start_type once).", config.name());
            case LAZY -> {
                synchronized (lock) {
                    if (queue.size() < config.threshold()) {
                        return; // started again once enough is queued
                    }
                }
                retryIn(delay);
            }
            default -> retryIn(delay);
        }
    }

    private void retryIn(Duration delay) {
        log.info(
                "Bridge {}: next attempt in {} s, to {}.",
                config.name(),
                delay.toSeconds(),
                config.addresses().get(addressIndex));
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** restart_timeout: its constant, or mosquitto's "decorrelated jitter" between base and cap. Under {@code lock}. */
    private Duration nextDelay() {
        if (config.restart().constant().isPresent()) {
            return config.restart().constant().get();
        }
        long base = config.restart().base().toSeconds();
        long cap = config.restart().cap().toSeconds();
        long previous = Math.max(base, lastDelaySeconds);
        long next = Math.min(cap, ThreadLocalRandom.current().nextLong(base, Math.max(base, previous * 3) + 1));
        lastDelaySeconds = next;
        return Duration.ofSeconds(next);
    }

    private void stopWhenIdle() {
        Attempt current;
        synchronized (lock) {
            current = attempt;
            boolean idle = current != null
                    && current.connected
                    && inFlight == 0
                    && queue.isEmpty()
                    && System.nanoTime() - lastActivityNanos
                            > config.idleTimeout().toNanos();
            if (!idle) {
                return;
            }
        }
        log.info(
                "Bridge {} idle for {} s, stopping it (start_type lazy).",
                config.name(),
                config.idleTimeout().toSeconds());
        current.link.disconnect();
    }

    private void received(Attempt from, String topic, byte[] payload, int qos, boolean retain) {
        synchronized (lock) {
            if (attempt != from) {
                return;
            }
            Long sentAt = from.link.suppressesEcho() ? null : recentlySent.remove(echoKey(topic, payload));
            if (sentAt != null && System.nanoTime() - sentAt < ECHO_WINDOW_NANOS) {
                return; // our own message, back from a broker that cannot be told not to echo it (MQTT 3.1.1)
            }
            lastActivityNanos = System.nanoTime();
        }
        Line line = firstCovering(incoming, MqttTopic.of(topic));
        if (line != null) {
            received.incrementAndGet();
            local.publish(line.topic.localTopicOf(topic), payload, Math.min(qos, line.topic.qos()), retain);
        }
    }

    private static String echoKey(String topic, byte[] payload) {
        return topic + '\u0000' + payload.length + '\u0000' + Arrays.hashCode(payload);
    }

    /**
     * round_robin false, connected to another address: when the main address accepts a TCP connection again, this
     * connection is closed and the next attempt goes there (mosquitto's primary_retry).
     */
    private void backToPrimaryWhenItAnswers(Attempt current) {
        Address primary = config.addresses().get(0);
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(primary.host(), primary.port()), 2000);
        } catch (IOException e) {
            return; // still away
        }
        synchronized (lock) {
            if (attempt != current || !current.connected) {
                return;
            }
            current.backToPrimary = true;
        }
        log.info("Bridge {}: its main address {} answers again, moving back to it.", config.name(), primary);
        current.link.disconnect();
    }

    /** One connection attempt and, if it succeeds, the connection. */
    private final class Attempt implements RemoteLink.Listener {
        final Address address;
        /** The address's place in the bridge's list: 0 is the main one. */
        final int index;

        RemoteLink link;
        boolean connected;
        boolean ended;
        boolean backToPrimary;
        ScheduledFuture<?> primaryCheck;

        Attempt(Address address, int index) {
            this.address = address;
            this.index = index;
        }

        @Override
        public void received(String topic, byte[] payload, int qos, boolean retain) {
            Bridge.this.received(this, topic, payload, qos, retain);
        }

        @Override
        public void disconnected(Throwable cause) {
            ended(this, cause);
        }
    }
}
