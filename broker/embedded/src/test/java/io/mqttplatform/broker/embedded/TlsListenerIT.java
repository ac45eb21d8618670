package io.mqttplatform.broker.embedded;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.broker.testkit.TestKeystore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT over TLS, switched on by MQTT_TLS_KEYSTORE (the launcher adds conf/tls-listener.xml to config.xml, as the image
 * does for the chart's broker.tls.enabled): a real TLS client reaches the broker on the TLS listener with the keystore's
 * certificate, the plain listener still works beside it, and a client that does not trust the certificate is refused.
 */
class TlsListenerIT {

    private static final String PASSWORD = "tls-test-secret";

    @Test
    void tlsConfig_acceptsTlsClientsWithTheKeystoresCertificate_besideThePlainListener(
            @TempDir Path data, @TempDir Path tls) throws Exception {
        CommandLine.require("mosquitto_pub", "mosquitto-clients");
        Path keystore = TestKeystore.create(tls, "broker", PASSWORD);
        Path certificate = TestKeystore.exportCertificate(keystore, PASSWORD, tls.resolve("broker.pem"));
        int tlsPort = BrokerProcess.freePort();

        try (BrokerProcess broker = BrokerProcess.start("tls", data, tlsVariables(keystore, tlsPort))) {
            assertThat(broker.output())
                    .anyMatch(line -> line.contains("TLS") && line.contains(Integer.toString(tlsPort)))
                    .anyMatch(line ->
                            line.contains("MQTT broker ready") && line.contains("mqtts://127.0.0.1:" + tlsPort));
            Mqtt5BlockingClient subscriber = broker.client5("plain-subscriber");
            subscriber.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
                    subscriber.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                subscriber
                        .subscribeWith()
                        .topicFilter("lab/tls")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();

                CommandLine.Result sent = CommandLine.run(
                        Duration.ofSeconds(20),
                        "mosquitto_pub",
                        "-h",
                        "localhost",
                        "-p",
                        Integer.toString(tlsPort),
                        "--cafile",
                        certificate.toString(),
                        "-q",
                        "1",
                        "-t",
                        "lab/tls",
                        "-m",
                        "over TLS");

                assertThat(sent.exitCode()).as(sent.output()).isZero();
                Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
                assertThat(received).isPresent();
                assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("over TLS");
            } finally {
                subscriber.disconnect();
            }
        }
    }

    @Test
    void tlsConfig_refusesAClientThatDoesNotTrustTheCertificate(@TempDir Path data, @TempDir Path tls)
            throws Exception {
        CommandLine.require("mosquitto_pub", "mosquitto-clients");
        Path keystore = TestKeystore.create(tls, "broker", PASSWORD);
        Path otherCa = TestKeystore.exportCertificate(
                TestKeystore.create(tls, "other", PASSWORD), PASSWORD, tls.resolve("other.pem"));
        int tlsPort = BrokerProcess.freePort();

        try (BrokerProcess broker = BrokerProcess.start("tls-untrusted", data, tlsVariables(keystore, tlsPort))) {
            CommandLine.Result sent = CommandLine.run(
                    Duration.ofSeconds(20),
                    "mosquitto_pub",
                    "-h",
                    "localhost",
                    "-p",
                    Integer.toString(tlsPort),
                    "--cafile",
                    otherCa.toString(),
                    "-t",
                    "lab/tls",
                    "-m",
                    "x");

            assertThat(sent.exitCode()).isNotZero();
            assertThat(sent.output()).contains("TLS error");
        }
    }

    private static Map<String, String> tlsVariables(Path keystore, int tlsPort) {
        return Map.of(
                "MQTT_TLS_PORT",
                Integer.toString(tlsPort),
                "MQTT_TLS_KEYSTORE",
                keystore.toString(),
                "MQTT_TLS_KEYSTORE_PASSWORD",
                PASSWORD);
    }
}
