package io.mqttplatform.deployment;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a render produced, as Kubernetes objects: each YAML document is read into the fabric8 model class of its
 * apiVersion and kind, strictly: a field the Kubernetes API does not define (a typo, a wrong indentation) fails the read
 * with its path, as `kubectl apply --validate=strict` would. (The model classes normally keep unknown fields in a map;
 * here that map is switched off.)
 */
final class KubernetesObjects {

    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(
                        DeserializationConfig config, BeanDescription description, BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    builder.setIgnoreUnknownProperties(false);
                    return builder;
                }
            }));
    private static final YAMLMapper YAML = new YAMLMapper();

    private KubernetesObjects() {}

    /** One rendered object: its document as a tree, and as the typed Kubernetes object. */
    record Rendered(JsonNode tree, HasMetadata object) {
        String kind() {
            return object.getKind();
        }

        String name() {
            return object.getMetadata().getName();
        }

        @Override
        public String toString() {
            return kind() + "/" + name();
        }
    }

    static List<Rendered> parse(String manifests) throws IOException {
        List<Rendered> objects = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            JsonNode tree = YAML.readTree(document);
            if (tree == null || tree.isMissingNode() || tree.isNull() || tree.isEmpty()) {
                continue;
            }
            String where = tree.path("kind").asText() + "/"
                    + tree.path("metadata").path("name").asText();
            KubernetesResource resource;
            try {
                resource = STRICT.treeToValue(tree, KubernetesResource.class);
            } catch (IOException e) {
                throw new AssertionError(where + " is not a valid Kubernetes object: " + e.getMessage(), e);
            }
            if (!(resource instanceof HasMetadata object)
                    || !object.getKind().equals(tree.path("kind").asText())) {
                throw new AssertionError(where + " (" + tree.path("apiVersion").asText()
                        + ") is not a kind this check knows: " + resource);
            }
            objects.add(new Rendered(tree, object));
        }
        return objects;
    }
}
