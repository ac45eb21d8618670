package io.mqttplatform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each setting of the chart does to the rendered objects, and what a bad setting is told. */
class ChartValuesTest {

    private static final String GATEWAY = "Deployment/mqtt-platform-gateway";
    private static final String SYS_METRICS = "Deployment/mqtt-platform-sys-metrics";
    private static final String BROKER = "StatefulSet/mqtt-platform-broker";
    private static final String KEYS_SECRET = "mqtt-platform-gateway-api-keys";

    @AfterEach
    void forgetClusterSecrets() {
        ClusterSecrets.clear();
    }

    @Test
    void defaults_authOn_withAGeneratedKeyWhoseHashIsInTheKeysFileTheGatewayReads() throws Exception {
        Render render = Render.defaults();

        Secret secret = render.get(Secret.class, KEYS_SECRET);
        String key = new String(Base64.getDecoder().decode(secret.getData().get("api-key")), StandardCharsets.UTF_8);
        JsonNode keys = new ObjectMapper()
                .readTree(Base64.getDecoder().decode(secret.getData().get("keys.json")));
        assertThat(key).hasSize(40).matches("[A-Za-z0-9]+");
        assertThat(keys.path("keys").get(0).path("sha256").asText()).isEqualTo(sha256(key));
        assertThat(keys.path("keys").get(0).path("publish"))
                .extracting(JsonNode::asText)
                .containsExactly("#");
        // the operator's key: the web UI's Clients view and /api/v1/clients need it
        assertThat(keys.path("keys").get(0).path("admin").isBoolean()).isTrue();
        assertThat(keys.path("keys").get(0).path("admin").asBoolean()).isTrue();

        Map<String, String> env = render.env(GATEWAY);
        assertThat(env)
                .containsEntry("GATEWAY_AUTH_ENABLED", "true")
                .containsEntry("GATEWAY_AUTH_KEYS_FILE", "/etc/mqtt-gateway/keys/keys.json")
                .containsEntry("GATEWAY_BROKER_HOST", "mqtt-platform-broker")
                .containsEntry("GATEWAY_BROKER_PORT", "1883");
        VolumeMount mount = render.container(GATEWAY).getVolumeMounts().stream()
                .filter(m -> m.getName().equals("api-keys"))
                .findFirst()
                .orElseThrow();
        assertThat(mount.getMountPath()).isEqualTo("/etc/mqtt-gateway/keys");
        Volume volume = render.podTemplates().get(GATEWAY).getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("api-keys"))
                .findFirst()
                .orElseThrow();
        assertThat(volume.getSecret().getSecretName()).isEqualTo(KEYS_SECRET);
        assertThat(render.manifests).doesNotContain(key.substring(0, 20)); // only base64 in the Secret
    }

    @Test
    void defaults_brokerRefusesAnonymousClients_andThePlatformsClientsGetPasswordsFromTheChartsSecret()
            throws Exception {
        Render render = Render.defaults();

        assertThat(render.env(BROKER))
                .containsEntry("ALLOW_ANONYMOUS", "false")
                .containsEntry("PASSWORD_FILE", "/opt/hivemq/security/passwd")
                .containsEntry("ACL_FILE", "/opt/hivemq/security/acl");
        var init = render.podTemplates().get(BROKER).getSpec().getInitContainers();
        assertThat(init).singleElement().satisfies(container -> {
            assertThat(container.getCommand()).containsExactly("/opt/hivemq/bin/security-files.sh");
            assertThat(container.getEnv())
                    .extracting(e -> e.getName() + "="
                            + (e.getValueFrom() == null
                                    ? e.getValue()
                                    : e.getValueFrom().getSecretKeyRef().getName() + "/"
                                            + e.getValueFrom().getSecretKeyRef().getKey()))
                    .contains(
                            "GATEWAY_USERNAME=mqtt-platform-gateway",
                            "GATEWAY_PASSWORD=mqtt-platform-broker-auth/gateway-password",
                            "SYS_METRICS_USERNAME=mqtt-platform-sys-metrics",
                            "SYS_METRICS_PASSWORD=mqtt-platform-broker-auth/sys-metrics-password")
                    .noneMatch(e -> e.startsWith("USER_"));
        });
        assertThat(render.env(GATEWAY))
                .containsEntry("GATEWAY_BROKER_USERNAME", "mqtt-platform-gateway")
                .containsEntry("GATEWAY_BROKER_PASSWORD", "secret:mqtt-platform-broker-auth/gateway-password");
        assertThat(render.env(SYS_METRICS))
                .containsEntry("SYS_METRICS_BROKER_USERNAME", "mqtt-platform-sys-metrics")
                .containsEntry("SYS_METRICS_BROKER_PASSWORD", "secret:mqtt-platform-broker-auth/sys-metrics-password");
        Secret passwords = render.get(Secret.class, "mqtt-platform-broker-auth");
        assertThat(passwords.getData()).containsOnlyKeys("gateway-password", "sys-metrics-password", "admin-token");
        assertThat(passwords.getData().values())
                .allSatisfy(v -> assertThat(Base64.getDecoder().decode(v)).hasSize(32));
    }

    @Test
    void brokerAuthFromTheUsersSecret_isMountedForTheInitContainer() throws Exception {
        Render render = Render.with(
                Map.of("broker.auth.existingSecret", "our-mosquitto-files", "broker.auth.aclFileKey", "acl"));

        var spec = render.podTemplates().get(BROKER).getSpec();
        assertThat(spec.getInitContainers().get(0).getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .contains(
                        "USER_PASSWORD_FILE=/opt/hivemq/user-security/password_file",
                        "USER_ACL_FILE=/opt/hivemq/user-security/acl");
        assertThat(spec.getVolumes())
                .filteredOn(v -> v.getName().equals("user-security"))
                .singleElement()
                .extracting(v -> v.getSecret().getSecretName())
                .isEqualTo("our-mosquitto-files");
    }

    /** With only gateway-password in the cluster, the Secret is one a release from before the operations API made. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gateway-password", "admin-token"})
    void upgrade_keepsTheBrokerPasswordsAndTokenAlreadyInTheCluster_andMakesTheMissingOnes(String kept)
            throws Exception {
        String installed = Base64.getEncoder().encodeToString(("kept-" + kept).getBytes(StandardCharsets.UTF_8));
        ClusterSecrets.put(Chart.RELEASE, "mqtt-platform-broker-auth", Map.of(kept, installed));

        Secret secret = Render.with(Map.of()).get(Secret.class, "mqtt-platform-broker-auth");

        assertThat(secret.getData())
                .containsEntry(kept, installed)
                .containsOnlyKeys("gateway-password", "sys-metrics-password", "admin-token");
    }

    @Test
    void defaults_gatewayReachesTheOperationsApiOnTheBrokersService_withTheTokenTheBrokerTakes() throws Exception {
        Render render = Render.defaults();

        assertThat(render.get(Service.class, "mqtt-platform-broker").getSpec().getPorts())
                .filteredOn(p -> p.getName().equals("health"))
                .singleElement()
                .satisfies(port -> {
                    assertThat(port.getPort()).isEqualTo(8889);
                    assertThat(port.getTargetPort().getStrVal()).isEqualTo("health");
                });
        assertThat(render.env(GATEWAY))
                .containsEntry("GATEWAY_BROKER_ADMIN_URL", "http://mqtt-platform-broker:8889")
                .containsEntry("GATEWAY_BROKER_ADMIN_TOKEN", "secret:mqtt-platform-broker-auth/admin-token");
        assertThat(render.env(BROKER))
                .containsEntry("BROKER_ADMIN_TOKEN", "secret:mqtt-platform-broker-auth/admin-token");
        assertThat(List.of(
                        envVar(render, BROKER, "BROKER_ADMIN_TOKEN"),
                        envVar(render, GATEWAY, "GATEWAY_BROKER_ADMIN_TOKEN")))
                .as("the chart's own Secret always has the token: required")
                .allSatisfy(v -> assertThat(v.getValueFrom().getSecretKeyRef().getOptional())
                        .isNull());
        String token = new String(
                Base64.getDecoder()
                        .decode(render.get(Secret.class, "mqtt-platform-broker-auth")
                                .getData()
                                .get("admin-token")),
                StandardCharsets.UTF_8);
        assertThat(token).hasSize(32).matches("[A-Za-z0-9]+");
    }

    @Test
    void brokerCredentialsFromTheUsersSecret_theOperationsTokenIsReadFromItAsOptional() throws Exception {
        Render render = Render.with(Map.of("broker.auth.credentialsSecret", "our-broker-credentials"));

        assertThat(render.find(Secret.class, "mqtt-platform-broker-auth")).isEmpty();
        Map.of(BROKER, "BROKER_ADMIN_TOKEN", GATEWAY, "GATEWAY_BROKER_ADMIN_TOKEN")
                .forEach((workload, name) -> {
                    var reference =
                            envVar(render, workload, name).getValueFrom().getSecretKeyRef();
                    assertThat(reference.getName()).as(name).isEqualTo("our-broker-credentials");
                    assertThat(reference.getKey()).as(name).isEqualTo("admin-token");
                    assertThat(reference.getOptional()).as(name).isTrue();
                });
    }

    @Test
    void brokerAuthOff_anOpenBrokerAnswersWithoutAToken_onTheHealthPortItIsGiven() throws Exception {
        Render render = Render.with(Map.of("broker.auth.enabled", false, "broker.healthPort", 9889));

        assertThat(render.all(Secret.class))
                .extracting(s -> s.getMetadata().getName())
                .doesNotContain("mqtt-platform-broker-auth");
        assertThat(render.env(BROKER)).containsEntry("HEALTH_PORT", "9889").doesNotContainKey("BROKER_ADMIN_TOKEN");
        assertThat(render.env(GATEWAY))
                .containsEntry("GATEWAY_BROKER_ADMIN_URL", "http://mqtt-platform-broker:9889")
                .doesNotContainKey("GATEWAY_BROKER_ADMIN_TOKEN");
        assertThat(render.get(Service.class, "mqtt-platform-broker").getSpec().getPorts())
                .extracting(ServicePort::getName, ServicePort::getPort)
                .contains(org.assertj.core.groups.Tuple.tuple("health", 9889));
    }

    @Test
    void upgrade_keepsTheKeyAlreadyInTheCluster() throws Exception {
        String installed = "keptAcrossUpgrades0123456789abcdefghijkl";
        ClusterSecrets.put(
                Chart.RELEASE,
                KEYS_SECRET,
                Map.of("api-key", Base64.getEncoder().encodeToString(installed.getBytes(StandardCharsets.UTF_8))));

        Secret secret = Render.with(Map.of()).get(Secret.class, KEYS_SECRET); // a fresh render, not the cached one

        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("api-key")), StandardCharsets.UTF_8))
                .isEqualTo(installed);
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("keys.json")), StandardCharsets.UTF_8))
                .contains(sha256(installed));
    }

    @Test
    void defaults_brokerKeepsItsDataOnAVolumeClaim_andServesMqttAndWebSocket() throws Exception {
        Render render = Render.defaults();

        StatefulSet broker = render.get(StatefulSet.class, "mqtt-platform-broker");
        assertThat(broker.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getMetadata().getName()).isEqualTo("data");
            assertThat(claim.getSpec()
                            .getResources()
                            .getRequests()
                            .get("storage")
                            .toString())
                    .isEqualTo("2Gi");
        });
        assertThat(render.container(BROKER).getVolumeMounts())
                .anyMatch(m -> m.getName().equals("data") && m.getMountPath().equals("/opt/hivemq/data"));
        assertThat(render.get(Service.class, "mqtt-platform-broker").getSpec().getPorts())
                .extracting(ServicePort::getPort)
                .containsExactly(1883, 8000, 8889);
        assertThat(render.env(BROKER)).containsEntry("SYS_INTERVAL", "10").doesNotContainKey("HIVEMQ_CONFIG_FOLDER");
        assertThat(render.env(SYS_METRICS))
                .containsEntry("SYS_METRICS_BROKER_SYS_INTERVAL", "10s")
                .containsEntry("SYS_METRICS_BROKER_HOST", "mqtt-platform-broker");
        assertThat(render.find(Service.class, "mqtt-platform-broker-external")).isEmpty();
        assertThat(render.podTemplates().values())
                .allSatisfy(
                        pod -> assertThat(pod.getSpec().getContainers().get(0).getImage())
                                .startsWith("mqtt-platform/")
                                .endsWith(":0.1.0"));
    }

    @Test
    void brokerProbes_askTheHealthEndpoints_notTheMqttPort() throws Exception {
        Render render = Render.defaults();
        io.fabric8.kubernetes.api.model.Container broker = render.container(BROKER);

        assertThat(broker.getPorts()).anyMatch(p -> p.getName().equals("health") && p.getContainerPort() == 8889);
        assertThat(broker.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/api/v1/health/liveness");
        assertThat(broker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/api/v1/health/readiness");
        assertThat(broker.getStartupProbe().getHttpGet().getPath()).isEqualTo("/api/v1/health/readiness");
        for (var probe :
                java.util.List.of(broker.getLivenessProbe(), broker.getReadinessProbe(), broker.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("health");
            assertThat(probe.getTcpSocket()).isNull();
        }
        assertThat(render.env(BROKER))
                .containsEntry("HEALTH_PORT", "8889")
                .containsEntry("BROKER_PERSISTENCE", "file")
                .containsEntry("BROKER_INCOMING_BANDWIDTH", "0")
                .containsEntry("BROKER_BACKLOG_PER_CONNECTION", "4194304");
        assertThat(render.env(BROKER).get("JAVA_OPTS")).contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void defaults_noServiceMonitorOrPrometheusRuleWhereTheCrdsAreMissing_butTheDashboardConfigMap() throws Exception {
        Render render = Render.defaults();

        assertThat(render.all(ServiceMonitor.class)).isEmpty();
        assertThat(render.all(PrometheusRule.class)).isEmpty();
        ConfigMap dashboard = render.get(ConfigMap.class, "mqtt-platform-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData().get("mqtt-broker.json"))
                .isEqualTo(Files.readString(Render.CHART.dir().resolve("dashboards/mqtt-broker.json"))
                        .strip());
        assertThat(render.podTemplates().get(SYS_METRICS).getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "8081")
                .containsEntry("prometheus.io/path", "/metrics");
    }

    @Test
    void authOff_noKeysAnywhere() throws Exception {
        Render render = Render.ci("auth-off");

        assertThat(render.all(Secret.class))
                .extracting(s -> s.getMetadata().getName())
                .containsExactly("mqtt-platform-broker-auth");
        assertThat(render.env(GATEWAY))
                .containsEntry("GATEWAY_AUTH_ENABLED", "false")
                .doesNotContainKey("GATEWAY_AUTH_KEYS_FILE");
        assertThat(render.podTemplates().get(GATEWAY).getSpec().getVolumes())
                .extracting(Volume::getName)
                .containsExactly("tmp");
    }

    @Test
    void tlsOn_selectsTheTlsConfigOfTheImage_withTheKeystoreFromItsSecret_andExposesOnlyTls() throws Exception {
        Render render = Render.ci("tls-on");

        assertThat(render.env(BROKER))
                .containsEntry("HIVEMQ_CONFIG_FOLDER", "/opt/hivemq/conf-tls")
                .containsEntry("MQTT_TLS_PORT", "8883")
                .containsEntry("MQTT_TLS_KEYSTORE", "/opt/hivemq/tls/keystore.p12")
                .containsEntry("MQTT_TLS_KEYSTORE_PASSWORD", "secret:mqtt-broker-tls-password/password");
        assertThat(Files.readString(Render.REPOSITORY.resolve("broker/Dockerfile")))
                .contains("/opt/hivemq/conf-tls/config.xml");
        assertThat(render.container(BROKER).getVolumeMounts())
                .anyMatch(m -> m.getName().equals("tls") && m.getMountPath().equals("/opt/hivemq/tls"));
        assertThat(render.podTemplates().get(BROKER).getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("tls"))
                .singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("mqtt-broker-tls"));
        Service external = render.get(Service.class, "mqtt-platform-broker-external");
        assertThat(external.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(external.getSpec().getLoadBalancerSourceRanges()).containsExactly("192.0.2.0/24");
        assertThat(external.getSpec().getPorts())
                .extracting(ServicePort::getPort)
                .containsExactly(8883);
        assertThat(render.get(Service.class, "mqtt-platform-broker").getSpec().getPorts())
                .extracting(ServicePort::getPort)
                .containsExactly(1883, 8000, 8883, 8889);
    }

    @Test
    void bridgesOn_giveTheBrokerTheBridgeFileOfTheUsersSecret() throws Exception {
        Render render = Render.ci("bridges-on");

        assertThat(render.env(BROKER)).containsEntry("BRIDGE_CONFIG", "/opt/hivemq/bridges/bridges.conf");
        assertThat(render.container(BROKER).getVolumeMounts())
                .anyMatch(m -> m.getName().equals("bridges")
                        && m.getMountPath().equals("/opt/hivemq/bridges")
                        && Boolean.TRUE.equals(m.getReadOnly()));
        assertThat(render.podTemplates().get(BROKER).getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("bridges"))
                .singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("mqtt-bridges"));
        assertThat(Render.defaults().env(BROKER)).doesNotContainKey("BRIDGE_CONFIG");
    }

    @Test
    void bridgesFromBothASecretAndAConfigMap_areRefused() {
        assertThatThrownBy(() -> Render.with(
                        Map.of("broker.bridges.existingSecret", "a", "broker.bridges.existingConfigMap", "b")))
                .hasMessageContaining("broker.bridges: set existingSecret or existingConfigMap, not both");
    }

    @Test
    void tlsOn_withoutItsSecret_isRefusedSayingWhatIsMissing() {
        assertThatThrownBy(() -> Render.with(Map.of("broker.tls.enabled", true)))
                .hasMessageContaining("broker.tls.enabled needs broker.tls.existingSecret");
    }

    @Test
    void monitoringForced_rendersServiceMonitorForBothServices_andThePrometheusRuleOfTheRulesFile() throws Exception {
        Render render = Render.ci("monitoring-on");

        ServiceMonitor monitor = render.all(ServiceMonitor.class).get(0);
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(monitor.getSpec().getEndpoints())
                .extracting(e -> e.getPort() + e.getPath())
                .containsExactly("http/metrics", "http/q/metrics");
        PrometheusRule rule = render.all(PrometheusRule.class).get(0);
        JsonNode rulesFile = new YAMLMapper()
                .readTree(Render.CHART
                        .dir()
                        .resolve("rules/mqtt-broker.rules.yml")
                        .toFile());
        JsonNode rendered = new ObjectMapper().valueToTree(rule.getSpec());
        assertThat(rendered.path("groups").get(0).path("rules"))
                .hasSameSizeAs(rulesFile.path("groups").get(0).path("rules"));
        assertThat(firstRuleSummary(rendered))
                .isEqualTo(firstRuleSummary(rulesFile))
                .contains("{{ $labels.instance }}");
    }

    @Test
    void ingressOn_routesTheApiToTheGatewayAndTheRestToTheUi_andAllowsItsOrigin() throws Exception {
        Render render = Render.ci("ingress-on");

        Ingress ingress = render.all(Ingress.class).get(0);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("mqtt-lab-tls");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
                .extracting(
                        HTTPIngressPath::getPath,
                        p -> p.getBackend().getService().getName())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/api/", "mqtt-platform-gateway"),
                        org.assertj.core.groups.Tuple.tuple("/", "mqtt-platform-web-ui"));
        assertThat(render.env(GATEWAY).get("GATEWAY_CORS_ORIGINS"))
                .isEqualTo("https://mqtt.lab.example.org,http://mqtt.lab.example.org,https://grafana.lab.example.org");
        HorizontalPodAutoscaler hpa = render.all(HorizontalPodAutoscaler.class).get(0);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("mqtt-platform-gateway");
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(4);
        assertThat(render.get(Deployment.class, "mqtt-platform-gateway")
                        .getSpec()
                        .getReplicas())
                .isNull();
        assertThat(render.get(Service.class, "mqtt-platform-broker-external")
                        .getSpec()
                        .getPorts()
                        .get(0)
                        .getNodePort())
                .isEqualTo(31883);
        NetworkPolicy gateway = render.get(NetworkPolicy.class, "mqtt-platform-gateway");
        assertThat(gateway.getSpec().getIngress().get(0).getFrom()).hasSize(3);
        var brokerRules = render.get(NetworkPolicy.class, "mqtt-platform-broker")
                .getSpec()
                .getIngress();
        assertThat(brokerRules.get(0).getFrom())
                .as("MQTT stays open to every client unless networkPolicy.mqttClients says otherwise")
                .isEmpty();
        assertThat(brokerRules.get(0).getPorts())
                .noneMatch(p -> p.getPort().getStrVal().equals("health"));
        assertThat(brokerRules.get(1).getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("health"));
        assertThat(brokerRules.get(1).getFrom())
                .as("the operations API: from the gateway's pods only")
                .singleElement()
                .satisfies(peer -> {
                    assertThat(peer.getNamespaceSelector()).isNull();
                    assertThat(peer.getPodSelector().getMatchLabels())
                            .isEqualTo(render.get(Deployment.class, "mqtt-platform-gateway")
                                    .getSpec()
                                    .getSelector()
                                    .getMatchLabels());
                });
        assertThat(brokerRules).hasSize(2);
    }

    @Test
    void externalBroker_noBrokerOfOurOwn_servicesUseItWithItsCredentials() throws Exception {
        Render render = Render.ci("external-broker");

        assertThat(render.all(StatefulSet.class)).isEmpty();
        assertThat(render.find(Service.class, "mqtt-platform-broker")).isEmpty();
        assertThat(render.all(Secret.class))
                .as("keys come from gateway.auth.existingSecret")
                .isEmpty();
        assertThat(render.env(GATEWAY))
                .containsEntry("GATEWAY_BROKER_HOST", "mosquitto.lab.svc.cluster.local")
                .containsEntry("GATEWAY_BROKER_USERNAME", "secret:mosquitto-credentials/username")
                .containsEntry("GATEWAY_BROKER_PASSWORD", "secret:mosquitto-credentials/password");
        assertThat(render.env(SYS_METRICS))
                .containsEntry("SYS_METRICS_BROKER_HOST", "mosquitto.lab.svc.cluster.local")
                .containsEntry("SYS_METRICS_BROKER_USERNAME", "secret:mosquitto-credentials/username");
        assertThat(render.podTemplates().get(GATEWAY).getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("api-keys"))
                .singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("lab-api-keys"));
        assertThat(render.env(GATEWAY))
                .as("mosquitto has no operations API: the gateway answers 501 on /api/v1/clients")
                .doesNotContainKeys("GATEWAY_BROKER_ADMIN_URL", "GATEWAY_BROKER_ADMIN_TOKEN");
    }

    @Test
    void externalBrokerOfOurs_theGatewayUsesItsOperationsApi_withTheTokenOfTheGivenSecret() throws Exception {
        Render render = Render.with(Map.of(
                "broker.enabled", false,
                "externalBroker.host", "mqtt-broker.lab",
                "externalBroker.adminUrl", "http://mqtt-broker.lab:8889",
                "externalBroker.adminTokenSecret", "lab-broker-admin"));

        assertThat(render.env(GATEWAY))
                .containsEntry("GATEWAY_BROKER_ADMIN_URL", "http://mqtt-broker.lab:8889")
                .containsEntry("GATEWAY_BROKER_ADMIN_TOKEN", "secret:lab-broker-admin/admin-token");
        assertThat(envVar(render, GATEWAY, "GATEWAY_BROKER_ADMIN_TOKEN")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getOptional())
                .as("a Secret the user named for the token must have it")
                .isNull();
        assertThatThrownBy(() -> Render.with(Map.of(
                        "broker.enabled", false,
                        "externalBroker.host", "mqtt-broker.lab",
                        "externalBroker.adminUrl", "mqtt-broker.lab:8889")))
                .hasMessageContaining("/externalBroker/adminUrl");
    }

    @Test
    void externalBroker_withoutItsHost_isRefusedSayingWhatIsMissing() {
        assertThatThrownBy(() -> Render.with(Map.of("broker.enabled", false)))
                .hasMessageContaining("externalBroker.host is required when broker.enabled is false");
    }

    @Test
    void badValues_areRefusedByTheSchema_namingTheValue() {
        assertThatThrownBy(() -> Render.with(Map.of("gateway.replicas", 0)))
                .hasMessageContaining("/gateway/replicas")
                .hasMessageContaining("minimum");
        assertThatThrownBy(() -> Render.with(Map.of("broker.sysInterval", "often")))
                .hasMessageContaining("/broker/sysInterval");
        assertThatThrownBy(() -> Render.with(Map.of("gateway.replica", 3)))
                .hasMessageContaining("/gateway")
                .hasMessageContaining("replica");
        assertThatThrownBy(() -> Render.with(Map.of("monitoring.serviceMonitor.create", "yes")))
                .hasMessageContaining("/monitoring/serviceMonitor/create");
    }

    private static EnvVar envVar(Render render, String workload, String name) {
        return render.container(workload).getEnv().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(workload + " has no variable " + name));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The summary annotation of the first rule of the first group of a Prometheus rules document. */
    private static String firstRuleSummary(JsonNode rules) {
        return rules.path("groups")
                .get(0)
                .path("rules")
                .get(0)
                .path("annotations")
                .path("summary")
                .asText();
    }
}
