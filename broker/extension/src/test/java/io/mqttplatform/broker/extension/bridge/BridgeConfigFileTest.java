package io.mqttplatform.broker.extension.bridge;

import io.mqttplatform.broker.extension.bridge.BridgeConnection.Address;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.Protocol;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.StartType;
import io.mqttplatform.broker.extension.bridge.BridgeTopic.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BRIDGE_CONFIG: mosquitto's bridge lines, read with mosquitto 2.0's syntax, meaning and defaults. */
class BridgeConfigFileTest {

    private static final Path FILE = Path.of("/etc/mqtt/bridges.conf");

    private static List<BridgeConnection> parse(String text) throws BridgeConfigException {
        return BridgeConfigFile.parse(FILE, text.lines().toList(), "lab-pc");
    }

    @Test
    void everySupportedSetting_isRead(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        List<BridgeConnection> bridges = parse("""
                # lab to cloud
                connection cloud
                address cloud.example.org:8883 backup.example.org
                topic lab/# out 1 "" site-a/
                topic commands/# in 2 site-a/ ""
                topic status both
                bridge_protocol_version mqttv50
                cleansession true
                remote_clientid lab-a
                local_clientid lab-a-local
                remote_username lab a
                remote_password pass word with spaces
                bridge_cafile %s
                bridge_insecure true
                bridge_tls_version tlsv1.3
                keepalive_interval 30
                restart_timeout 2 60
                start_type lazy
                threshold 5
                idle_timeout 120
                notifications false
                notification_topic lab/bridge/state
                try_private false
                round_robin true
                """.formatted(ca));

        assertThat(bridges).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("cloud");
            assertThat(b.addresses())
                    .containsExactly(new Address("cloud.example.org", 8883), new Address("backup.example.org", 1883));
            assertThat(b.topics())
                    .containsExactly(
                            new BridgeTopic("lab/#", Direction.OUT, 1, "", "site-a/"),
                            new BridgeTopic("commands/#", Direction.IN, 2, "site-a/", ""),
                            new BridgeTopic("status", Direction.BOTH, 0, "", ""));
            assertThat(b.protocol()).isEqualTo(Protocol.MQTTV50);
            assertThat(b.cleanSession()).isTrue();
            assertThat(b.remoteClientId()).isEqualTo("lab-a");
            assertThat(b.localClientId()).isEqualTo("lab-a-local");
            assertThat(b.remoteUsername()).contains("lab a");
            assertThat(b.remotePassword()).contains("pass word with spaces");
            assertThat(b.tls()).hasValueSatisfying(tls -> {
                assertThat(tls.caFile()).contains(ca);
                assertThat(tls.insecure()).isTrue();
                assertThat(tls.minimumVersion()).isEqualTo("tlsv1.3");
            });
            assertThat(b.keepAlive()).isEqualTo(Duration.ofSeconds(30));
            assertThat(b.restart().constant()).isEmpty();
            assertThat(b.restart().base()).isEqualTo(Duration.ofSeconds(2));
            assertThat(b.restart().cap()).isEqualTo(Duration.ofSeconds(60));
            assertThat(b.startType()).isEqualTo(StartType.LAZY);
            assertThat(b.threshold()).isEqualTo(5);
            assertThat(b.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
            assertThat(b.notifications()).isFalse();
            assertThat(b.notificationTopic()).isEqualTo("lab/bridge/state");
            assertThat(b.tryPrivate()).isFalse();
            assertThat(b.roundRobin()).isTrue();
        });
    }

    @Test
    void aMinimalBridge_hasMosquittosDefaults() throws Exception {
        BridgeConnection b = parse("connection cloud\naddress cloud.example.org\ntopic lab/#\n")
                .get(0);

        assertThat(b.addresses()).containsExactly(new Address("cloud.example.org", 1883));
        assertThat(b.topics()).containsExactly(new BridgeTopic("lab/#", Direction.OUT, 0, "", ""));
        assertThat(b.protocol()).isEqualTo(Protocol.MQTTV311);
        assertThat(b.cleanSession()).isFalse();
        assertThat(b.remoteClientId()).isEqualTo("lab-pc.cloud");
        assertThat(b.localClientId()).isEqualTo("local.lab-pc.cloud");
        assertThat(b.remoteUsername()).isEmpty();
        assertThat(b.tls()).isEmpty();
        assertThat(b.keepAlive()).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.restart().constant()).isEmpty();
        assertThat(b.restart().base()).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.restart().cap()).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.startType()).isEqualTo(StartType.AUTOMATIC);
        assertThat(b.threshold()).isEqualTo(10);
        assertThat(b.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.notifications()).isTrue();
        assertThat(b.notificationTopic()).isEqualTo("$SYS/broker/connection/lab-pc.cloud/state");
        assertThat(b.tryPrivate()).isTrue();
        assertThat(b.roundRobin()).isFalse();
    }

    @Test
    void severalBridges_eachTakeTheSettingsBelowTheirConnectionLine_andMosquittosRoundings() throws Exception {
        List<BridgeConnection> bridges = parse("""
                connection one
                address a.example.org:1884
                keepalive_interval 2
                restart_timeout 0

                connection two
                address b.example.org
                topic "" both 1 local/only remote/only
                """);

        assertThat(bridges).extracting(BridgeConnection::name).containsExactly("one", "two");
        assertThat(bridges.get(0).keepAlive())
                .as("below 5 s mosquitto uses 5 s")
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(bridges.get(0).restart().constant())
                .as("below 1 s mosquitto uses 1 s")
                .contains(Duration.ofSeconds(1));
        assertThat(bridges.get(1).topics())
                .containsExactly(new BridgeTopic("", Direction.BOTH, 1, "local/only", "remote/only"));
    }

    /** mosquitto.conf(5)'s table of prefixes: which topic a message gets on the other side. */
    @ParameterizedTest
    @CsvSource({
        "pattern, L/, R/, L/pattern, R/pattern",
        "pattern, L/, '', L/pattern, pattern",
        "pattern, '', R/, pattern, R/pattern",
        "pattern, '', '', pattern, pattern",
        "'', local, remote, local, remote",
        "sensors/#, lab/, site-a/lab/, lab/sensors/t1, site-a/lab/sensors/t1"
    })
    void topicMapping_followsMosquittosTable(
            String pattern, String localPrefix, String remotePrefix, String local, String remote) {
        BridgeTopic topic = new BridgeTopic(pattern, Direction.BOTH, 0, localPrefix, remotePrefix);

        assertThat(topic.toRemote(local)).contains(remote);
        assertThat(topic.toLocal(remote)).contains(local);
    }

    @Test
    void topicMapping_leavesTopicsOutsideTheLineAlone() {
        BridgeTopic topic = new BridgeTopic("sensors/#", Direction.OUT, 0, "lab/", "site-a/");

        assertThat(topic.toRemote("office/door")).isEmpty();
        assertThat(topic.toRemote("lab/other")).isEmpty();
        assertThat(topic.toLocal("lab/sensors/t1")).isEmpty();
        assertThat(new BridgeTopic("", Direction.OUT, 0, "a", "b").toRemote("a/b"))
                .isEqualTo(Optional.empty());
    }

    /** Refused here, and refused by mosquitto 2.0 itself (the oracle) with the same lines. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "topic lab/#|line 1: 'topic' outside a bridge: a bridge starts with a 'connection NAME' line",
                "connection c\\naddress h\\ntopic lab/# sideways|line 3: 'topic' value 'sideways' is not valid: expected out, in or both as the direction",
                "connection c\\naddress h\\ntopic lab/# out 3|line 3: 'topic' value '3' is not valid: expected a QoS of 0, 1 or 2",
                "connection c\\naddress h\\ntopic \"\" out 0 local|line 3: 'topic \"\"' maps one topic and needs both prefixes",
                "connection c\\naddress h\\ntopic # in 0 l/+/ \"\"|line 3: 'l/+/' is not a valid topic local prefix",
                "connection c\\naddress h\\ncleansession maybe|line 3: 'cleansession' value 'maybe' is not valid: expected true or false",
                "connection c\\naddress h:70000|line 2: 'address' value '70000' is not valid: expected a port from 1 to 65535",
                "connection c\\naddress h\\nbridge_protocol_version mqttv4|line 3: 'bridge_protocol_version' value 'mqttv4' is not valid: expected mqttv31, mqttv311 or mqttv50",
                "connection c\\naddress h\\nstart_type manual|line 3: 'start_type' value 'manual' is not valid: expected automatic, lazy or once",
                "connection c\\naddress h\\nrestart_timeout 30 10|line 3: restart_timeout's cap (10) is lower than its base (30)",
                "connection c\\naddress h\\nremote_clientid a\\nremote_clientid b|line 4: a second 'remote_clientid' line in this bridge",
                "connection c\\naddress h\\nconnection c\\naddress h|line 3: duplicate bridge name 'c'",
                "connection c\\naddress h\\nmax_inflight_messages 10|line 3: 'max_inflight_messages' is not a bridge setting this broker knows",
                "connection a\\naddress h\\nlocal_clientid same\\nconnection b\\naddress h\\nlocal_clientid same|bridge local_clientid 'same' is not unique"
            })
    void aBadLine_isRefusedWithItsLineNumber_asMosquittoRefusesIt(String text, String message, @TempDir Path dir)
            throws Exception {
        String lines = text.replace("\\n", "\n");

        assertThatThrownBy(() -> parse(lines))
                .isInstanceOf(BridgeConfigException.class)
                .hasMessageStartingWith(FILE.toString())
                .hasMessageContaining(message);
        MosquittoOracle.Verdict mosquitto = MosquittoOracle.check(dir, lines);
        assertThat(mosquitto.accepted())
                .as("mosquitto 2.0 with the same lines: %s", mosquitto.output())
                .isFalse();
    }

    /** What mosquitto has and this broker does not: refused by name, where mosquitto would accept it. */
    @Test
    void aMosquittoSettingWeDoNotSupport_isRefusedByName() {
        assertThatThrownBy(() -> parse("connection c\naddress h\nbridge_psk 0a1b2c\n"))
                .hasMessage(FILE + " line 3: 'bridge_psk' is a mosquitto bridge setting this broker does not support;"
                        + " supported: " + BridgeConfigFile.SUPPORTED);
    }

    @Test
    void aBridgeWithoutAddress_orAPasswordWithoutUser_isRefused(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> parse("\n# none\nconnection c\ntopic x\n"))
                .hasMessage(FILE + " line 3: bridge 'c' has no 'address' line (address host[:port] ...)");
        assertThatThrownBy(() -> parse("connection c\naddress h\nremote_password secret\n"))
                .hasMessageContaining("line 1: bridge 'c' has remote_password but no remote_username");
        assertThatThrownBy(() -> parse("connection c\naddress h\nbridge_cafile " + dir.resolve("missing.crt") + "\n"))
                .hasMessageContaining(
                        "line 3: 'bridge_cafile' " + dir.resolve("missing.crt") + " is not a readable file");
    }

    @Test
    void theFullExample_isAlsoAValidMosquittoConfiguration(@TempDir Path dir) throws Exception {
        String lines = """
                connection cloud
                address 127.0.0.1:1
                topic lab/# out 1 "" site-a/
                topic commands/# in 2 site-a/ ""
                topic status both
                cleansession true
                remote_clientid lab-a
                keepalive_interval 30
                restart_timeout 2 60
                start_type automatic
                notification_topic lab/bridge/state
                try_private false
                round_robin true
                """;

        assertThat(parse(lines)).hasSize(1);
        MosquittoOracle.Verdict mosquitto = MosquittoOracle.check(dir, lines);
        assertThat(mosquitto.accepted())
                .as("mosquitto 2.0: %s", mosquitto.output())
                .isTrue();
    }
}
