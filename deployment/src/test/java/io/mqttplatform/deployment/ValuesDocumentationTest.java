package io.mqttplatform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every value of values.yaml is documented with `## @param` and described by values.schema.json, and nothing else is. */
class ValuesDocumentationTest {

    /** Values that are maps of free keys (labels, annotations, resources...): documented as a whole. */
    private static final Set<String> FREE_MAPS =
            Set.of("commonLabels", "annotations", "podAnnotations", "nodeSelector", "affinity", "labels", "resources");

    private static final Pattern PARAM = Pattern.compile("^\\s*## @param (\\S+) (.+)$", Pattern.MULTILINE);

    @Test
    void everyValue_hasAParamLine_andEveryParamLine_namesAValue() throws Exception {
        String text = Files.readString(Render.CHART.dir().resolve("values.yaml"));
        Set<String> documented = new HashSet<>();
        Matcher param = PARAM.matcher(text);
        while (param.find()) {
            assertThat(param.group(2)).as(param.group(1)).hasSizeGreaterThan(10);
            documented.add(param.group(1));
        }
        List<String> values = leaves(new YAMLMapper().readTree(text), "");

        assertThat(documented).containsExactlyInAnyOrderElementsOf(values);
    }

    @Test
    void everyValue_isInTheSchema_withADescription_andTheSchemaRefusesUnknownKeys() throws Exception {
        JsonNode values = new YAMLMapper()
                .readTree(Render.CHART.dir().resolve("values.yaml").toFile());
        JsonNode schema = new ObjectMapper()
                .readTree(Render.CHART.dir().resolve("values.schema.json").toFile());

        for (String path : leaves(values, "")) {
            JsonNode node = schema;
            for (String part : path.split("\\.")) {
                assertThat(node.path("additionalProperties").asBoolean(true))
                        .as("schema of " + path + " refuses unknown keys")
                        .isFalse();
                node = node.path("properties").path(part);
            }
            assertThat(node.path("description").asText())
                    .as("schema description of " + path)
                    .isNotBlank();
            assertThat(node.has("type") || node.has("enum"))
                    .as("schema type of " + path)
                    .isTrue();
        }
    }

    private static List<String> leaves(JsonNode node, String path) {
        List<String> leaves = new ArrayList<>();
        String last = path.substring(path.lastIndexOf('.') + 1);
        if (node.isObject() && !node.isEmpty() && !FREE_MAPS.contains(last)) {
            node.fields()
                    .forEachRemaining(f ->
                            leaves.addAll(leaves(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey())));
        } else {
            leaves.add(path);
        }
        return leaves;
    }
}
