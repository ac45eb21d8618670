package io.mqttplatform.broker.extension.load;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.broker.testkit.SysTreeWatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's guarantees with the read back-pressure instead of a global cap, for the payloads that cap was worst
 * for: four publishers flooding 256 KiB QoS 0 frames as fast as the broker takes them into a 256 MiB broker (file
 * persistence, the default) for 10 s. A small client beside them publishes a QoS 1 message every 50 ms and gets every
 * one delivered, a new client connects every second and is answered within 5 s, the flood itself is delivered, and the
 * broker is still up and serving at the end.
 */
class LargePayloadFloodIT {

    private static final int FRAME = 256 * 1024;
    private static final long FLOOD_SECONDS = 10;
    private static final int PUBLISHERS = 4;

    @Test
    void largeQos0Flood_othersAreStillServed_andTheBrokerStaysUp(@TempDir Path data) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start("large-flood", data, Map.of())) {
            Mqtt3AsyncClient floodReader = async(broker, "flood-reader");
            AtomicLong floodDelivered = new AtomicLong();
            floodReader
                    .subscribeWith()
                    .topicFilter("lab/camera/#")
                    .callback(p -> floodDelivered.incrementAndGet())
                    .send()
                    .get(10, TimeUnit.SECONDS);
            List<String> small = smallReader(broker);

            long floodEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLOOD_SECONDS);
            List<Thread> flooders = new ArrayList<>();
            for (int i = 0; i < PUBLISHERS; i++) {
                Mqtt3AsyncClient camera = async(broker, "camera-" + i);
                Thread flooder = new Thread(() -> flood(camera, floodEnds), "camera-" + i);
                flooder.start();
                flooders.add(flooder);
            }
            List<Long> connectMillis = new ArrayList<>();
            int sent = paceSmallClient(broker, floodEnds, 50, 1000, connectMillis);
            for (Thread flooder : flooders) {
                flooder.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(flooder.isAlive())
                        .as("flood publisher still blocked 30 s after the flood")
                        .isFalse();
            }

            int expected = sent;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (small.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            System.out.printf(
                    "large flood: %d frames delivered, %d of %d small messages, new clients %s ms%n",
                    floodDelivered.get(), small.size(), expected, connectMillis);
            assertThat(small).as("the small client's messages, all delivered").hasSize(expected);
            assertThat(connectMillis).isNotEmpty().allMatch(ms -> ms < 5_000);
            assertThat(floodDelivered.get()).as("flood frames delivered").isGreaterThan(FLOOD_SECONDS * 10);
            assertThat(newClientMillis(broker, "after-flood")).isLessThan(5_000);
            assertThat(broker.output())
                    .noneMatch(line -> line.contains("OutOfMemoryError"))
                    .anyMatch(line -> line.contains("Read back-pressure on:"));
        }
    }

    /**
     * A subscriber that stops reading (a hung {@code mosquitto_sub}, SIGSTOP) while 1 MiB QoS 1 frames keep coming for
     * it: its clean session's queue is in memory (docs/adr/0015-client-queues.md), up to 1,000 messages by
     * count, 1 GiB here, four times the broker's heap. Past the memory budget the broker drops what that queue gets,
     * counted in {@code $SYS}; a small client beside it gets every message, new clients are answered and the broker
     * stays up.
     */
    @Test
    void largeQos1ForAStalledSubscriber_isDroppedPastTheMemoryBudget_andTheBrokerStaysUp(@TempDir Path data)
            throws Exception {
        CommandLine.require("mosquitto_sub", "mosquitto-clients");
        try (BrokerProcess broker = BrokerProcess.start("large-stalled", data, Map.of("SYS_INTERVAL", "1"));
                SysTreeWatcher sys = new SysTreeWatcher(broker.mqttPort)) {
            Process stalled = CommandLine.start(
                    "mosquitto_sub",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    Integer.toString(broker.mqttPort),
                    "-i",
                    "stalled-viewer",
                    "-q",
                    "1",
                    "-t",
                    "lab/camera/#");
            try {
                List<String> lines = CommandLine.lines(stalled, "stalled-viewer-output");
                Mqtt3BlockingClient camera = broker.client3("camera");
                camera.connect();
                await("mosquitto_sub subscribed").atMost(Duration.ofSeconds(20)).until(() -> {
                    camera.publishWith()
                            .topic("lab/camera/hello")
                            .payload("hello".getBytes())
                            .send();
                    return lines.contains("hello");
                });
                CommandLine.signal(stalled, "STOP");
                List<String> small = smallReader(broker);
                long floodEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLOOD_SECONDS);
                Thread flooder = new Thread(
                        () -> flood(camera.toAsync(), floodEnds, 1024 * 1024, MqttQos.AT_LEAST_ONCE), "camera");
                flooder.start();
                List<Long> connectMillis = new ArrayList<>();
                int sent = paceSmallClient(broker, floodEnds, 250, 250, connectMillis);
                flooder.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(flooder.isAlive())
                        .as("publisher still blocked 30 s after the flood")
                        .isFalse();
                int expected = sent;
                await("the small client's messages")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> small.size() >= expected);
                assertThat(small).hasSize(expected);
                assertThat(connectMillis).isNotEmpty().allMatch(ms -> ms < 5_000);
                assertThat(broker.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
                assertThat(newClientMillis(broker, "after-flood")).isLessThan(5_000);
                String dropped = sys.awaitValue("$SYS/broker/publish/messages/dropped", v -> Long.parseLong(v) > 0);
                System.out.printf(
                        "stalled subscriber: %s messages dropped, new clients %s ms%n", dropped, connectMillis);
            } finally {
                CommandLine.signal(stalled, "CONT");
                stalled.destroyForcibly().waitFor();
            }
        }
    }

    /** Publishes 256 KiB QoS 0 frames until {@code endNanos}, at most 8 not yet written at any time. */
    private static void flood(Mqtt3AsyncClient camera, long endNanos) {
        flood(camera, endNanos, FRAME, MqttQos.AT_MOST_ONCE);
        camera.disconnect();
    }

    /** Publishes frames of {@code bytes} until {@code endNanos}, at most 8 not yet written or acknowledged at a time. */
    private static void flood(Mqtt3AsyncClient camera, long endNanos, int bytes, MqttQos qos) {
        byte[] frame = new byte[bytes];
        Semaphore window = new Semaphore(8);
        try {
            while (System.nanoTime() < endNanos) {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                camera.publishWith()
                        .topic("lab/camera/frames")
                        .payload(frame)
                        .qos(qos)
                        .send()
                        .whenComplete((done, error) -> window.release());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The small client beside a flood, publishing: a QoS 1 message to lab/temperature every {@code periodMillis} until
     * {@code endNanos}, each acknowledged before the next, and a new client every {@code newcomerMillis}, whose wait
     * for its CONNACK goes into {@code connectMillis}. Returns how many messages it sent.
     */
    private static int paceSmallClient(
            BrokerProcess broker, long endNanos, long periodMillis, long newcomerMillis, List<Long> connectMillis)
            throws InterruptedException {
        Mqtt3BlockingClient sensor = broker.client3("sensor");
        sensor.connect();
        int sent = 0;
        long nextNewcomer = System.nanoTime();
        while (System.nanoTime() < endNanos) {
            sensor.publishWith()
                    .topic("lab/temperature")
                    .payload(("t" + sent++).getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            Thread.sleep(periodMillis);
            if (System.nanoTime() >= nextNewcomer) {
                connectMillis.add(newClientMillis(broker, "newcomer-" + connectMillis.size()));
                nextNewcomer += TimeUnit.MILLISECONDS.toNanos(newcomerMillis);
            }
        }
        sensor.disconnect();
        return sent;
    }

    /** The small client beside a flood: subscribed to lab/temperature at QoS 1, keeping what it receives. */
    private static List<String> smallReader(BrokerProcess broker) throws Exception {
        List<String> small = Collections.synchronizedList(new ArrayList<>());
        async(broker, "small-reader")
                .subscribeWith()
                .topicFilter("lab/temperature")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> small.add(new String(p.getPayloadAsBytes())))
                .send()
                .get(10, TimeUnit.SECONDS);
        return small;
    }

    private static Mqtt3AsyncClient async(BrokerProcess broker, String id) throws Exception {
        Mqtt3AsyncClient client = broker.client3(id).toAsync();
        client.connect().get(10, TimeUnit.SECONDS);
        return client;
    }

    /** A new client's wait for its CONNACK, in ms; 10 s and more when it got none. */
    private static long newClientMillis(BrokerProcess broker, String id) {
        long began = System.nanoTime();
        Mqtt3AsyncClient client = broker.client3(id).toAsync();
        try {
            client.connect().get(10, TimeUnit.SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            client.disconnect();
            return ms;
        } catch (Exception e) {
            return 10_000 + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        }
    }
}
