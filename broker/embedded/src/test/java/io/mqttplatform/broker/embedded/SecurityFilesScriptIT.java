package io.mqttplatform.broker.embedded;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * broker/security-files.sh, as the chart's init container runs it, with the packaged extension folder's jar: the
 * user's mosquitto files plus the platform's clients make files our broker starts with, where the user's users, the
 * gateway's user and sys-metrics-service's user each get what their ACL sections say.
 */
class SecurityFilesScriptIT {

    private static final Path SCRIPT = Path.of(System.getProperty("broker.dir", ".."), "security-files.sh");
    private static final Path JAR = Path.of(System.getProperty("extension.folder"), "mqtt-platform-extension.jar");

    @Test
    void theInitContainersFilesAdmitTheUsersAndThePlatformsClients(@TempDir Path dir) throws Exception {
        CommandLine.require("mosquitto_passwd", "mosquitto");
        Path userPasswords = dir.resolve("password_file");
        CommandLine.Result made = CommandLine.run(
                Duration.ofSeconds(10), "mosquitto_passwd", "-c", "-b", userPasswords.toString(), "alice", "alice pw");
        assertThat(made.exitCode()).as(made.output()).isZero();
        Path userAcl = Files.writeString(dir.resolve("acl_file"), "user alice\ntopic readwrite lab/#\n");
        Path out = Files.createDirectories(dir.resolve("security"));

        ProcessBuilder script = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        script.environment()
                .putAll(Map.of(
                        "SECURITY_DIR",
                        out.toString(),
                        "EXTENSION_JAR",
                        JAR.toString(),
                        "USER_PASSWORD_FILE",
                        userPasswords.toString(),
                        "USER_ACL_FILE",
                        userAcl.toString(),
                        "GATEWAY_USERNAME",
                        "mqtt-platform-gateway",
                        "GATEWAY_PASSWORD",
                        "gw secret",
                        "SYS_METRICS_USERNAME",
                        "mqtt-platform-sys-metrics",
                        "SYS_METRICS_PASSWORD",
                        "sm secret"));
        CommandLine.Result ran = CommandLine.finish(script.start(), Duration.ofSeconds(60));
        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(Files.readString(out.resolve("passwd")))
                .doesNotContain("gw secret", "sm secret")
                .contains("alice:$7$101$", "mqtt-platform-gateway:$7$100000$", "mqtt-platform-sys-metrics:$7$100000$");

        try (BrokerProcess broker = BrokerProcess.start(
                "security-script",
                dir.resolve("data"),
                Map.of(
                        "PASSWORD_FILE",
                        out.resolve("passwd").toString(),
                        "ACL_FILE",
                        out.resolve("acl").toString(),
                        "ALLOW_ANONYMOUS",
                        "false",
                        "SYS_INTERVAL",
                        "1"))) {
            Mqtt3BlockingClient metrics = client(broker, "sm", "mqtt-platform-sys-metrics", "sm secret");
            Mqtt3BlockingClient alice = client(broker, "alice", "alice", "alice pw");
            Mqtt3BlockingClient gateway = client(broker, "gw", "mqtt-platform-gateway", "gw secret");
            try (var sys = metrics.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL);
                    var lab = alice.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                metrics.subscribeWith().topicFilter("$SYS/broker/uptime").send();
                assertThat(sys.receive(10, TimeUnit.SECONDS)).isPresent();
                alice.subscribeWith()
                        .topicFilter("#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                gateway.publishWith()
                        .topic("office/door")
                        .payload("no".getBytes())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                gateway.publishWith()
                        .topic("lab/t")
                        .payload("21".getBytes())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                Optional<com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish> got =
                        lab.receive(10, TimeUnit.SECONDS);
                assertThat(got).isPresent();
                assertThat(got.get().getTopic().toString()).isEqualTo("lab/t");
                assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("21");
            }
            metrics.disconnect();
            alice.disconnect();
            gateway.disconnect();
        }
    }

    private static Mqtt3BlockingClient client(BrokerProcess broker, String id, String user, String password) {
        Mqtt3BlockingClient client = MqttClient.builder()
                .useMqttVersion3()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(broker.mqttPort)
                .buildBlocking();
        client.connectWith()
                .simpleAuth()
                .username(user)
                .password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .send();
        return client;
    }
}
