package io.mqttplatform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml: Debian's docker-compose accepts it, every service has a healthcheck and starts after what it
 * needs is healthy, the ports are the platform's, and Prometheus and Grafana get the chart's rules and dashboard.
 */
class ComposeFileTest {

    @Test
    void dockerComposeConfig_acceptsTheFile_withTheSixServices() throws Exception {
        List<String> services = new ArrayList<>();
        Compose.config().path("services").fieldNames().forEachRemaining(services::add);

        assertThat(services)
                .containsExactlyInAnyOrder(
                        "broker", "gateway-service", "sys-metrics-service", "web-ui", "prometheus", "grafana");
    }

    @Test
    void everyService_hasAHealthcheck_andWaitsForWhatItNeedsToBeHealthy() throws Exception {
        for (String name :
                List.of("broker", "gateway-service", "sys-metrics-service", "web-ui", "prometheus", "grafana")) {
            assertThat(Compose.service(name).path("healthcheck").path("test"))
                    .as(name)
                    .isNotEmpty();
            assertThat(Compose.service(name).path("restart").asText()).as(name).isEqualTo("unless-stopped");
        }
        assertThat(dependsOn("gateway-service")).containsExactly(Map.entry("broker", "service_healthy"));
        assertThat(dependsOn("sys-metrics-service")).containsExactly(Map.entry("broker", "service_healthy"));
        assertThat(dependsOn("web-ui")).containsExactly(Map.entry("gateway-service", "service_healthy"));
        assertThat(dependsOn("prometheus"))
                .containsOnly(
                        Map.entry("sys-metrics-service", "service_healthy"),
                        Map.entry("gateway-service", "service_healthy"));
        assertThat(dependsOn("grafana")).containsExactly(Map.entry("prometheus", "service_healthy"));
    }

    @Test
    void portsOnTheHost_areThePlatformsPorts() throws Exception {
        assertThat(Compose.ports("broker"))
                .containsExactly(Map.entry(1883, 1883), Map.entry(8000, 8000), Map.entry(8889, 8889));
        assertThat(Compose.ports("gateway-service")).containsExactly(Map.entry(8080, 8080));
        assertThat(Compose.ports("sys-metrics-service")).containsExactly(Map.entry(8081, 8081));
        assertThat(Compose.ports("web-ui")).containsExactly(Map.entry(8088, 8088));
        assertThat(Compose.ports("prometheus")).containsExactly(Map.entry(9090, 9090));
        assertThat(Compose.ports("grafana")).containsExactly(Map.entry(3000, 3000));
    }

    @Test
    void brokerData_isANamedVolume() throws Exception {
        assertThat(Compose.service("broker").path("volumes"))
                .extracting(JsonNode::asText)
                .contains("broker-data:/opt/hivemq/data:rw");
        assertThat(Compose.config().path("volumes").has("broker-data")).isTrue();
    }

    @Test
    void prometheus_getsTheProjectsScrapeConfigAndTheChartsRules_scrapingServicesThatExist() throws Exception {
        assertThat(binds("prometheus"))
                .containsEntry("monitoring/prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml")
                .containsEntry("helm/mqtt-platform/rules", "/etc/prometheus/rules");
        JsonNode config = new YAMLMapper()
                .readTree(Render.REPOSITORY
                        .resolve("monitoring/prometheus/prometheus.yml")
                        .toFile());
        assertThat(config.path("rule_files").get(0).asText()).isEqualTo("/etc/prometheus/rules/*.yml");
        List<String> targets = new ArrayList<>();
        config.path("scrape_configs")
                .forEach(job -> job.path("static_configs")
                        .forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText()))));
        assertThat(targets).containsExactlyInAnyOrder("sys-metrics-service:8081", "gateway-service:8080");
        for (String target : targets) {
            String[] hostPort = target.split(":");
            assertThat(Compose.ports(hostPort[0])).containsValue(Integer.parseInt(hostPort[1]));
        }
    }

    @Test
    void grafana_withoutLogin_getsPrometheusAndTheChartsDashboard() throws Exception {
        JsonNode grafana = Compose.service("grafana");
        assertThat(grafana.path("environment").path("GF_AUTH_ANONYMOUS_ENABLED").asText())
                .isEqualTo("true");
        assertThat(binds("grafana"))
                .containsEntry("helm/mqtt-platform/dashboards", "/var/lib/grafana/dashboards")
                .containsEntry("monitoring/grafana/provisioning", "/etc/grafana/provisioning");
        assertThat(grafana.path("environment")
                        .path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")
                        .asText())
                .isEqualTo("/var/lib/grafana/dashboards/mqtt-broker.json");
        assertThat(Render.CHART.dir().resolve("dashboards/mqtt-broker.json")).exists();

        YAMLMapper yaml = new YAMLMapper();
        JsonNode datasource = yaml.readTree(Render.REPOSITORY
                        .resolve("monitoring/grafana/provisioning/datasources/prometheus.yml")
                        .toFile())
                .path("datasources")
                .get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText())
                .isEqualTo("http://prometheus:" + Compose.ports("prometheus").get(9090));
        JsonNode provider = yaml.readTree(Render.REPOSITORY
                        .resolve("monitoring/grafana/provisioning/dashboards/mqtt-platform.yml")
                        .toFile())
                .path("providers")
                .get(0);
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void everyBaseImage_composeImage_andTestImage_isPinnedToAVersionTag() throws Exception {
        List<String> images = new ArrayList<>();
        for (String folder : List.of("broker", "gateway-service", "sys-metrics-service", "web-ui")) {
            java.nio.file.Files.readAllLines(Render.REPOSITORY.resolve(folder).resolve("Dockerfile")).stream()
                    .filter(line -> line.startsWith("FROM "))
                    .map(line -> line.split("\\s+")[1])
                    .forEach(images::add);
        }
        Compose.config()
                .path("services")
                .forEach(service -> images.add(service.path("image").asText()));
        images.add(new YAMLMapper()
                .readTree(Render.CHART.dir().resolve("values.yaml").toFile())
                .path("tests")
                .path("image")
                .asText()); // the `helm test` pod's image

        assertThat(images)
                .hasSizeGreaterThan(10)
                .allSatisfy(image -> assertThat(image)
                        .matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*|[a-z0-9./-]+:v[0-9][A-Za-z0-9._-]*"));
    }

    private static Map<String, String> dependsOn(String service) throws Exception {
        Map<String, String> conditions = new java.util.LinkedHashMap<>();
        Compose.service(service)
                .path("depends_on")
                .fields()
                .forEachRemaining(e -> conditions.put(
                        e.getKey(), e.getValue().path("condition").asText()));
        return conditions;
    }

    /** Bind mounts of a service: path relative to the repository to the path in the container. */
    private static Map<String, String> binds(String service) throws Exception {
        Map<String, String> binds = new java.util.LinkedHashMap<>();
        for (JsonNode volume : Compose.service(service).path("volumes")) { // "source:target:mode", as 1.29 writes them
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith("/")) {
                binds.put(
                        Render.REPOSITORY
                                .relativize(java.nio.file.Path.of(parts[0]))
                                .toString(),
                        parts[1]);
            }
        }
        return binds;
    }
}
