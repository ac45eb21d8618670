package io.mqttplatform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `helm lint --strict` and `helm template` of the chart with its default values and with every file under
 * helm/mqtt-platform/ci/: every object is a valid Kubernetes object of its kind, every container has probes, resources
 * and the restricted security context, and everything that refers to something else (Services, PDB, Ingress,
 * NetworkPolicies) finds it in the same render.
 */
class ChartTest {

    /** "default" and the names of the ci/ values files. */
    static Stream<String> valueSets() throws IOException {
        try (Stream<Path> files = Files.list(Render.CHART.dir().resolve("ci"))) {
            List<String> names = new ArrayList<>(List.of("default"));
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("-values.yaml"))
                    .sorted()
                    .map(n -> n.substring(0, n.length() - "-values.yaml".length()))
                    .forEach(names::add);
            assertThat(names).contains("auth-off", "tls-on", "ingress-on", "monitoring-on", "external-broker");
            return names.stream();
        }
    }

    private static Render render(String valueSet) throws Exception {
        return valueSet.equals("default") ? Render.defaults() : Render.ci(valueSet);
    }

    /**
     * helm-java's lint takes no values file, so the values are linted as `helm lint -f` would see them: in a copy of the
     * chart whose values.yaml is the defaults with the ci/ file merged over them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void helmLintStrict_passes(String valueSet, @TempDir Path copy) throws Exception {
        Path chart = Render.CHART.dir();
        if (!valueSet.equals("default")) {
            Render.copyOfChart(copy);
            YAMLMapper yaml = new YAMLMapper();
            ObjectNode values =
                    (ObjectNode) yaml.readTree(chart.resolve("values.yaml").toFile());
            merge(
                    values,
                    yaml.readTree(chart.resolve("ci")
                            .resolve(valueSet + "-values.yaml")
                            .toFile()));
            yaml.writeValue(copy.resolve("values.yaml").toFile(), values);
            chart = copy;
        }

        LintResult lint = Chart.lint(chart);

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyRenderedObject_isAValidKubernetesObjectOfItsKind(String valueSet) throws Exception {
        Render render = render(valueSet);

        assertThat(render.objects)
                .extracting(KubernetesObjects.Rendered::kind)
                .contains("Deployment", "Service", "ConfigMap");
        assertThat(render.objects.stream().map(KubernetesObjects.Rendered::toString))
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyContainer_hasProbesResourcesAndTheRestrictedSecurityContext(String valueSet) throws Exception {
        Render render = render(valueSet);

        for (Map.Entry<String, PodTemplateSpec> pod : render.podTemplates().entrySet()) {
            var spec = pod.getValue().getSpec();
            assertThat(spec.getSecurityContext().getRunAsNonRoot())
                    .as(pod.getKey())
                    .isTrue();
            assertThat(spec.getSecurityContext().getSeccompProfile().getType())
                    .as(pod.getKey())
                    .isEqualTo("RuntimeDefault");
            // the only init container: the broker's, writing its password file and ACL
            assertThat(spec.getInitContainers())
                    .as(pod.getKey())
                    .extracting(Container::getName)
                    .isSubsetOf("security-files");
            boolean testHook = pod.getKey().startsWith("Pod/");
            for (Container container : spec.getInitContainers()) {
                String where = pod.getKey() + " init container " + container.getName();
                assertThat(container.getSecurityContext())
                        .as(where)
                        .isEqualTo(spec.getContainers().get(0).getSecurityContext());
                assertThat(container.getResources().getLimits()).as(where).containsKey("memory");
                assertThat(container.getImage())
                        .as(where)
                        .isEqualTo(spec.getContainers().get(0).getImage());
            }
            for (Container container : spec.getContainers()) {
                String where = pod.getKey() + " container " + container.getName();
                var security = container.getSecurityContext();
                assertThat(security.getRunAsNonRoot()).as(where).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as(where).isTrue();
                assertThat(security.getCapabilities().getDrop()).as(where).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).as(where).isEmpty();
                assertThat(security.getPrivileged()).as(where).isNotEqualTo(Boolean.TRUE);
                assertThat(security.getSeccompProfile().getType()).as(where).isEqualTo("RuntimeDefault");
                assertThat(container.getResources().getRequests()).as(where).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(where).containsKey("memory");
                assertThat(container.getImage())
                        .as(where)
                        .matches("[^:]+:[^:]+")
                        .doesNotEndWith(":latest");
                if (!testHook) { // a run-to-completion `helm test` pod has nothing to probe
                    assertThat(container.getLivenessProbe())
                            .as(where + " liveness")
                            .isNotNull();
                    assertThat(container.getReadinessProbe())
                            .as(where + " readiness")
                            .isNotNull();
                    assertThat(pod.getValue().getMetadata().getAnnotations())
                            .as(where)
                            .containsKey("checksum/config");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyService_selectsPodsOfThisRender_onPortsTheyOpen(String valueSet) throws Exception {
        Render render = render(valueSet);

        for (Service service : render.all(Service.class)) {
            String where = "Service/" + service.getMetadata().getName();
            List<PodTemplateSpec> selected = selected(render, service.getSpec().getSelector());
            assertThat(selected).as(where + " selects no pod").isNotEmpty();
            for (ServicePort port : service.getSpec().getPorts()) {
                String target = port.getTargetPort().getStrVal();
                assertThat(selected).as(where + " port " + port.getName()).allMatch(pod -> opens(pod, target));
            }
        }
        for (PodDisruptionBudget budget : render.all(PodDisruptionBudget.class)) {
            assertThat(selected(render, budget.getSpec().getSelector().getMatchLabels()))
                    .as("PDB " + budget.getMetadata().getName())
                    .isNotEmpty();
        }
        for (NetworkPolicy policy : render.all(NetworkPolicy.class)) {
            List<PodTemplateSpec> pods =
                    selected(render, policy.getSpec().getPodSelector().getMatchLabels());
            assertThat(pods)
                    .as("NetworkPolicy " + policy.getMetadata().getName())
                    .isNotEmpty();
            policy.getSpec()
                    .getIngress()
                    .forEach(rule -> rule.getPorts()
                            .forEach(port -> assertThat(pods)
                                    .allMatch(pod -> opens(pod, port.getPort().getStrVal()))));
        }
        for (Ingress ingress : render.all(Ingress.class)) {
            for (HTTPIngressPath path :
                    ingress.getSpec().getRules().get(0).getHttp().getPaths()) {
                Service backend =
                        render.get(Service.class, path.getBackend().getService().getName());
                assertThat(backend.getSpec().getPorts())
                        .extracting(ServicePort::getName)
                        .contains(path.getBackend().getService().getPort().getName());
            }
        }
    }

    private static List<PodTemplateSpec> selected(Render render, Map<String, String> selector) {
        assertThat(selector).isNotEmpty();
        return render.podTemplates().values().stream()
                .filter(pod -> pod.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    private static boolean opens(PodTemplateSpec pod, String portName) {
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream())
                .map(ContainerPort::getName)
                .anyMatch(portName::equals);
    }

    private static void merge(ObjectNode target, JsonNode overrides) {
        overrides.fields().forEachRemaining(field -> {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                merge(object, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }
}
