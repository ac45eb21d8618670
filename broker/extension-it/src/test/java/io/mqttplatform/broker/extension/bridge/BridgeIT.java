package io.mqttplatform.broker.extension.bridge;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.broker.testkit.MosquittoProcess;
import io.mqttplatform.broker.testkit.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Our broker bridged to Debian's mosquitto with a mosquitto bridge section (BRIDGE_CONFIG), mosquitto bridged to ours
 * with its own, and mosquitto bridged to mosquitto as the oracle: what a lab publishes goes out under the remote prefix, what the cloud publishes comes in under the local one, retained messages stay retained,
 * a "both" topic does not loop, the bridge's state is on its notification topic on both sides, and messages sent while
 * mosquitto is down reach it, once each, when it is back.
 */
class BridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Path bridgeConfig(Path dir, int remotePort, String... extra) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "# copied from a lab's mosquitto.conf",
                "connection cloud",
                "address 127.0.0.1:" + remotePort,
                "remote_clientid lab-bridge",
                "topic sensors/# out 1 lab/ site-a/lab/",
                "topic commands/# in 1 lab/ site-a/",
                "topic shared/# both 1",
                "restart_timeout 1"));
        lines.addAll(List.of(extra));
        return Files.write(dir.resolve("bridges.conf"), lines);
    }

    /**
     * Out, with the local prefix replaced by the remote one, and in, the other way round (the cloud client subscribed to
     * site-a/lab/#, the lab client to lab/commands/#).
     */
    private static void outAndIn(
            Mqtt5BlockingClient lab,
            Mqtt5BlockingClient.Mqtt5Publishes atLab,
            Mqtt5BlockingClient cloud,
            Mqtt5BlockingClient.Mqtt5Publishes atCloud)
            throws InterruptedException {
        lab.publishWith()
                .topic("lab/sensors/t1")
                .payload("21.5".getBytes())
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        assertThat(atCloud.receive(WAIT.toSeconds(), TimeUnit.SECONDS))
                .map(BridgeIT::text)
                .contains("site-a/lab/sensors/t1 21.5");
        cloud.publishWith()
                .topic("site-a/commands/start")
                .payload("go".getBytes())
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        assertThat(atLab.receive(WAIT.toSeconds(), TimeUnit.SECONDS))
                .map(BridgeIT::text)
                .contains("lab/commands/start go");
    }

    private static String text(Mqtt5Publish publish) {
        return publish.getTopic() + " " + new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static List<String> drain(Mqtt5BlockingClient.Mqtt5Publishes publishes, Duration quiet) throws Exception {
        List<String> got = new ArrayList<>();
        for (Optional<Mqtt5Publish> p = publishes.receive(quiet.toMillis(), TimeUnit.MILLISECONDS);
                p.isPresent();
                p = publishes.receive(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
            got.add(text(p.get()));
        }
        return got;
    }

    /**
     * The same bridge section run by our broker and, as the oracle, by a mosquitto of the lab's own: the same
     * observations at both ends.
     */
    @ParameterizedTest(name = "lab {0}, cloud {1}")
    @CsvSource({"ours, mosquitto", "mosquitto, mosquitto", "mosquitto, ours"})
    void outInAndBoth_crossWithTheirPrefixes_retainedStaysRetained_andNothingLoops(
            String labBroker, String cloudBroker, @TempDir Path data, @TempDir Path dir) throws Exception {
        boolean mosquittoToOurs = cloudBroker.equals("ours") && labBroker.equals("mosquitto");
        String state = mosquittoToOurs ? "bridges/lab-bridge/state" : "$SYS/broker/connection/lab-bridge/state";
        try (Side cloudSide = Side.start(cloudBroker, "cloud", data.resolve("cloud"), null);
                Side labSide = Side.start(
                        labBroker,
                        "lab",
                        data.resolve("lab"),
                        bridgeConfig(
                                dir,
                                cloudSide.port(),
                                // HiveMQ, like most brokers but mosquitto, drops a CONNECT with mosquitto's bridge flag
                                // (try_private) and a client's PUBLISH to a $ topic; MQTT 5's no-local then keeps
                                // mosquitto's "both" line from echoing (broker/README.md, "Bridges")
                                mosquittoToOurs
                                        ? new String[] {
                                            "try_private false",
                                            "bridge_protocol_version mqttv50",
                                            "notification_topic " + state
                                        }
                                        : new String[0]))) {
            Mqtt5BlockingClient cloud = cloudSide.client("cloud-app");
            Mqtt5BlockingClient lab = labSide.client("lab-app");
            try (Mqtt5BlockingClient.Mqtt5Publishes atCloud = cloud.publishes(MqttGlobalPublishFilter.ALL);
                    Mqtt5BlockingClient.Mqtt5Publishes atLab = lab.publishes(MqttGlobalPublishFilter.ALL)) {
                // the bridge says it is up, retained, on its notification topic at the remote end (mosquitto may
                // publish a 0 first, before its connection is up)
                cloud.subscribeWith().topicFilter(state).send();
                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(atCloud.receive(1, TimeUnit.SECONDS))
                                .map(BridgeIT::text)
                                .contains(state + " 1"));
                labSide.assertLogged("Bridge cloud connected to 127.0.0.1:" + cloudSide.port());
                // the state may be published again (mosquitto does on each of its connects): out of the way from here
                cloud.unsubscribeWith().topicFilter(state).send();
                drain(atCloud, Duration.ofMillis(300));

                cloud.subscribeWith()
                        .topicFilter("site-a/lab/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                lab.subscribeWith()
                        .topicFilter("lab/commands/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                lab.subscribeWith()
                        .topicFilter("shared/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                cloud.subscribeWith()
                        .topicFilter("shared/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();

                outAndIn(lab, atLab, cloud, atCloud);
                // a topic outside every line stays home
                lab.publishWith()
                        .topic("lab/private/x")
                        .payload("no".getBytes())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();

                // both: each side's message reaches the other once, and never comes back
                lab.publishWith()
                        .topic("shared/from-lab")
                        .payload("1".getBytes())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                cloud.publishWith()
                        .topic("shared/from-cloud")
                        .payload("2".getBytes())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                assertThat(drain(atCloud, Duration.ofSeconds(3)))
                        .containsExactlyInAnyOrder("shared/from-lab 1", "shared/from-cloud 2");
                assertThat(drain(atLab, Duration.ofSeconds(1)))
                        .containsExactlyInAnyOrder("shared/from-lab 1", "shared/from-cloud 2");
            }

            if (labBroker.equals("ours")) {
                // the bridge's counters in our $SYS tree, beside its state
                Mqtt5BlockingClient watcher = labSide.client("sys-watcher");
                Map<String, String> counters = new HashMap<>();
                String base = "$SYS/broker/connection/lab-bridge/messages/";
                try (Mqtt5BlockingClient.Mqtt5Publishes sys = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
                    watcher.subscribeWith().topicFilter(base + "+").send();
                    await().atMost(WAIT).until(() -> {
                        sys.receive(1, TimeUnit.SECONDS)
                                .ifPresent(p -> counters.put(
                                        p.getTopic().toString(),
                                        new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
                        return Long.parseLong(counters.getOrDefault(base + "sent", "0")) >= 2
                                && Long.parseLong(counters.getOrDefault(base + "received", "0")) >= 2;
                    });
                }
                assertThat(counters).containsEntry(base + "queued", "0").containsEntry(base + "dropped", "0");
                watcher.disconnect();
            }

            // retained on our side stays retained on mosquitto: a new mosquitto_sub gets it at once, flagged retained
            lab.publishWith()
                    .topic("lab/sensors/setpoint")
                    .payload("42".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .retain(true)
                    .send();
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(CommandLine.run(
                                            Duration.ofSeconds(10),
                                            "mosquitto_sub",
                                            "-h",
                                            "127.0.0.1",
                                            "-p",
                                            Integer.toString(cloudSide.port()),
                                            "-t",
                                            "site-a/lab/sensors/setpoint",
                                            "-C",
                                            "1",
                                            "-W",
                                            "2",
                                            "-F",
                                            "%r %t %p")
                                    .output())
                            .contains("1 site-a/lab/sensors/setpoint 42"));
            lab.disconnect();
            cloud.disconnect();
        }
    }

    /**
     * One end of the bridge: our broker (with BRIDGE_CONFIG when it bridges) or Debian's mosquitto (with the same lines
     * in its own configuration).
     */
    private record Side(BrokerProcess ours, MosquittoProcess mosquitto) implements AutoCloseable {

        static Side start(String kind, String name, Path data, Path bridgeConfig) throws Exception {
            if (kind.equals("ours")) {
                Files.createDirectories(data);
                return new Side(
                        BrokerProcess.start(
                                "bridge-" + name,
                                data,
                                bridgeConfig == null
                                        ? Map.of()
                                        : Map.of("BRIDGE_CONFIG", bridgeConfig.toString(), "SYS_INTERVAL", "1")),
                        null);
            }
            return new Side(
                    null,
                    MosquittoProcess.start(
                            "bridge-" + name, bridgeConfig == null ? List.of() : Files.readAllLines(bridgeConfig)));
        }

        int port() {
            return ours != null ? ours.mqttPort : mosquitto.port;
        }

        Mqtt5BlockingClient client(String id) {
            Mqtt5BlockingClient client = ours != null
                    ? ours.client5(id)
                    : Mqtt5Client.builder()
                            .identifier(id)
                            .serverHost("127.0.0.1")
                            .serverPort(mosquitto.port)
                            .buildBlocking();
            client.connect();
            return client;
        }

        /** Our connection log line (mosquitto's log goes to target/broker-logs/). */
        void assertLogged(String line) {
            if (ours != null) {
                assertThat(ours.output()).anyMatch(l -> l.contains(line));
            }
        }

        @Override
        public void close() throws Exception {
            if (ours != null) {
                ours.close();
            } else {
                mosquitto.close();
            }
        }
    }

    @Test
    void messagesSentWhileTheRemoteIsDown_areDeliveredOnceWhenItIsBack(@TempDir Path data, @TempDir Path dir)
            throws Exception {
        Path mosquittoData = Files.createDirectories(dir.resolve("mosquitto-data"));
        List<String> persistent = List.of("persistence true", "persistence_location " + mosquittoData + "/");
        int port = BrokerProcess.freePort();
        MosquittoProcess mosquitto = MosquittoProcess.start("bridge-restart", port, persistent);
        try (BrokerProcess ours = BrokerProcess.start(
                "bridged-restart",
                data,
                Map.of("BRIDGE_CONFIG", bridgeConfig(dir, port).toString()))) {
            // a cloud subscriber with a kept session, so that mosquitto holds what arrives while it is away
            Mqtt5BlockingClient cloud = Mqtt5Client.builder()
                    .identifier("cloud-archive")
                    .serverHost("127.0.0.1")
                    .serverPort(port)
                    .buildBlocking();
            cloud.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
            cloud.subscribeWith()
                    .topicFilter("site-a/lab/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            await().atMost(WAIT)
                    .until(() -> ours.output().stream().anyMatch(l -> l.contains("Bridge cloud connected")));
            cloud.disconnect();

            mosquitto.stop();
            Mqtt5BlockingClient lab = ours.client5("lab-instrument");
            lab.connect();
            Mqtt5BlockingClient.Mqtt5Publishes state = lab.publishes(MqttGlobalPublishFilter.ALL);
            lab.subscribeWith()
                    .topicFilter("$SYS/broker/connection/lab-bridge/state")
                    .send();
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(state.receive(1, TimeUnit.SECONDS))
                            .map(BridgeIT::text)
                            .contains("$SYS/broker/connection/lab-bridge/state 0"));
            for (int i = 1; i <= 5; i++) {
                lab.publishWith()
                        .topic("lab/sensors/offline")
                        .payload(("m" + i).getBytes())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
            }

            mosquitto = MosquittoProcess.start("bridge-restart", port, persistent);
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(state.receive(1, TimeUnit.SECONDS))
                            .map(BridgeIT::text)
                            .contains("$SYS/broker/connection/lab-bridge/state 1"));
            Mqtt5BlockingClient back = Mqtt5Client.builder()
                    .identifier("cloud-archive")
                    .serverHost("127.0.0.1")
                    .serverPort(port)
                    .buildBlocking();
            try (Mqtt5BlockingClient.Mqtt5Publishes archived = back.publishes(MqttGlobalPublishFilter.ALL)) {
                back.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
                back.subscribeWith()
                        .topicFilter("site-a/lab/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                List<String> got = new ArrayList<>();
                await().atMost(WAIT).until(() -> {
                    got.addAll(drain(archived, Duration.ofMillis(500)));
                    return got.size() >= 5;
                });
                got.addAll(drain(archived, Duration.ofSeconds(2)));
                assertThat(got)
                        .containsExactly(
                                "site-a/lab/sensors/offline m1",
                                "site-a/lab/sensors/offline m2",
                                "site-a/lab/sensors/offline m3",
                                "site-a/lab/sensors/offline m4",
                                "site-a/lab/sensors/offline m5");
            }
            back.disconnect();
            lab.disconnect();
        } finally {
            mosquitto.close();
        }
    }

    /** TLS with the CA file and a password, as a lab bridges to a cloud mosquitto; QoS up to each line's. */
    @Test
    void overTlsWithAPassword_qosIsKeptUpToTheLinesQos(@TempDir Path data, @TempDir Path dir) throws Exception {
        TestCertificates tls = TestCertificates.create(Files.createDirectories(dir.resolve("tls")), "bridge");
        Path passwords = dir.resolve("passwd");
        assertThat(CommandLine.run(
                                Duration.ofSeconds(20),
                                "mosquitto_passwd",
                                "-c",
                                "-b",
                                passwords.toString(),
                                "lab",
                                "lab secret")
                        .exitCode())
                .isZero();
        List<String> remote = new ArrayList<>(tls.mosquittoListenerLines());
        remote.addAll(List.of("allow_anonymous false", "password_file " + passwords));
        try (MosquittoProcess mosquitto = MosquittoProcess.start("bridge-tls", remote);
                BrokerProcess ours = BrokerProcess.start(
                        "bridged-tls",
                        data,
                        Map.of(
                                "BRIDGE_CONFIG",
                                Files.write(
                                                dir.resolve("bridges.conf"),
                                                List.of(
                                                        "connection secure",
                                                        "address localhost:" + mosquitto.port,
                                                        "remote_clientid lab-secure",
                                                        "remote_username lab",
                                                        "remote_password lab secret",
                                                        "bridge_cafile " + tls.ca(),
                                                        "topic qos2/# out 2",
                                                        "topic qos0/# out 0"))
                                        .toString()))) {
            await().atMost(WAIT)
                    .until(() -> ours.output().stream()
                            .anyMatch(l -> l.contains("Bridge secure connected to localhost:" + mosquitto.port)));
            Mqtt5BlockingClient lab = ours.client5("lab-qos");
            lab.connect();
            lab.publishWith()
                    .topic("qos2/a")
                    .payload("two".getBytes())
                    .qos(MqttQos.EXACTLY_ONCE)
                    .retain(true)
                    .send();
            lab.publishWith()
                    .topic("qos0/b")
                    .payload("zero".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .retain(true)
                    .send();
            lab.disconnect();

            for (String[] expected :
                    List.of(new String[] {"qos2/a", "1 2 qos2/a two"}, new String[] {"qos0/b", "1 0 qos0/b zero"})) {
                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(CommandLine.run(
                                                Duration.ofSeconds(10),
                                                "mosquitto_sub",
                                                "-h",
                                                "localhost",
                                                "-p",
                                                Integer.toString(mosquitto.port),
                                                "--cafile",
                                                tls.ca().toString(),
                                                "-u",
                                                "lab",
                                                "-P",
                                                "lab secret",
                                                "-q",
                                                "2",
                                                "-t",
                                                expected[0],
                                                "-C",
                                                "1",
                                                "-W",
                                                "2",
                                                "-F",
                                                "%r %q %t %p")
                                        .output())
                                .contains(expected[1]));
            }
        }
    }

    /** A lazy bridge starts once `threshold` messages wait, through the second address when the first is down. */
    @Test
    void aLazyBridge_startsAtItsThreshold_failingOverToTheNextAddress(@TempDir Path data, @TempDir Path dir)
            throws Exception {
        int nobody = BrokerProcess.freePort();
        try (MosquittoProcess mosquitto = MosquittoProcess.start("bridge-lazy", List.of());
                BrokerProcess ours = BrokerProcess.start(
                        "bridged-lazy",
                        data,
                        Map.of(
                                "BRIDGE_CONFIG",
                                Files.write(
                                                dir.resolve("bridges.conf"),
                                                List.of(
                                                        "connection cloud",
                                                        "address 127.0.0.1:" + nobody + " 127.0.0.1:" + mosquitto.port,
                                                        "remote_clientid lab-lazy",
                                                        "start_type lazy",
                                                        "threshold 3",
                                                        "restart_timeout 1",
                                                        "topic lab/# out 1"))
                                        .toString()))) {
            Mqtt5BlockingClient cloud = Mqtt5Client.builder()
                    .identifier("cloud-lazy")
                    .serverHost("127.0.0.1")
                    .serverPort(mosquitto.port)
                    .buildBlocking();
            cloud.connect();
            Mqtt5BlockingClient lab = ours.client5("lab-lazy-app");
            lab.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes atCloud = cloud.publishes(MqttGlobalPublishFilter.ALL)) {
                cloud.subscribeWith()
                        .topicFilter("lab/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                for (int i = 1; i <= 2; i++) {
                    lab.publishWith()
                            .topic("lab/m")
                            .payload(("m" + i).getBytes())
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send();
                }
                assertThat(atCloud.receive(2, TimeUnit.SECONDS))
                        .as("below the threshold nothing goes")
                        .isEmpty();
                assertThat(ours.output()).noneMatch(line -> line.contains("Bridge cloud connecting"));

                lab.publishWith()
                        .topic("lab/m")
                        .payload("m3".getBytes())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                List<String> got = new ArrayList<>();
                await().atMost(WAIT).until(() -> {
                    got.addAll(drain(atCloud, Duration.ofMillis(500)));
                    return got.size() >= 3;
                });
                assertThat(got).containsExactly("lab/m m1", "lab/m m2", "lab/m m3");
            }
            assertThat(ours.output())
                    .anyMatch(line -> line.contains("Bridge cloud could not connect to 127.0.0.1:" + nobody))
                    .anyMatch(line -> line.contains("Bridge cloud connected to 127.0.0.1:" + mosquitto.port));
            lab.disconnect();
            cloud.disconnect();
        }
    }

    /** start_type once: connected at start, never again after mosquitto went away; lazy: stopped when idle. */
    @Test
    void onceIsNotRestarted_andALazyBridgeStopsWhenIdle_andStartsAgainWhenNeeded(@TempDir Path data, @TempDir Path dir)
            throws Exception {
        int port = BrokerProcess.freePort();
        MosquittoProcess mosquitto = MosquittoProcess.start("bridge-once", port, List.of());
        try (BrokerProcess ours = BrokerProcess.start(
                "bridged-once",
                data,
                Map.of(
                        "BRIDGE_CONFIG",
                        Files.write(
                                        dir.resolve("bridges.conf"),
                                        List.of(
                                                "connection once",
                                                "address 127.0.0.1:" + port,
                                                "remote_clientid lab-once",
                                                "start_type once",
                                                "restart_timeout 1",
                                                "topic once/# out 1",
                                                "connection idle",
                                                "address 127.0.0.1:" + port,
                                                "remote_clientid lab-idle",
                                                "start_type lazy",
                                                "threshold 1",
                                                "idle_timeout 2",
                                                "restart_timeout 1",
                                                "topic idle/# out 1"))
                                .toString()))) {
            await().atMost(WAIT).until(() -> ours.output().stream().anyMatch(l -> l.contains("Bridge once connected")));
            Mqtt5BlockingClient lab = ours.client5("lab-once-app");
            lab.connect();

            // lazy: one message starts it, two idle seconds stop it, the next message starts it again
            lab.publishWith()
                    .topic("idle/a")
                    .payload("1".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            await().atMost(WAIT).until(() -> ours.output().stream().anyMatch(l -> l.contains("Bridge idle connected")));
            await().atMost(WAIT)
                    .until(() -> ours.output().stream()
                            .anyMatch(l -> l.contains("Bridge idle idle for 2 s, stopping it (start_type lazy).")));
            long connectsBefore = ours.output().stream()
                    .filter(l -> l.contains("Bridge idle connected"))
                    .count();
            lab.publishWith()
                    .topic("idle/b")
                    .payload("2".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            await().atMost(WAIT)
                    .until(() -> ours.output().stream()
                                    .filter(l -> l.contains("Bridge idle connected"))
                                    .count()
                            > connectsBefore);

            // once: mosquitto goes and comes back; the bridge does not follow
            mosquitto.stop();
            await().atMost(WAIT)
                    .until(() -> ours.output().stream()
                            .anyMatch(l -> l.contains("Bridge once is not started again (start_type once).")));
            mosquitto = MosquittoProcess.start("bridge-once", port, List.of());
            TimeUnit.SECONDS.sleep(4); // four times its restart_timeout
            assertThat(ours.output().stream().filter(l -> l.contains("Bridge once connecting")))
                    .hasSize(1);
            lab.disconnect();
        } finally {
            mosquitto.close();
        }
    }

    /** bridge_protocol_version mqttv31: mosquitto sees the bridge as an MQTT 3.1 client (p1), both ways work. */
    @Test
    void mqttv31_connectsInMqtt31_andCarriesBothWays(@TempDir Path data, @TempDir Path dir) throws Exception {
        try (MosquittoProcess mosquitto = MosquittoProcess.start("bridge-v31", List.of());
                BrokerProcess ours = BrokerProcess.start(
                        "bridged-v31",
                        data,
                        Map.of(
                                "BRIDGE_CONFIG",
                                bridgeConfig(dir, mosquitto.port, "bridge_protocol_version mqttv31")
                                        .toString()))) {
            await().atMost(WAIT)
                    .until(() -> ours.output().stream().anyMatch(l -> l.contains("Bridge cloud connected")));
            assertThat(mosquitto.log()).anyMatch(line -> line.contains(" as lab-bridge (p1,"));
            Mqtt5BlockingClient cloud = Mqtt5Client.builder()
                    .identifier("cloud-v31")
                    .serverHost("127.0.0.1")
                    .serverPort(mosquitto.port)
                    .buildBlocking();
            cloud.connect();
            Mqtt5BlockingClient lab = ours.client5("lab-v31");
            lab.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes atCloud = cloud.publishes(MqttGlobalPublishFilter.ALL);
                    Mqtt5BlockingClient.Mqtt5Publishes atLab = lab.publishes(MqttGlobalPublishFilter.ALL)) {
                cloud.subscribeWith()
                        .topicFilter("site-a/lab/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                lab.subscribeWith()
                        .topicFilter("lab/commands/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                outAndIn(lab, atLab, cloud, atCloud);
            }
            lab.disconnect();
            cloud.disconnect();
        }
    }

    /** round_robin false: on the second address, the bridge goes back to the first as soon as it answers again. */
    @Test
    void withoutRoundRobin_theBridgeGoesBackToItsMainAddress(@TempDir Path data, @TempDir Path dir) throws Exception {
        int main = BrokerProcess.freePort();
        MosquittoProcess primary = null;
        try (MosquittoProcess secondary = MosquittoProcess.start("bridge-secondary", List.of());
                BrokerProcess ours = BrokerProcess.start(
                        "bridged-failback",
                        data,
                        Map.of(
                                "BRIDGE_CONFIG",
                                Files.write(
                                                dir.resolve("bridges.conf"),
                                                List.of(
                                                        "connection cloud",
                                                        "address 127.0.0.1:" + main + " 127.0.0.1:" + secondary.port,
                                                        "round_robin false",
                                                        "restart_timeout 1",
                                                        "topic lab/# out 1"))
                                        .toString()))) {
            await().atMost(WAIT)
                    .until(() -> ours.output().stream()
                            .anyMatch(l -> l.contains("Bridge cloud connected to 127.0.0.1:" + secondary.port)));

            primary = MosquittoProcess.start("bridge-primary", main, List.of());
            await().atMost(WAIT)
                    .until(() -> ours.output().stream()
                            .anyMatch(l -> l.contains("Bridge cloud connected to 127.0.0.1:" + main)));
            assertThat(ours.output())
                    .anyMatch(l -> l.contains("its main address 127.0.0.1:" + main + " answers again"));
        } finally {
            if (primary != null) {
                primary.close();
            }
        }
    }

    @Test
    void aBadLine_stopsTheBroker_namingTheFileLineAndSetting(@TempDir Path data, @TempDir Path dir) throws Exception {
        Path config = bridgeConfig(dir, 1883, "bridge_psk 0a1b2c");
        try (BrokerProcess broker =
                BrokerProcess.launch("bridge-bad", data, Map.of("BRIDGE_CONFIG", config.toString()))) {
            assertThat(broker.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(broker.output())
                    .anyMatch(line -> line.contains("Broker not started: " + config + " line 9: 'bridge_psk' is a"
                            + " mosquitto bridge setting this broker does not support"));
        }
    }
}
