package io.mqttplatform.deployment;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The `helm test` pod (templates/tests/): the pod is valid and restricted, runs files/publish-roundtrip.sh as it is
 * (the end-to-end suite runs that script against a real platform), and gets the gateway, the broker and the key.
 * helm-java renders like `helm install`, which keeps hooks apart from the manifest, so the pod is rendered from a
 * copy of the chart without its hook annotation.
 */
class HelmTestPodTest {

    @Test
    void helmTestPod_runsTheRoundtripScript_againstTheGatewayAndBroker_withTheGeneratedKey(@TempDir Path copy)
            throws Exception {
        Pod pod = renderTestPod(copy, Map.of());

        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getCommand()).containsExactly("sh", "-c");
        assertThat(container.getArgs())
                .containsExactly(Files.readString(Render.CHART.dir().resolve("files/publish-roundtrip.sh")));
        assertThat(container.getImage()).isEqualTo("eclipse-mosquitto:2.0.20");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(container.getEnv())
                .extracting(
                        EnvVar::getName,
                        e -> e.getValue() == null
                                ? e.getValueFrom().getSecretKeyRef().getName() + "/"
                                        + e.getValueFrom().getSecretKeyRef().getKey()
                                : e.getValue())
                .contains(
                        org.assertj.core.groups.Tuple.tuple("GATEWAY_URL", "http://mqtt-platform-gateway:8080"),
                        org.assertj.core.groups.Tuple.tuple("BROKER_HOST", "mqtt-platform-broker"),
                        org.assertj.core.groups.Tuple.tuple("BROKER_PORT", "1883"),
                        org.assertj.core.groups.Tuple.tuple("API_KEY", "mqtt-platform-gateway-api-keys/api-key"));
    }

    @Test
    void helmTestPod_withAuthOff_sendsNoKey(@TempDir Path copy) throws Exception {
        Pod pod = renderTestPod(copy, Map.of("gateway.auth.enabled", false));

        assertThat(pod.getSpec().getContainers().get(0).getEnv())
                .extracting(EnvVar::getName)
                .doesNotContain("API_KEY");
    }

    @Test
    void theTestTemplate_isAHelmTestHook() throws Exception {
        String template = Files.readString(Render.CHART.dir().resolve("templates/tests/publish-roundtrip.yaml"));

        assertThat(template).contains("helm.sh/hook: test");
    }

    private static Pod renderTestPod(Path copy, Map<String, Object> settings) throws Exception {
        Render.copyOfChart(copy);
        Path template = copy.resolve("templates/tests/publish-roundtrip.yaml");
        Files.writeString(
                template, Files.readString(template).replace("helm.sh/hook: test", "hook-removed-for-rendering: test"));
        return KubernetesObjects.parse(new Chart(copy).template(null, settings)).stream()
                .map(KubernetesObjects.Rendered::object)
                .filter(Pod.class::isInstance)
                .map(Pod.class::cast)
                .findFirst()
                .orElseThrow();
    }
}
