package io.mqttplatform.deployment;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** NOTES.txt, as `helm install --dry-run=client` prints it: how to reach each part, and the key. */
class NotesTest {

    @Test
    void notes_sayHowToReachEveryPart_andWhereTheGeneratedKeyIs() {
        String notes = notes(Map.of());

        assertThat(notes)
                .contains("mqtt-platform-broker.mqtt-platform.svc:1883 (MQTT)")
                .contains("port 8000 path /mqtt (WebSocket)")
                .contains("http://mqtt-platform-broker.mqtt-platform.svc:8889/api/v1/mqtt/clients")
                .contains(
                        "kubectl get secret -n mqtt-platform mqtt-platform-broker-auth -o jsonpath='{.data.admin-token}' | base64 -d")
                .contains("kubectl port-forward -n mqtt-platform service/mqtt-platform-web-ui 8088")
                .contains("http://localhost:8080/q/swagger-ui")
                .contains(
                        "kubectl get secret -n mqtt-platform mqtt-platform-gateway-api-keys -o jsonpath='{.data.api-key}' | base64 -d")
                .contains("http://mqtt-platform-sys-metrics.mqtt-platform.svc:8081/metrics")
                .contains("ConfigMap mqtt-platform-dashboard")
                .contains("helm test -n mqtt-platform mqtt-platform")
                .doesNotContain("WARNING");
    }

    @Test
    void notes_withAuthOff_warn() {
        assertThat(notes(Map.of("gateway.auth.enabled", false)))
                .contains("WARNING: gateway.auth.enabled is false")
                .as("no API key to read (the broker's operations token still is)")
                .doesNotContain("{.data.api-key}");
    }

    @Test
    void notes_withAnExternalBroker_sayWhetherTheGatewayHasItsOperationsApi() {
        assertThat(notes(Map.of("broker.enabled", false, "externalBroker.host", "mosquitto.lab")))
                .contains("External broker: mosquitto.lab:1883")
                .contains("No operations API (externalBroker.adminUrl)");
        assertThat(notes(Map.of(
                        "broker.enabled",
                        false,
                        "externalBroker.host",
                        "mqtt-broker.lab",
                        "externalBroker.adminUrl",
                        "http://mqtt-broker.lab:8889")))
                .contains("Its operations API, for the gateway's /api/v1/clients: http://mqtt-broker.lab:8889");
    }

    @Test
    void notes_withIngressAndTls_giveTheHttpsAddresses() {
        assertThat(notes(Map.of(
                        "ingress.enabled",
                        true,
                        "ingress.host",
                        "mqtt.lab.example.org",
                        "ingress.tls.enabled",
                        true,
                        "ingress.tls.secretName",
                        "lab-tls",
                        "broker.external.enabled",
                        true)))
                .contains("https://mqtt.lab.example.org/        (UI)")
                .contains("https://mqtt.lab.example.org/api/v1/  (API)")
                .contains("kubectl get service -n mqtt-platform mqtt-platform-broker-external   (LoadBalancer)");
    }

    private static String notes(Map<String, Object> settings) {
        ClusterSecrets.start();
        InstallCommand install = new Helm(Render.CHART.dir())
                .install()
                .withName(Chart.RELEASE)
                .withNamespace(Chart.RELEASE)
                .withKubeVersion(Chart.KUBE_VERSION)
                .dryRun()
                .withDryRunOption(DryRun.CLIENT)
                .clientOnly();
        settings.forEach(install::set);
        String output = install.call().getOutput();
        assertThat(output).contains("NOTES:");
        return output.substring(output.indexOf("NOTES:"));
    }
}
