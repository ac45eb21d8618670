package io.mqttplatform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input of images/kube-play-test.sh: the chart rendered with its default values (auth on, persistence on), bridged
 * to what `podman kube play` can run. podman runs a Pod's containers as Kubernetes would (securityContext, resources,
 * env and envFrom, ConfigMap, Secret and emptyDir volumes, images and their users) but has no controllers, Services or
 * Secret objects; each step below bridges one of those differences and says why. Nothing the chart sets about security
 * or configuration is changed or dropped: {@link KubePlayTest} compares every container and pod-level setting of the
 * result with the render.
 *
 * <p>Writes into the folder given: {@code pods.yaml} (for `podman kube play`), {@code secrets/NAME.json} (for `podman
 * secret create`), {@code probes.tsv} (the probes the chart defines, which the script runs as the kubelet would) and
 * {@code facts.env} (what the script needs to know: the generated API key, the host ports, object names).
 */
public final class KubePlay {

    /** Host port = this + the container port, on 127.0.0.1 only (e.g. the gateway's 8080 on 38080). */
    static final int HOST_PORT_OFFSET = 30000;

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A probe of a container, to be run against the pod's address: HTTP GET of path on port. */
    record Probe(
            String pod, String container, String kind, int port, String path, int periodSeconds, int failureThreshold) {
        String tsv() {
            return String.join(
                    "\t",
                    pod,
                    container,
                    kind,
                    Integer.toString(port),
                    path,
                    Integer.toString(periodSeconds),
                    Integer.toString(failureThreshold));
        }
    }

    /** What the transform made from one render. */
    record Result(
            List<ObjectNode> configMaps,
            List<ObjectNode> claims,
            List<ObjectNode> pods,
            Map<String, ObjectNode> secrets,
            List<Probe> probes,
            Map<String, String> facts) {

        /**
         * The claims, played once: podman makes a named volume for each, which outlives the pods (and a second play of
         * the same claim is refused, so they are not in the pods' files).
         */
        String claimsYaml() throws IOException {
            return yaml(claims);
        }

        /**
         * One pod with the ConfigMaps it reads (podman reads them from the same file, as `--configmap`): removed and
         * played again on its own, as a controller replaces one pod.
         */
        String podYaml(ObjectNode pod) throws IOException {
            List<ObjectNode> objects = new ArrayList<>();
            List<String> read = new ArrayList<>();
            for (String reference : List.of("configMapRef", "configMapKeyRef", "configMap")) {
                pod.findValues(reference).forEach(r -> read.add(r.path("name").asText()));
            }
            for (ObjectNode configMap : configMaps) {
                if (read.contains(name(configMap))) {
                    objects.add(configMap);
                }
            }
            objects.add(pod);
            return yaml(objects);
        }

        private static String yaml(List<ObjectNode> objects) throws IOException {
            StringBuilder yaml = new StringBuilder();
            for (ObjectNode object : objects) {
                yaml.append("---\n").append(YAML.writeValueAsString(object));
            }
            return yaml.toString();
        }
    }

