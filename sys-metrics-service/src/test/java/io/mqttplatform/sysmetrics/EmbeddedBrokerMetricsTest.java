package io.mqttplatform.sysmetrics;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.mqttplatform.broker.testkit.SysTreeWatcher;
import io.mqttplatform.sysmetrics.support.BrokerResource;
import io.mqttplatform.sysmetrics.support.PromisedMetrics;
import io.mqttplatform.sysmetrics.support.Scrape;
import io.mqttplatform.sysmetrics.sys.MetricType;
import io.mqttplatform.sysmetrics.sys.SysMetric;
import io.mqttplatform.sysmetrics.sys.SysMetricTable;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Against this project's broker: the scrape follows what clients do, with the right types and help texts. */
@QuarkusTest
@WithTestResource(BrokerResource.class)
class EmbeddedBrokerMetricsTest {

    /**
     * What docs/interfaces.md says comes from mosquitto only: the publish byte counters, shared subscriptions, stored
     * messages and heap.
     */
    private static final Set<String> MOSQUITTO_ONLY = Set.of(
            "mqtt_broker_publish_bytes_received_total",
            "mqtt_broker_publish_bytes_sent_total",
            "mqtt_broker_shared_subscriptions",
            "mqtt_broker_stored_messages",
            "mqtt_broker_stored_messages_bytes",
            "mqtt_broker_heap_bytes",
            "mqtt_broker_heap_maximum_bytes");

    @BeforeEach
    void brokerUp() {
        await("mqtt_broker_up 1")
                .atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.now().value("mqtt_broker_up").orElse(0) == 1);
    }

    @Test
    void clientsAndPublishes_moveTheScrapedValues() {
        Scrape before = Scrape.now();
        List<Mqtt5BlockingClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Mqtt5BlockingClient client = BrokerResource.broker().client5("moving-" + i);
                client.connect();
                clients.add(client);
            }
            clients.get(1).subscribeWith().topicFilter("moving/#").send();
            for (int i = 0; i < 20; i++) {
                clients.get(0)
                        .publishWith()
                        .topic("moving/" + i)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .retain(i < 5)
                        .payload(("value " + i).getBytes(StandardCharsets.UTF_8))
                        .send();
            }

            await("the scrape shows the new clients and messages")
                    .atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> {
                        Scrape after = Scrape.now();
                        assertThat(after.valueOf("mqtt_broker_clients_connected"))
                                .isEqualTo(before.valueOf("mqtt_broker_clients_connected") + 3);
                        assertThat(after.valueOf("mqtt_broker_publish_messages_received_total"))
                                .isGreaterThanOrEqualTo(
                                        before.valueOf("mqtt_broker_publish_messages_received_total") + 20);
                        assertThat(after.valueOf("mqtt_broker_publish_messages_sent_total"))
                                .isGreaterThanOrEqualTo(before.valueOf("mqtt_broker_publish_messages_sent_total") + 20);
                        assertThat(after.valueOf("mqtt_broker_bytes_received_total"))
                                .isGreaterThan(
                                        before.valueOf("mqtt_broker_bytes_received_total") + 20 * "moving/0".length());
                        assertThat(after.valueOf("mqtt_broker_retained_messages"))
                                .isGreaterThanOrEqualTo(before.valueOf("mqtt_broker_retained_messages") + 5);
                        assertThat(after.valueOf("mqtt_broker_subscriptions"))
                                .isEqualTo(before.valueOf("mqtt_broker_subscriptions") + 1);
                        assertThat(after.valueOf("mqtt_broker_clients_maximum"))
                                .isGreaterThanOrEqualTo(after.valueOf("mqtt_broker_clients_connected"));
                    });
        } finally {
            clients.forEach(Mqtt5BlockingClient::disconnect);
        }
        await("the scrape shows the clients gone")
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(Scrape.now().valueOf("mqtt_broker_clients_connected"))
                        .isEqualTo(before.valueOf("mqtt_broker_clients_connected")));
    }

    @Test
    void everyFamily_hasItsTypeAndAFullSentenceHelp() {
        Scrape scrape = Scrape.now();
        assertThat(scrape.type("mqtt_broker_up")).contains("gauge");
        assertThat(scrape.type("mqtt_broker_last_update_timestamp_seconds")).contains("gauge");
        assertThat(scrape.type("mqtt_sys_parse_errors_total")).contains("counter");
        for (SysMetric metric : SysMetricTable.all()) {
            if (!scrape.has(metric.name()) && scrape.series(metric.name()).isEmpty()) {
                continue; // this broker does not publish every topic mosquitto does (see broker/README.md)
            }
            String expectedType = metric.type() == MetricType.COUNTER ? "counter" : "gauge";
            assertThat(scrape.type(metric.name())).as(metric.name()).contains(expectedType);
            assertThat(scrape.help(metric.name())).as(metric.name()).contains(metric.help());
        }
        assertThat(scrape.names("mqtt_broker_"))
                .containsAll(PromisedMetrics.SERVICE_OWN)
                .containsAll(PromisedMetrics.fromSys().stream()
                        .filter(name -> !MOSQUITTO_ONLY.contains(name))
                        .toList());
    }

    @Test
    void infoAndUptime_matchWhatTheBrokerPublishes() throws Exception {
        try (SysTreeWatcher sys = new SysTreeWatcher(BrokerResource.broker().mqttPort)) {
            String version = sys.awaitValue("$SYS/broker/version", v -> !v.isEmpty());
            sys.awaitValue("$SYS/broker/uptime", v -> true);
            assertThat(Scrape.now().series("mqtt_broker_info"))
                    .containsExactly("mqtt_broker_info{version=\"" + version + "\"}");
            long uptime = sys.uptime();
            assertThat(Scrape.now().valueOf("mqtt_broker_uptime_seconds")).isBetween(uptime - 2.0, uptime + 2.0);
        }
    }

    @Test
    void openMetrics_whenTheScraperAsksForIt_withInfoTypeAndUnits() {
        String text = given().header("Accept", "application/openmetrics-text; version=1.0.0")
                .when()
                .get("/metrics")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/openmetrics-text"))
                .extract()
                .asString();
        assertThat(text)
                .contains(
                        "# TYPE mqtt_broker info",
                        "# UNIT mqtt_broker_uptime_seconds seconds",
                        "# TYPE mqtt_broker_messages_received counter",
                        "mqtt_broker_messages_received_total ")
                .endsWith("# EOF\n");
    }

    @Test
    void onlyTableMetrics_areExported_andQMetricsServesTheSame() {
        Scrape scrape = Scrape.now();
        List<String> known = new ArrayList<>(
                SysMetricTable.all().stream().map(SysMetric::name).toList());
        known.add("mqtt_broker_up");
        known.add("mqtt_broker_last_update_timestamp_seconds");
        assertThat(known).containsAll(scrape.names("mqtt_broker_"));
        assertThat(scrape.names("mqtt_")).noneMatch(name -> name.contains("load"));
        assertThat(Scrape.of("/q/metrics").names("mqtt_")).containsExactlyInAnyOrderElementsOf(scrape.names("mqtt_"));
    }

    @Test
    void readiness_isUpWithTheBroker() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("broker $SYS"))
                .body("checks.find { it.name == 'broker $SYS' }.data.connected", equalTo(true));
    }
}
