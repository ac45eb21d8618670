package io.mqttplatform.broker.embedded;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.broker.testkit.SharedBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** MQTT 3.1, 3.1.1 and 5 clients, including the Debian clients our users have today, work with the broker. */
class ProtocolCompatibilityIT {

    @RegisterExtension
    static final SharedBroker shared = SharedBroker.withVariables("protocols", Map.of("SYS_INTERVAL", "1"));

    static BrokerProcess broker;
    static String port;

    @BeforeAll
    static void useSharedBroker() {
        broker = shared.process();
        port = Integer.toString(broker.mqttPort);
    }

    @Test
    void mqtt311AndMqtt5Clients_exchangeMessagesBothWays() throws Exception {
        Mqtt3BlockingClient v3 = broker.client3("v311");
        Mqtt5BlockingClient v5 = broker.client5("v5");
        v3.connect();
        v5.connect();
        try (var to3 = v3.publishes(MqttGlobalPublishFilter.ALL);
                var to5 = v5.publishes(MqttGlobalPublishFilter.ALL)) {
            v3.subscribeWith()
                    .topicFilter("lab/+/to3")
                    .qos(MqttQos.EXACTLY_ONCE)
                    .send();
            v5.subscribeWith().topicFilter("lab/#").noLocal(true).send();

            v5.publishWith()
                    .topic("lab/x/to3")
                    .payload("from5".getBytes())
                    .qos(MqttQos.EXACTLY_ONCE)
                    .send();
            v3.publishWith()
                    .topic("lab/y")
                    .payload("from311".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            assertThat(new String(
                            to3.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()))
                    .isEqualTo("from5");
            assertThat(new String(
                            to5.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()))
                    .isEqualTo("from311");
        }
        v3.disconnect();
        v5.disconnect();
    }

    @Test
    void mqtt5ClientOverWebSocket_atPathMqtt_exchangesMessagesWithATcpClient() throws Exception {
        Mqtt5BlockingClient overWebSocket = MqttClient.builder()
                .useMqttVersion5()
                .identifier("browser-like")
                .serverHost("127.0.0.1")
                .serverPort(broker.websocketPort)
                .webSocketConfig()
                .serverPath("mqtt")
                .applyWebSocketConfig()
                .buildBlocking();
        Mqtt5BlockingClient overTcp = broker.client5("tcp-peer");
        overWebSocket.connect();
        overTcp.connect();
        try (var toWebSocket = overWebSocket.publishes(MqttGlobalPublishFilter.ALL)) {
            overWebSocket.subscribeWith().topicFilter("lab/ws/#").send();

            overTcp.publishWith()
                    .topic("lab/ws/temp")
                    .payload("19.0".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            var message = toWebSocket.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(message.getTopic().toString()).isEqualTo("lab/ws/temp");
            assertThat(new String(message.getPayloadAsBytes())).isEqualTo("19.0");
        }
        overWebSocket.disconnect();
        overTcp.disconnect();
    }

    @Test
    void mosquittoClientsOnMqtt31_publishAndSubscribe() throws Exception {
        CommandLine.require("mosquitto_sub", "mosquitto-clients");
        Process sub = CommandLine.start(
                "mosquitto_sub",
                "-V",
                "mqttv31",
                "-h",
                "127.0.0.1",
                "-p",
                port,
                "-i",
                "cli-v31-sub",
                "-t",
                "lab/cli",
                "-C",
                "1",
                "-W",
                "20");
        await("mosquitto_sub connected")
                .atMost(Duration.ofSeconds(10))
                .until(() -> broker.output().stream().anyMatch(l -> l.contains("as cli-v31-sub (p1, c1, k60)")));

        CommandLine.Result pub = CommandLine.run(
                Duration.ofSeconds(10),
                "mosquitto_pub",
                "-V",
                "mqttv31",
                "-h",
                "127.0.0.1",
                "-p",
                port,
                "-t",
                "lab/cli",
                "-m",
                "hello-31",
                "-q",
                "1");

        assertThat(pub.exitCode()).as(pub.output()).isZero();
        CommandLine.Result received = CommandLine.finish(sub, Duration.ofSeconds(20));
        assertThat(received.output().trim()).isEqualTo("hello-31");
    }

    @Test
    void mosquittoSub_showsTheSysTree() throws Exception {
        CommandLine.require("mosquitto_sub", "mosquitto-clients");
        // load averages appear from the second update on, as in mosquitto
        await("second $SYS update")
                .atMost(Duration.ofSeconds(10))
                .until(() -> CommandLine.run(
                                        Duration.ofSeconds(5),
                                        "mosquitto_sub",
                                        "-h",
                                        "127.0.0.1",
                                        "-p",
                                        port,
                                        "-t",
                                        "$SYS/broker/load/connections/1min",
                                        "-C",
                                        "1",
                                        "-W",
                                        "3")
                                .exitCode()
                        == 0);

        CommandLine.Result tree = CommandLine.run(
                Duration.ofSeconds(15),
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                port,
                "-t",
                "$SYS/#",
                "-v",
                "--retained-only",
                "-W",
                "10");

        assertThat(tree.output())
                .contains("$SYS/broker/version HiveMQ Community Edition version 2025.5")
                .containsPattern("\\$SYS/broker/uptime \\d+ seconds")
                .containsPattern("\\$SYS/broker/clients/connected \\d+")
                .containsPattern("\\$SYS/broker/retained messages/count \\d+")
                .containsPattern("\\$SYS/broker/load/connections/1min \\d+\\.\\d\\d");
    }

    @Test
    void pahoClientPinnedToMqtt31_receivesTheSysTreeAndItsOwnMessages() throws Exception {
        CommandLine.require("python3", "python3-paho-mqtt");
        Path script = Path.of(Objects.requireNonNull(getClass().getResource("/paho_mqttv31.py"))
                .toURI());

        CommandLine.Result run = CommandLine.run(Duration.ofSeconds(40), "/usr/bin/python3", script.toString(), port);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("connected rc=0")
                .contains("$SYS/broker/version HiveMQ Community Edition version 2025.5")
                .contains("lab/py from-mqttv31");
        assertThat(broker.output()).anyMatch(line -> line.contains("as paho-v31 (p1, c1, k60)"));
    }
}