    private KubePlay() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        ClusterSecrets.start();
        Result result = transform(Render.CHART.template(null, Map.of()));
        Files.createDirectories(out.resolve("secrets"));
        Files.writeString(out.resolve("claims.yaml"), result.claimsYaml());
        StringBuilder pods = new StringBuilder();
        for (ObjectNode pod : result.pods()) {
            Files.writeString(out.resolve(name(pod) + ".yaml"), result.podYaml(pod));
            pods.append(name(pod)).append(' ');
        }
        result.facts().put("PODS", pods.toString().strip());
        for (Map.Entry<String, ObjectNode> secret : result.secrets().entrySet()) {
            Files.writeString(
                    out.resolve("secrets").resolve(secret.getKey() + ".json"),
                    JSON.writeValueAsString(secret.getValue()));
        }
        StringBuilder containers = new StringBuilder();
        for (ObjectNode pod : result.pods()) {
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode container : pod.path("spec").path(list)) {
                    String memory = container
                            .path("resources")
                            .path("limits")
                            .path("memory")
                            .asText();
                    containers
                            .append(name(pod))
                            .append('\t')
                            .append(container.path("name").asText())
                            .append('\t')
                            .append(bytes(memory))
                            .append('\t')
                            .append(memory)
                            .append('\n');
                }
            }
        }
        Files.writeString(out.resolve("containers.tsv"), containers.toString());
        StringBuilder probes = new StringBuilder();
        result.probes().forEach(p -> probes.append(p.tsv()).append('\n'));
        Files.writeString(out.resolve("probes.tsv"), probes.toString());
        StringBuilder facts = new StringBuilder();
        result.facts().forEach((k, v) -> facts.append(k).append("='").append(v).append("'\n"));
        Files.writeString(out.resolve("facts.env"), facts.toString());
        ClusterSecrets.stop();
        System.out.println("kube play input: " + result.pods().size() + " pods, "
                + result.secrets().size() + " secrets in " + out);
    }

    static Result transform(String manifests) throws IOException {
        List<ObjectNode> rendered = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            JsonNode tree = YAML.readTree(document);
            if (tree instanceof ObjectNode object && object.has("kind")) {
                rendered.add(object);
            }
        }
        List<ObjectNode> services =
                rendered.stream().filter(o -> kind(o).equals("Service")).toList();
        List<ObjectNode> configMaps = new ArrayList<>();
        List<ObjectNode> claims = new ArrayList<>();
        List<ObjectNode> pods = new ArrayList<>();
        List<ObjectNode> renderedSecrets = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        Map<String, String> facts = new LinkedHashMap<>();
        for (ObjectNode object : rendered) {
            switch (kind(object)) {
                // A `kind: Secret` in kube play's input is refused; podman reads Secrets it holds itself (`podman
                // secret
                // create NAME FILE`): see secretsAsPodmanReadsThem.
                case "Secret" -> renderedSecrets.add(object);
                // podman has no Services (they are ignored): each pod below is named after the Service that selects
                // it, and podman's DNS on the test's network answers pod names, so clients find "mqtt-platform-broker"
                // as in the cluster. The test reaches the pods through host ports instead.
                case "Service" -> {}
                // No eviction API without a cluster: nothing to run.
                case "PodDisruptionBudget" -> {}
                case "Deployment", "StatefulSet" -> {
                    ObjectNode pod = pod(object, services);
                    if (kind(object).equals("StatefulSet")) {
                        claims.addAll(claims(object, pod));
                    }
                    hostPorts(pod, facts);
                    secretVolumesRequired(pod);
                    emptyDirsOfThisPod(pod);
                    initContainersRunOnce(pod);
                    pods.add(pod);
                    probes.addAll(probes(pod));
                    facts.put(variable(name(pod)) + "_POD", name(pod));
                }
                case "ConfigMap" -> configMaps.add(object);
                case "PersistentVolumeClaim" -> claims.add(object);
                default ->
                    throw new IllegalStateException(kind(object) + "/" + name(object)
                            + ": the default render has a kind KubePlay does not know");
            }
        }
        Map<String, ObjectNode> secrets = secretsAsPodmanReadsThem(renderedSecrets, pods);
        // The key the chart generated, for the test's requests (its Secret is mounted without it).
        renderedSecrets.stream()
                .filter(secret -> secret.path("data").has("api-key"))
                .forEach(secret -> facts.put(
                        "API_KEY",
                        new String(
                                Base64.getDecoder()
                                        .decode(secret.path("data")
                                                .path("api-key")
                                                .asText()),
                                StandardCharsets.UTF_8)));
        List<String> volumes = new ArrayList<>();
        pods.forEach(pod -> pod.path("spec").path("volumes").forEach(v -> {
            if (v.has("emptyDir")) {
                volumes.add(v.path("name").asText());
            }
        }));
        facts.put("EMPTY_DIRS", String.join(" ", volumes));
        facts.put("CLAIMS", String.join(" ", claims.stream().map(KubePlay::name).toList()));
        facts.put("SECRETS", String.join(" ", secrets.keySet()));
        return new Result(configMaps, claims, pods, secrets, probes, facts);
    }

    /**
     * podman refuses StatefulSets and runs a Deployment as one pod whatever its replicas: the workload becomes the Pod
     * its controller would make, with the template's labels, annotations and spec as rendered. One replica each: the
     * host ports below can be bound once.
     */
    private static ObjectNode pod(ObjectNode workload, List<ObjectNode> services) {
        ObjectNode template = (ObjectNode) workload.path("spec").path("template");
        ObjectNode pod = JsonNodeFactory.instance.objectNode();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode metadata = template.path("metadata").deepCopy();
        metadata.put("name", serviceSelecting(metadata.path("labels"), services, name(workload)));
        // podman 4.3 checks annotation values against the 63-character limit of label values and refuses the pod; the
        // chart's `checksum/*` annotations (64 hex digits) only tell a controller to roll the pods when a ConfigMap or
        // Secret changes, which a pod played once never needs.
        if (metadata.path("annotations") instanceof ObjectNode annotations) {
            annotations.properties().removeIf(a -> a.getKey().startsWith("checksum/"));
        }
        pod.set("metadata", metadata);
        pod.set("spec", template.path("spec").deepCopy());
        return pod;
    }

    /** The name of the (non-headless) Service whose selector matches these labels; else the workload's name. */
    private static String serviceSelecting(JsonNode labels, List<ObjectNode> services, String fallback) {
        for (ObjectNode service : services) {
            JsonNode selector = service.path("spec").path("selector");
            boolean headless = service.path("spec").path("clusterIP").asText().equals("None");
            boolean matches = !selector.isEmpty();
            for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                matches &= labels.path(label.getKey())
                        .asText()
                        .equals(label.getValue().asText());
            }
            if (matches && !headless) {
                return name(service);
            }
        }
        return fallback;
    }

    /**
     * A StatefulSet's volumeClaimTemplates become the claims its controller would make for pod 0
     * ("TEMPLATE-STATEFULSET-0"), and the pod mounts them by name; podman backs a claim with a named volume that
     * outlives the pod, as a PersistentVolume does.
     */
    private static List<ObjectNode> claims(ObjectNode statefulSet, ObjectNode pod) {
        List<ObjectNode> claims = new ArrayList<>();
        for (JsonNode template : statefulSet.path("spec").path("volumeClaimTemplates")) {
            String claimName = name(template) + "-" + name(statefulSet) + "-0";
            ObjectNode claim = JsonNodeFactory.instance.objectNode();
            claim.put("apiVersion", "v1");
            claim.put("kind", "PersistentVolumeClaim");
            ObjectNode metadata = template.path("metadata").deepCopy();
            metadata.put("name", claimName);
            claim.set("metadata", metadata);
            claim.set("spec", template.path("spec").deepCopy());
            claims.add(claim);
            ObjectNode volume =
                    ((ObjectNode) pod.path("spec")).withArrayProperty("volumes").addObject();
            volume.put("name", name(template));
            volume.putObject("persistentVolumeClaim").put("claimName", claimName);
        }
        return claims;
    }

    /**
     * Every container port is also published on 127.0.0.1 (host port = {@link #HOST_PORT_OFFSET} + port), so that the
     * test reaches the pods as a Service would be reached, without a cluster network.
     */
    private static void hostPorts(ObjectNode pod, Map<String, String> facts) {
        for (JsonNode container : pod.path("spec").path("containers")) {
            for (JsonNode port : container.path("ports")) {
                int hostPort = HOST_PORT_OFFSET + port.path("containerPort").asInt();
                ((ObjectNode) port).put("hostPort", hostPort);
                ((ObjectNode) port).put("hostIP", "127.0.0.1");
                facts.put(variable(name(pod) + "-" + port.path("name").asText()) + "_PORT", Integer.toString(hostPort));
            }
        }
    }

    /**
     * podman mounts a Secret volume only with `optional: false` written out; false is Kubernetes' default, so this
     * states what the chart already means.
     */
    private static void secretVolumesRequired(ObjectNode pod) {
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            if (volume.has("secret") && !volume.path("secret").has("optional")) {
                ((ObjectNode) volume.path("secret")).put("optional", false);
            }
        }
    }

    /**
     * podman 4.3 reads a Secret two ways: for `env.valueFrom.secretKeyRef` as a flat JSON map of key to base64 value,
     * for a `secret` volume as a Secret object (`{"data": {...}}`). Each of the chart's Secrets is written in the form
     * its readers need (the chart reads none both ways).
     */
    private static Map<String, ObjectNode> secretsAsPodmanReadsThem(List<ObjectNode> rendered, List<ObjectNode> pods) {
        Map<String, List<JsonNode>> mounts = new LinkedHashMap<>();
        List<String> inEnv = new ArrayList<>();
        for (ObjectNode pod : pods) {
            pod.findValues("secret")
                    .forEach(v -> mounts.computeIfAbsent(v.path("secretName").asText(), n -> new ArrayList<>())
                            .add(v));
            pod.findValues("secretKeyRef").forEach(r -> inEnv.add(r.path("name").asText()));
        }
        Map<String, ObjectNode> secrets = new LinkedHashMap<>();
        for (ObjectNode secret : rendered) {
            String name = name(secret);
            List<JsonNode> volumes = mounts.get(name);
            if (volumes != null && inEnv.contains(name)) {
                throw new IllegalStateException("Secret " + name + " is both mounted and read into env: podman 4.3 "
                        + "reads these two ways from two different formats");
            }
            if (volumes == null) {
                secrets.put(name, secret.path("data").deepCopy());
                continue;
            }
            if (volumes.size() > 1) {
                throw new IllegalStateException(
                        "Secret " + name + " is mounted twice: KubePlay writes one file set per Secret");
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            object.put("apiVersion", "v1").put("kind", "Secret");
            object.putObject("metadata").put("name", name);
            // podman 4.3 writes a volume's `data` values into the files verbatim, where Kubernetes decodes their
            // base64 (and podman ignores `stringData`): the values go in decoded. It also writes every key, ignoring
            // the volume's `items`: only the items' keys go in, under their paths, which is what Kubernetes mounts.
            ObjectNode files = object.putObject("data");
            JsonNode items = volumes.get(0).path("items");
            Map<String, String> paths = new LinkedHashMap<>();
            if (items.isEmpty()) {
                secret.path("data").properties().forEach(e -> paths.put(e.getKey(), e.getKey()));
            } else {
                items.forEach(item ->
                        paths.put(item.path("key").asText(), item.path("path").asText()));
            }
            paths.forEach((key, path) -> files.put(
                    path,
                    new String(
                            Base64.getDecoder()
                                    .decode(secret.path("data").path(key).asText()),
                            StandardCharsets.UTF_8)));
            secrets.put(name, object);
        }
        return secrets;
    }

    /**
     * podman 4.3 makes an emptyDir a named volume called as the pod's volume, so the gateway's "tmp" and the broker's
     * "tmp" would be one folder shared by every pod, kept after them. Each is named "POD-VOLUME" (in the volume and
     * its mounts), which makes it the pod's own, as in Kubernetes; the script removes them by those names.
     */
    private static void emptyDirsOfThisPod(ObjectNode pod) {
        List<String> emptyDirs = new ArrayList<>();
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            if (volume.has("emptyDir")) {
                emptyDirs.add(volume.path("name").asText());
                ((ObjectNode) volume)
                        .put("name", name(pod) + "-" + volume.path("name").asText());
            }
        }
        for (String containers : List.of("initContainers", "containers")) {
            for (JsonNode container : pod.path("spec").path(containers)) {
                for (JsonNode mount : container.path("volumeMounts")) {
                    if (emptyDirs.contains(mount.path("name").asText())) {
                        ((ObjectNode) mount)
                                .put(
                                        "name",
                                        name(pod) + "-" + mount.path("name").asText());
                    }
                }
            }
        }
    }

    /**
     * Kubernetes runs the init containers of a `restartPolicy: Always` pod as OnFailure: once to success. podman 4.3
     * applies the pod's policy to them too, restarting the broker's init container for ever after it succeeded. A pod
     * with init containers therefore gets `restartPolicy: OnFailure`: its init containers run as in Kubernetes, and
     * its containers are still restarted when they fail (the broker exits non-zero on OutOfMemoryError), not after a
     * clean exit.
     */
    private static void initContainersRunOnce(ObjectNode pod) {
        if (!pod.path("spec").path("initContainers").isEmpty()) {
            ((ObjectNode) pod.path("spec")).put("restartPolicy", "OnFailure");
            // podman's default for kube play ("once") deletes an init container when it has run; "always" runs it at
            // every start of the pod, as Kubernetes does, and keeps it for `podman inspect` to check its settings.
            ((ObjectNode) pod.path("metadata"))
                    .withObjectProperty("annotations")
                    .put("io.podman.annotations.init.container.type", "always");
        }
    }

    /** The probes of every container, with named ports resolved (the kubelet's view). */
    private static List<Probe> probes(ObjectNode pod) {
        List<Probe> probes = new ArrayList<>();
        for (JsonNode container : pod.path("spec").path("containers")) {
            for (String kind : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                JsonNode probe = container.path(kind);
                if (probe.isMissingNode()) {
                    continue;
                }
                JsonNode get = probe.path("httpGet");
                if (get.isMissingNode()) {
                    throw new IllegalStateException(
                            name(pod) + "/" + container.path("name").asText() + " " + kind
                                    + " is not an httpGet probe: teach KubePlay to run it");
                }
                probes.add(new Probe(
                        name(pod),
                        container.path("name").asText(),
                        kind,
                        port(container, get.path("port")),
                        get.path("path").asText("/"),
                        probe.path("periodSeconds").asInt(10),
                        probe.path("failureThreshold").asInt(3)));
            }
        }
        return probes;
    }

    private static int port(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode named : container.path("ports")) {
            if (named.path("name").asText().equals(port.asText())) {
                return named.path("containerPort").asInt();
            }
        }
        throw new IllegalStateException("no port named " + port.asText() + " in "
                + container.path("name").asText());
    }

    /** A Kubernetes memory quantity in bytes: "1Gi" -> 1073741824 (the suffixes the chart uses, and plain bytes). */
    static long bytes(String quantity) {
        Map<String, Long> suffixes =
                Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "K", 1000L, "M", 1000_000L, "G", 1000_000_000L);
        for (Map.Entry<String, Long> suffix : suffixes.entrySet()) {
            if (quantity.endsWith(suffix.getKey())
                    && Character.isDigit(
                            quantity.charAt(quantity.length() - suffix.getKey().length() - 1))) {
                return Long.parseLong(quantity.substring(
                                0, quantity.length() - suffix.getKey().length()))
                        * suffix.getValue();
            }
        }
        return Long.parseLong(quantity);
    }

    /** "mqtt-platform-web-ui" -> "MQTT_PLATFORM_WEB_UI". */
    private static String variable(String name) {
        return name.toUpperCase().replace('-', '_');
    }

    private static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }
}
