package io.mqttplatform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What images/kube-play-test.sh runs is the chart's default render, changed only by KubePlay's documented steps: undo
 * those steps on each pod and the workload's pod template comes back field for field, so nothing the chart sets about
 * security or configuration is changed or dropped on the way to podman.
 */
class KubePlayTest {

    private static Render render;
    private static KubePlay.Result result;

    @BeforeAll
    static void transform() throws Exception {
        render = Render.defaults();
        result = KubePlay.transform(render.manifests);
    }

    @Test
    void everyWorkloadRunsAsOnePodNamedAfterItsService_withItsTemplateUnchangedButForTheDocumentedSteps()
            throws Exception {
        Map<String, String> podOf = Map.of(
                "StatefulSet/mqtt-platform-broker", "mqtt-platform-broker",
                "Deployment/mqtt-platform-gateway", "mqtt-platform-gateway",
                "Deployment/mqtt-platform-sys-metrics", "mqtt-platform-sys-metrics",
                "Deployment/mqtt-platform-web-ui", "mqtt-platform-web-ui");
        assertThat(result.pods()).extracting(KubePlayTest::name).containsExactlyInAnyOrderElementsOf(podOf.values());
        for (Map.Entry<String, String> workload : podOf.entrySet()) {
            String[] kindAndName = workload.getKey().split("/");
            JsonNode template =
                    render.tree(kindAndName[0], kindAndName[1]).path("spec").path("template");
            ObjectNode pod = undoDocumentedSteps(pod(workload.getValue()));
            assertThat(pod.path("spec")).as(workload.getKey() + " spec").isEqualTo(template.path("spec"));
            ObjectNode annotations =
                    template.path("metadata").path("annotations").deepCopy();
            annotations.properties().removeIf(a -> a.getKey().startsWith("checksum/"));
            assertThat(pod.path("metadata").path("annotations"))
                    .as(workload.getKey() + " annotations")
                    .isEqualTo(annotations);
            assertThat(pod.path("metadata").path("labels"))
                    .isEqualTo(template.path("metadata").path("labels"));
        }
    }

    @Test
    void theBrokersVolumeClaimTemplateBecomesTheClaimItsController_wouldMakeForPodZero() {
        assertThat(result.claims()).extracting(KubePlayTest::name).containsExactly("data-mqtt-platform-broker-0");
        JsonNode template = render.tree("StatefulSet", "mqtt-platform-broker")
                .path("spec")
                .path("volumeClaimTemplates")
                .get(0);
        assertThat(result.claims().get(0).path("spec")).isEqualTo(template.path("spec"));
        assertThat(pod("mqtt-platform-broker").path("spec").path("volumes").findValues("claimName"))
                .extracting(JsonNode::asText)
                .containsExactly("data-mqtt-platform-broker-0");
    }

    @Test
    void secretsAreWrittenAsPodmanReadsThem_envOnesFlatAndEncoded_mountedOnesDecodedWithOnlyTheMountedItems() {
        JsonNode credentials =
                render.tree("Secret", "mqtt-platform-broker-auth").path("data");
        assertThat(result.secrets().get("mqtt-platform-broker-auth")).isEqualTo(credentials);
        JsonNode keys = result.secrets().get("mqtt-platform-gateway-api-keys");
        assertThat(keys.path("kind").asText()).isEqualTo("Secret");
        assertThat(iterable(keys.path("data").fieldNames())).containsExactly("keys.json");
        assertThat(keys.path("data").path("keys.json").asText()).startsWith("{\"keys\":[");
        assertThat(result.facts().get("API_KEY")).hasSize(40);
    }

    @Test
    void theProbesListedAreTheChartsWithNamedPortsResolved() {
        assertThat(result.probes())
                .contains(new KubePlay.Probe(
                        "mqtt-platform-broker", "broker", "livenessProbe", 8889, "/api/v1/health/liveness", 10, 3))
                .contains(new KubePlay.Probe(
                        "mqtt-platform-gateway", "gateway", "startupProbe", 8080, "/q/health/started", 2, 60))
                .hasSize(11);
    }

    @Test
    void memoryQuantitiesInBytes() {
        assertThat(KubePlay.bytes("1Gi")).isEqualTo(1L << 30);
        assertThat(KubePlay.bytes("64Mi")).isEqualTo(64L << 20);
        assertThat(KubePlay.bytes("500M")).isEqualTo(500_000_000L);
        assertThat(KubePlay.bytes("1048576")).isEqualTo(1048576L);
    }

    @Test
    void thePodsFilesAreValidKubernetesObjects() throws Exception {
        for (ObjectNode pod : result.pods()) {
            assertThat(KubernetesObjects.parse(result.podYaml(pod))).isNotEmpty();
        }
        assertThat(KubernetesObjects.parse(result.claimsYaml())).hasSize(1);
    }

    /** The pod with KubePlay's steps taken back, each named as in KubePlay. */
    private static ObjectNode undoDocumentedSteps(ObjectNode played) {
        ObjectNode pod = played.deepCopy();
        ObjectNode spec = (ObjectNode) pod.path("spec");
        String name = name(pod);
        // initContainersRunOnce
        if (spec.has("initContainers")) {
            assertThat(spec.remove("restartPolicy").asText()).isEqualTo("OnFailure");
            ((ObjectNode) pod.path("metadata").path("annotations")).remove("io.podman.annotations.init.container.type");
        }
        ArrayNode volumes = (ArrayNode) spec.path("volumes");
        for (Iterator<JsonNode> it = volumes.iterator(); it.hasNext(); ) {
            JsonNode volume = it.next();
            // claims: the StatefulSet's claim becomes a volume of the pod
            if (volume.has("persistentVolumeClaim")) {
                it.remove();
            }
            // secretVolumesRequired
            if (volume.has("secret")) {
                assertThat(((ObjectNode) volume.path("secret"))
                                .remove("optional")
                                .asBoolean())
                        .isFalse();
            }
            // emptyDirsOfThisPod
            if (volume.has("emptyDir")) {
                ((ObjectNode) volume).put("name", volume.path("name").asText().substring(name.length() + 1));
            }
        }
        List<String> emptyDirs = new ArrayList<>();
        volumes.forEach(v -> emptyDirs.add(name + "-" + v.path("name").asText()));
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : spec.path(list)) {
                for (JsonNode mount : container.path("volumeMounts")) {
                    if (emptyDirs.contains(mount.path("name").asText())) {
                        ((ObjectNode) mount)
                                .put("name", mount.path("name").asText().substring(name.length() + 1));
                    }
                }
                // hostPorts
                for (JsonNode port : container.path("ports")) {
                    assertThat(((ObjectNode) port).remove("hostIP").asText()).isEqualTo("127.0.0.1");
                    assertThat(((ObjectNode) port).remove("hostPort").asInt())
                            .isEqualTo(KubePlay.HOST_PORT_OFFSET
                                    + port.path("containerPort").asInt());
                }
            }
        }
        if (volumes.isEmpty()) {
            spec.remove("volumes");
        }
        return pod;
    }

    private ObjectNode pod(String name) {
        return result.pods().stream()
                .filter(p -> name(p).equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
