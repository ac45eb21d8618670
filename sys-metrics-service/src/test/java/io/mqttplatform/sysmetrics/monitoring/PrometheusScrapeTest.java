package io.mqttplatform.sysmetrics.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.sysmetrics.support.BrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's real {@code prometheus}, started with the project's own monitoring/prometheus/prometheus.yml (only the
 * targets' host:port replaced) and alert rules, scrapes the service and answers queries on its metrics.
 */
@QuarkusTest
@WithTestResource(BrokerResource.class)
class PrometheusScrapeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL service;

    @Test
    void prometheusWithTheProjectsConfig_scrapesTheBrokersMetrics_andLoadsTheAlertRules() throws Exception {
        CommandLine.require("prometheus", "prometheus");
        Path dir = Files.createDirectories(Path.of("target", "prometheus-" + System.currentTimeMillis()));
        Path config = dir.resolve("prometheus.yml");
        writeConfigFor(config, service.getHost() + ":" + service.getPort());
        int port = BrokerProcess.freePort();
        Process prometheus = new ProcessBuilder(
                        "prometheus",
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        try {
            String api = "http://127.0.0.1:" + port + "/api/v1/";
            await("Prometheus has scraped mqtt_broker_clients_connected > 0")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        assertThat(prometheus.isAlive())
                                .as("prometheus running; see " + dir)
                                .isTrue();
                        JsonNode result = query(api, "mqtt_broker_clients_connected > 0");
                        assertThat(result).as("query result").hasSize(1);
                    });
            JsonNode up = query(api, "mqtt_broker_up").get(0);
            assertThat(up.path("value").get(1).asText()).isEqualTo("1");
            assertThat(up.path("metric").path("job").asText()).isEqualTo("mqtt-sys-metrics");
            assertThat(query(api, "mqtt_broker_info")
                            .get(0)
                            .path("metric")
                            .path("version")
                            .asText())
                    .isNotBlank();
            assertThat(query(api, "mqtt_broker_messages_received_total")
                            .get(0)
                            .path("value")
                            .get(1)
                            .asDouble())
                    .isPositive();

            JsonNode groups = get(api + "rules").path("data").path("groups");
            assertThat(groups).hasSize(1);
            assertThat(groups.get(0).path("name").asText()).isEqualTo("mqtt-broker");
            assertThat(groups.get(0).path("rules"))
                    .hasSize(4)
                    .allSatisfy(rule -> assertThat(rule.path("health").asText()).isNotEqualTo("err"));
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    /** The project's config with the sys-metrics target replaced and the rules loaded from the chart's folder. */
    private static void writeConfigFor(Path target, String serviceAddress) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode config = (ObjectNode) yaml.readTree(MonitoringAssetsTest.PROMETHEUS_CONFIG.toFile());
        ArrayNode rules = config.putArray("rule_files");
        rules.add(MonitoringAssetsTest.RULES.toAbsolutePath().normalize().toString());
        for (JsonNode job : config.path("scrape_configs")) {
            if (job.path("job_name").asText().equals("mqtt-sys-metrics")) {
                ArrayNode targets = ((ObjectNode) job.path("static_configs").get(0)).putArray("targets");
                targets.add(serviceAddress);
            }
        }
        yaml.writeValue(target.toFile(), config);
    }

    private static JsonNode query(String api, String promql) throws Exception {
        JsonNode answer = get(api + "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("success");
        return answer.path("data").path("result");
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
