package io.mqttplatform.broker.embedded;

import io.mqttplatform.broker.testkit.BrokerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad setting or a taken port stops the broker at start with a message that names the setting. */
class StartupValidationIT {

    @ParameterizedTest
    @CsvSource({
        "SYS_INTERVAL, -3, SYS_INTERVAL='-3' is not valid: expected a whole number of seconds from 0 to 86400",
        "SYS_INTERVAL, abc, SYS_INTERVAL='abc' is not valid",
        "CONNECTION_MESSAGES, sometimes, CONNECTION_MESSAGES='sometimes' is not valid: expected true or false",
        "MQTT_PORT, abc, MQTT_PORT='abc' is not valid: expected a port number from 1 to 65535",
        "BROKER_PERSISTENCE, disk, BROKER_PERSISTENCE='disk' is not valid: expected file or in-memory",
        "BROKER_INCOMING_BANDWIDTH, 2MB, BROKER_INCOMING_BANDWIDTH='2MB' is not valid: expected a whole number of bytes per second",
        "HEALTH_PORT, 70000, HEALTH_PORT='70000' is not valid: expected a port number from 1 to 65535",
        "MQTT_TLS_KEYSTORE, /nonexistent/keystore.p12, MQTT_TLS_KEYSTORE='/nonexistent/keystore.p12' is not a readable file"
    })
    void badSetting_stopsTheBrokerWithAMessageNamingIt(
            String variable, String value, String message, @TempDir Path data) throws Exception {
        try (BrokerProcess broker = BrokerProcess.launch("bad-" + variable, data, Map.of(variable, value))) {
            int exit = broker.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).isEqualTo(2);
            assertThat(broker.output()).anyMatch(line -> line.contains("Broker not started: " + message));
        }
    }

    @Test
    void tlsKeystoreWithoutItsPassword_stopsTheBrokerNamingThePassword(@TempDir Path data) throws Exception {
        Path keystore = Files.writeString(data.resolve("keystore.p12"), "not read: the password is checked first");
        try (BrokerProcess broker = BrokerProcess.launch(
                "tls-no-password", data.resolve("data"), Map.of("MQTT_TLS_KEYSTORE", keystore.toString()))) {
            int exit = broker.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).isEqualTo(2);
            assertThat(broker.output())
                    .anyMatch(line -> line.contains("Broker not started: MQTT_TLS_KEYSTORE_PASSWORD is not set"));
        }
    }

    @Test
    void portInUse_stopsTheBrokerNamingThePortAndItsVariable(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                BrokerProcess broker = BrokerProcess.launch(
                        "port-taken", data, Map.of("MQTT_PORT", Integer.toString(taken.getLocalPort())))) {
            int exit = broker.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).isEqualTo(2);
            assertThat(broker.output())
                    .anyMatch(line -> line.contains(
                            "port " + taken.getLocalPort() + " on 127.0.0.1 (MQTT_PORT) is already in use"));
        }
    }

    @Test
    void healthPortInUse_stopsTheBrokerNamingHealthPort(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                BrokerProcess broker = BrokerProcess.launch(
                        "health-port-taken", data, Map.of("HEALTH_PORT", Integer.toString(taken.getLocalPort())))) {
            int exit = broker.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).isEqualTo(2);
            assertThat(broker.output())
                    .anyMatch(line -> line.contains("Broker not started: HEALTH_PORT=" + taken.getLocalPort()
                            + " on 127.0.0.1 cannot be bound"));
        }
    }
}
