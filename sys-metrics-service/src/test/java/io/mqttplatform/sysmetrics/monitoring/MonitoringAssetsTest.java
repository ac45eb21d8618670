package io.mqttplatform.sysmetrics.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.sysmetrics.metrics.BrokerCollector;
import io.mqttplatform.sysmetrics.metrics.ParseErrors;
import io.mqttplatform.sysmetrics.sys.SysMetric;
import io.mqttplatform.sysmetrics.sys.SysMetricTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the Prometheus alert rules that the chart and compose ship: they parse, and every query
 * names a metric the service exports.
 */
class MonitoringAssetsTest {

    static final Path ROOT = Path.of("..");
    static final Path DASHBOARD = ROOT.resolve("helm/mqtt-platform/dashboards/mqtt-broker.json");
    static final Path RULES = ROOT.resolve("helm/mqtt-platform/rules/mqtt-broker.rules.yml");
    static final Path PROMETHEUS_CONFIG = ROOT.resolve("monitoring/prometheus/prometheus.yml");

    private static final Pattern METRIC = Pattern.compile("\\b(mqtt_[a-z_]+)");

    @Test
    void dashboard_isAGrafanaDashboard_whoseQueriesNameExportedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("title").asText()).isEqualTo("MQTT broker");
        assertThat(dashboard.path("uid").asText()).isEqualTo("mqtt-broker");
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        List<String> expressions = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
            assertThat(panel.path("gridPos").path("w").asInt())
                    .as(panel.path("title").asText())
                    .isPositive();
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            panel.path("targets")
                    .forEach(target -> expressions.add(target.path("expr").asText()));
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        assertThat(metricsIn(expressions))
                .isSubsetOf(exported())
                .contains(
                        "mqtt_broker_up",
                        "mqtt_broker_clients_connected",
                        "mqtt_broker_bytes_received_total",
                        "mqtt_broker_publish_messages_received_total",
                        "mqtt_broker_retained_messages",
                        "mqtt_broker_subscriptions");
    }

    @Test
    void alertRules_passPromtool_andNameExportedMetrics() throws Exception {
        CommandLine.require("promtool", "prometheus");
        CommandLine.Result check =
                CommandLine.run(Duration.ofSeconds(30), "promtool", "check", "rules", RULES.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 4 rules found");

        JsonNode rules = new YAMLMapper().readTree(RULES.toFile());
        List<String> expressions = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        rules.path("groups")
                .forEach(group -> group.path("rules").forEach(rule -> {
                    alerts.add(rule.path("alert").asText());
                    expressions.add(rule.path("expr").asText());
                    assertThat(rule.path("annotations").path("description").asText())
                            .as(rule.path("alert").asText())
                            .isNotBlank();
                }));
        assertThat(alerts)
                .containsExactly(
                        "MqttBrokerDown",
                        "MqttBrokerMetricsMissing",
                        "MqttBrokerSysUpdatesStopped",
                        "MqttBrokerDroppingMessages");
        assertThat(metricsIn(expressions)).isSubsetOf(exported());
    }

    @Test
    void prometheusConfig_passesPromtool() throws Exception {
        CommandLine.require("promtool", "prometheus");
        CommandLine.Result check = CommandLine.run(
                Duration.ofSeconds(30), "promtool", "check", "config", "--syntax-only", PROMETHEUS_CONFIG.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    private static Set<String> exported() {
        Set<String> names = new HashSet<>();
        SysMetricTable.all().stream().map(SysMetric::name).forEach(names::add);
        names.add(BrokerCollector.UP);
        names.add(BrokerCollector.LAST_UPDATE);
        names.add(ParseErrors.NAME);
        return names;
    }

    private static Set<String> metricsIn(List<String> expressions) {
        Set<String> names = new HashSet<>();
        for (String expression : expressions) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
