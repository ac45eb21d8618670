package io.mqttplatform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One `helm template` of the chart, read strictly into Kubernetes objects, with the look-ups the checks need. */
final class Render {

    static final Path REPOSITORY =
            Path.of(System.getProperty("repository.dir", "..")).toAbsolutePath().normalize();
    static final Chart CHART = Chart.inRepository(REPOSITORY);

    private static final Map<String, Render> BY_VALUE_SET = new HashMap<>();

    final String manifests;
    final List<KubernetesObjects.Rendered> objects;

    static {
        ClusterSecrets.start();
    }

    private Render(String manifests) throws Exception {
        this.manifests = manifests;
        this.objects = KubernetesObjects.parse(manifests);
    }

    /** The default values' render; made once per test run, like each ci/ one (renders are only read). */
    static Render defaults() throws Exception {
        return valueSet("default");
    }

    static Render with(Path valuesFile) throws Exception {
        return new Render(CHART.template(valuesFile, Map.of()));
    }

    static Render with(Map<String, Object> settings) throws Exception {
        return new Render(CHART.template(null, settings));
    }

    /** The render with helm/mqtt-platform/ci/NAME-values.yaml; made once per test run. */
    static Render ci(String name) throws Exception {
        return valueSet(name);
    }

    private static synchronized Render valueSet(String name) throws Exception {
        Render render = BY_VALUE_SET.get(name);
        if (render == null) {
            render = name.equals("default")
                    ? with(Map.of())
                    : with(CHART.dir().resolve("ci").resolve(name + "-values.yaml"));
            BY_VALUE_SET.put(name, render);
        }
        return render;
    }

    /** A copy of the chart in `target`, to render or lint it changed. */
    static Path copyOfChart(Path target) throws IOException {
        Path chart = CHART.dir();
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(chart.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream()
                .map(KubernetesObjects.Rendered::object)
                .filter(kind::isInstance)
                .map(kind::cast)
                .toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name)
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " in: " + objects));
    }

    JsonNode tree(String kind, String name) {
        return objects.stream()
                .filter(o -> o.kind().equals(kind) && o.name().equals(name))
                .findFirst()
                .map(KubernetesObjects.Rendered::tree)
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** Every pod this render creates: workload templates by "Kind/name", and bare Pods (helm test). */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
        all(Deployment.class)
                .forEach(d -> pods.put(
                        "Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class)
                .forEach(s -> pods.put(
                        "StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
        all(Pod.class)
                .forEach(p -> pods.put(
                        "Pod/" + p.getMetadata().getName(), new PodTemplateSpec(p.getMetadata(), p.getSpec())));
        return pods;
    }

    Container container(String workload) {
        return podTemplates().get(workload).getSpec().getContainers().get(0);
    }

    /** The variables of a workload's first container: its ConfigMap's data, then its own env (values or "secret:name/key"). */
    Map<String, String> env(String workload) {
        Container container = container(workload);
        Map<String, String> env = new LinkedHashMap<>();
        container
                .getEnvFrom()
                .forEach(from -> env.putAll(get(
                                io.fabric8.kubernetes.api.model.ConfigMap.class,
                                from.getConfigMapRef().getName())
                        .getData()));
        for (EnvVar variable : container.getEnv()) {
            env.put(
                    variable.getName(),
                    variable.getValueFrom() == null
                            ? variable.getValue()
                            : "secret:"
                                    + variable.getValueFrom().getSecretKeyRef().getName() + "/"
                                    + variable.getValueFrom().getSecretKeyRef().getKey());
        }
        return env;
    }
}
