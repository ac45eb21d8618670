package io.mqttplatform.broker.extension.hivemq;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.mqttplatform.broker.testkit.BrokerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the broker changes in HiveMQ's client queues (docs/adr/0015-client-queues.md), through HiveMQ's internals
 * (hivemq/ClientQueues): a HiveMQ upgrade that moves them fails here. What users see: a clean-session subscriber's
 * messages cost the disk nothing, a persistent session's queue still survives a killed broker beside it, a client id
 * that changes between clean and persistent sessions never gets another session's messages, and the broker's own
 * traffic (the start-up warm-up, the health check) never reaches a user's {@code #}, connected or not.
 */
class ClientQueuesIT {

    private static final int FRAME = 256 * 1024;

    @Test
    void cleanSessionSubscriber_getsEveryMessage_withoutWritingThemToDisk(@TempDir Path data) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start("volatile-disk", data, Map.of())) {
            assertThat(broker.output())
                    .anyMatch(line ->
                            line.contains("Client queues: kept in memory for sessions that end with their connection"));
            assertThat(broker.output()).anyMatch(line -> line.contains("x"));
            Mqtt3BlockingClient camera = connected(broker.client3("camera"), true);
            Mqtt3BlockingClient viewer = connected(broker.client3("viewer"), true);
            long before = size(data);
            int frames = 120; // 30 MiB
            try (var received = viewer.publishes(MqttGlobalPublishFilter.ALL)) {
                viewer.subscribeWith()
                        .topicFilter("lab/camera")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                for (int i = 0; i < frames; i++) {
                    camera.publishWith()
                            .topic("lab/camera")
                            .payload(new byte[FRAME])
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send();
                }
                for (int i = 0; i < frames; i++) {
                    assertThat(received.receive(10, TimeUnit.SECONDS))
                            .as("frame %d of %d", i + 1, frames)
                            .isPresent();
                }
            }
            long grown = size(data) - before;
            System.out.printf("data folder grew by %d bytes for %d bytes delivered%n", grown, (long) frames * FRAME);
            assertThat(grown).as("bytes the data folder grew by").isLessThan(FRAME * 8L);
            camera.disconnect();
            viewer.disconnect();
        }
    }

    @Test
    void persistentSession_keepsItsQueueAcrossAKill_besideACleanSubscriber(@TempDir Path data) throws Exception {
        try (BrokerProcess first = BrokerProcess.start("volatile-mixed-before", data, Map.of())) {
            subscribePersistent(first, "lab-logger", "lab/queue");
            Mqtt3BlockingClient display = connected(first.client3("display"), true);
            try (var live = display.publishes(MqttGlobalPublishFilter.ALL)) {
                display.subscribeWith()
                        .topicFilter("lab/queue")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                Mqtt3BlockingClient instrument = connected(first.client3("instrument"), true);
                for (int i = 1; i <= 3; i++) {
                    publish(instrument, "lab/queue", "queued-" + i);
                }
                assertThat(payloads(live, 3)).containsExactly("queued-1", "queued-2", "queued-3");
            }
            first.kill();
        }
        try (BrokerProcess second = BrokerProcess.start("volatile-mixed-after", data, Map.of())) {
            Mqtt3BlockingClient logger = second.client3("lab-logger");
            try (var queued = logger.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(logger.connectWith().cleanSession(false).send().isSessionPresent())
                        .isTrue();
                assertThat(payloads(queued, 3)).containsExactly("queued-1", "queued-2", "queued-3");
            }
            logger.disconnect();
        }
    }

    @Test
    void clientIdMovingBetweenCleanAndPersistentSessions_onlyGetsItsOwnSessionsMessages(@TempDir Path data)
            throws Exception {
        try (BrokerProcess first = BrokerProcess.start("volatile-switch-before", data, Map.of())) {
            Mqtt3BlockingClient instrument = connected(first.client3("instrument"), true);
            subscribePersistent(first, "logger", "lab/q");
            publish(instrument, "lab/q", "for-the-persistent-session");

            // a clean session discards the persistent one and its queue
            Mqtt3BlockingClient logger = first.client3("logger");
            try (var received = logger.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(logger.connectWith().cleanSession(true).send().isSessionPresent())
                        .isFalse();
                logger.subscribeWith()
                        .topicFilter("lab/q")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                publish(instrument, "lab/q", "for-the-clean-session");
                assertThat(payloads(received, 1)).containsExactly("for-the-clean-session");
                assertThat(received.receive(1, TimeUnit.SECONDS)).isEmpty();
            }
            logger.disconnect();

            // neither the old persistent queue nor the clean session's comes back to a new persistent session
            Mqtt3BlockingClient again = first.client3("logger");
            try (var received = again.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(again.connectWith().cleanSession(false).send().isSessionPresent())
                        .isFalse();
                assertThat(received.receive(1, TimeUnit.SECONDS)).isEmpty();
                again.subscribeWith()
                        .topicFilter("lab/q")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
            }
            again.disconnect();
            publish(instrument, "lab/q", "while-away");
            first.kill();
        }
        try (BrokerProcess second = BrokerProcess.start("volatile-switch-after", data, Map.of())) {
            Mqtt3BlockingClient logger = second.client3("logger");
            try (var queued = logger.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(logger.connectWith().cleanSession(false).send().isSessionPresent())
                        .isTrue();
                assertThat(payloads(queued, 1)).containsExactly("while-away");
                assertThat(queued.receive(1, TimeUnit.SECONDS)).isEmpty();
            }
            logger.disconnect();
        }
    }

    @Test
    void persistentConnectionTakingOverACleanOne_queuesOnFileFromThen(@TempDir Path data) throws Exception {
        try (BrokerProcess first = BrokerProcess.start("volatile-takeover-before", data, Map.of())) {
            Mqtt3BlockingClient instrument = connected(first.client3("instrument"), true);
            Mqtt3BlockingClient clean = connected(first.client3("station"), true);
            clean.subscribeWith()
                    .topicFilter("lab/q")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            publish(instrument, "lab/q", "to-the-clean-connection");

            Mqtt3BlockingClient persistent = first.client3("station");
            persistent.connectWith().cleanSession(false).send(); // takes the client id over
            try (var received = persistent.publishes(MqttGlobalPublishFilter.ALL)) {
                persistent
                        .subscribeWith()
                        .topicFilter("lab/q")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                publish(instrument, "lab/q", "live");
                assertThat(payloads(received, 1)).containsExactly("live");
            }
            persistent.disconnect();
            publish(instrument, "lab/q", "queued");
            first.kill();
        }
        try (BrokerProcess second = BrokerProcess.start("volatile-takeover-after", data, Map.of())) {
            Mqtt3BlockingClient station = second.client3("station");
            try (var queued = station.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(station.connectWith().cleanSession(false).send().isSessionPresent())
                        .isTrue();
                assertThat(payloads(queued, 1)).containsExactly("queued");
            }
            station.disconnect();
        }
    }

    @Test
    void usersHash_connectedOrKeptAcrossARestart_getsNoneOfTheBrokersOwnTraffic(@TempDir Path data) throws Exception {
        try (BrokerProcess first = BrokerProcess.start("reserved-before", data, Map.of())) {
            subscribePersistent(first, "everything-logger", "#");
            first.stop();
        }
        // the second start's warm-up runs while the logger's session (subscribed to #) waits for it on file, and the
        // health check's round trip runs every few seconds meanwhile
        try (BrokerProcess second = BrokerProcess.start("reserved-after", data, Map.of("BROKER_WARMUP_SECONDS", "3"))) {
            assertThat(second.output()).anyMatch(line -> line.contains("Start-up warm-up done"));
            Mqtt3BlockingClient logger = second.client3("everything-logger");
            Mqtt3BlockingClient watcher = connected(second.client3("watcher"), true);
            try (var kept = logger.publishes(MqttGlobalPublishFilter.ALL);
                    var live = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(logger.connectWith().cleanSession(false).send().isSessionPresent())
                        .isTrue();
                watcher.subscribeWith()
                        .topicFilter("#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                Mqtt3BlockingClient instrument = connected(second.client3("instrument"), true);
                Thread.sleep(6000); // a health round trip (every 5 s) while the watcher is subscribed
                publish(instrument, "lab/marker", "users-message");
                assertThat(topicsUntil(kept, "lab/marker")).noneMatch(topic -> topic.startsWith("mqtt-platform/"));
                assertThat(topicsUntil(live, "lab/marker")).noneMatch(topic -> topic.startsWith("mqtt-platform/"));
            }
            logger.disconnect();
            watcher.disconnect();
        }
    }

    /** The topics received up to and including {@code last} (HiveMQ's # also matches $SYS: those are left out). */
    private static List<String> topicsUntil(Mqtt3BlockingClient.Mqtt3Publishes publishes, String last)
            throws InterruptedException {
        List<String> topics = new ArrayList<>();
        while (!topics.contains(last)) {
            Optional<Mqtt3Publish> next = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(next).as("a message before %s; got %s", last, topics).isPresent();
            String topic = next.get().getTopic().toString();
            if (!topic.startsWith("$SYS/")) {
                topics.add(topic);
            }
        }
        return topics;
    }

    private static void subscribePersistent(BrokerProcess broker, String id, String filter) {
        Mqtt3BlockingClient client = broker.client3(id);
        client.connectWith().cleanSession(false).send();
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        client.disconnect();
    }

    private static Mqtt3BlockingClient connected(Mqtt3BlockingClient client, boolean cleanSession) {
        client.connectWith().cleanSession(cleanSession).send();
        return client;
    }

    /** Returns once the broker acknowledged it. */
    private static void publish(Mqtt3BlockingClient client, String topic, String payload) {
        client.publishWith()
                .topic(topic)
                .payload(payload.getBytes())
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
    }

    private static List<String> payloads(Mqtt3BlockingClient.Mqtt3Publishes publishes, int count)
            throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<Mqtt3Publish> next = publishes.receive(10, TimeUnit.SECONDS);
            next.ifPresent(p -> payloads.add(new String(p.getPayloadAsBytes())));
        }
        return payloads;
    }

    private static long size(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0; // removed meanwhile
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
