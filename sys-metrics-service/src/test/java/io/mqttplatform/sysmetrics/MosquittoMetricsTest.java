package io.mqttplatform.sysmetrics;

import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.sysmetrics.support.MosquittoResource;
import io.mqttplatform.sysmetrics.support.Scrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against Debian's mosquitto 2.0 (sys_interval 1): the same names as with this project's broker, values as mosquitto
 * itself publishes them, and garbage on {@code $SYS} counted, never exported.
 */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
class MosquittoMetricsTest {

    @BeforeAll
    static void clients() {
        CommandLine.require("mosquitto_sub", "mosquitto-clients");
        CommandLine.require("mosquitto_pub", "mosquitto-clients");
    }

    @BeforeEach
    void brokerUp() {
        await("mqtt_broker_up 1")
                .atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.now().value("mqtt_broker_up").orElse(0) == 1);
    }

    @Test
    void sameNamesAsWithOurBroker_andMosquittosOwnVersion() throws Exception {
        String version = sysValue("$SYS/broker/version");
        assertThat(version).startsWith("mosquitto version 2.");
        Scrape scrape = Scrape.now();
        assertThat(scrape.series("mqtt_broker_info")).containsExactly("mqtt_broker_info{version=\"" + version + "\"}");
        assertThat(scrape.names("mqtt_broker_"))
                .contains(
                        "mqtt_broker_up",
                        "mqtt_broker_last_update_timestamp_seconds",
                        "mqtt_broker_uptime_seconds",
                        "mqtt_broker_clients_connected",
                        "mqtt_broker_clients_maximum",
                        "mqtt_broker_messages_received_total",
                        "mqtt_broker_messages_sent_total",
                        "mqtt_broker_publish_messages_sent_total",
                        "mqtt_broker_bytes_received_total",
                        "mqtt_broker_bytes_sent_total",
                        "mqtt_broker_subscriptions",
                        "mqtt_broker_retained_messages",
                        "mqtt_broker_stored_messages");
        assertThat(scrape.type("mqtt_broker_bytes_received_total")).contains("counter");
        assertThat(scrape.type("mqtt_broker_clients_maximum")).contains("gauge");
        assertThat(scrape.names("mqtt_"))
                .noneMatch(name -> name.contains("load"))
                .doesNotContain("mqtt_broker_clients_active", "mqtt_broker_messages_stored");
    }

    @Test
    void values_areMosquittosOwnPayloads() {
        await("scrape between two readings of mosquitto's own $SYS")
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> {
                    long uptimeBefore =
                            Long.parseLong(sysValue("$SYS/broker/uptime").split(" ")[0]);
                    long bytesBefore = Long.parseLong(sysValue("$SYS/broker/bytes/received"));
                    long subscriptions = Long.parseLong(sysValue("$SYS/broker/subscriptions/count"));
                    Scrape scrape = Scrape.now();
                    long uptimeAfter =
                            Long.parseLong(sysValue("$SYS/broker/uptime").split(" ")[0]);
                    long bytesAfter = Long.parseLong(sysValue("$SYS/broker/bytes/received"));
                    assertThat(scrape.valueOf("mqtt_broker_uptime_seconds"))
                            .isBetween((double) uptimeBefore, (double) uptimeAfter);
                    assertThat(scrape.valueOf("mqtt_broker_bytes_received_total"))
                            .isBetween((double) bytesBefore, (double) bytesAfter);
                    assertThat(scrape.valueOf("mqtt_broker_subscriptions")).isGreaterThanOrEqualTo(subscriptions - 1);
                });
    }

    @Test
    void garbageOnSys_isCountedNotExported_andTheServiceCarriesOn() throws Exception {
        Process listener = CommandLine.start(
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(MosquittoResource.watchedPort()),
                "-t",
                "lab/#");
        try {
            await("a client counted")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(Scrape.now().valueOf("mqtt_broker_clients_connected"))
                            .isPositive());
            garbageIsSkipped();
        } finally {
            listener.destroy();
        }
    }

    private void garbageIsSkipped() throws Exception {
        Scrape before = Scrape.now();
        double parseErrors = before.valueOf("mqtt_sys_parse_errors_total");

        garbage("broker/clients/connected", "lots of them");
        garbage("broker/bytes/received", "-5");
        garbage("broker/uptime", "NaN seconds");
        Path binary = Files.write(Files.createTempFile("garbage", ".bin"), new byte[] {(byte) 0xc3, (byte) 0x28, 0, 1});
        publishGarbage("broker/version", "-f", binary.toString());
        garbage("broker/made/up/topic", "not a metric");

        await("four parse errors")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Scrape.now().valueOf("mqtt_sys_parse_errors_total"))
                        .isEqualTo(parseErrors + 4));
        Scrape after = Scrape.now();
        assertThat(after.valueOf("mqtt_broker_up")).isEqualTo(1);
        await("clients_connected is mosquitto's own value, not the garbage")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Scrape.now().valueOf("mqtt_broker_clients_connected"))
                        .isPositive()
                        .isEqualTo(Double.parseDouble(sysValue("$SYS/broker/clients/connected"))));
        assertThat(after.valueOf("mqtt_broker_bytes_received_total")).isPositive();
        assertThat(after.series("mqtt_broker_info")).singleElement().asString().contains("mosquitto version");
        assertThat(after.names("mqtt_")).noneMatch(name -> name.contains("made"));
        assertThat(after.text).doesNotContain("lots of them", "NaN");
        await("values keep moving")
                .atMost(Duration.ofSeconds(10))
                .until(() -> Scrape.now().valueOf("mqtt_broker_uptime_seconds")
                        > after.valueOf("mqtt_broker_uptime_seconds"));
    }

    private static void garbage(String topic, String payload) throws Exception {
        publishGarbage(topic, "-m", payload);
    }

    /** mosquitto_pub of garbage to the source broker's $SYS stand-in; {@code payload}: "-m TEXT" or "-f FILE". */
    private static void publishGarbage(String topic, String... payload) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(MosquittoResource.sourcePort()),
                "-t",
                MosquittoResource.GARBAGE_PREFIX + topic));
        command.addAll(List.of(payload));
        CommandLine.Result result = CommandLine.run(Duration.ofSeconds(10), command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** The current (retained) payload of a $SYS topic, read by mosquitto_sub from the watched broker. */
    private static String sysValue(String topic) throws Exception {
        CommandLine.Result result = CommandLine.run(
                Duration.ofSeconds(10),
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(MosquittoResource.watchedPort()),
                "-t",
                topic,
                "-C",
                "1",
                "-W",
                "5");
        assertThat(result.exitCode()).as(topic + ": " + result.output()).isZero();
        return result.output().trim();
    }
}
