package io.mqttplatform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mqttplatform.broker.testkit.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml as Debian's docker-compose reads it (`docker-compose config`: checked and normalised). */
final class Compose {

    static final Path FILE = Render.REPOSITORY.resolve("docker-compose.yml");

    private static JsonNode config;

    private Compose() {}

    static synchronized JsonNode config() throws Exception {
        if (config == null) {
            CommandLine.require("docker-compose", "docker-compose");
            CommandLine.Result result = CommandLine.run(
                    Duration.ofSeconds(60),
                    "docker-compose",
                    "--project-directory",
                    Render.REPOSITORY.toString(),
                    "-f",
                    FILE.toString(),
                    "config");
            assertThat(result.exitCode())
                    .as("docker-compose config:\n" + result.output())
                    .isZero();
            config = new YAMLMapper().readTree(result.output());
        }
        return config;
    }

    static JsonNode service(String name) throws Exception {
        JsonNode service = config().path("services").path(name);
        assertThat(service.isMissingNode()).as("compose service " + name).isFalse();
        return service;
    }

    /** The published ports of a service: host port to container port. */
    static Map<Integer, Integer> ports(String name) throws Exception {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (JsonNode port : service(name).path("ports")) {
            ports.put(port.path("published").asInt(), port.path("target").asInt());
        }
        return ports;
    }

    static List<String> environmentNames(String name) throws Exception {
        List<String> names = new ArrayList<>();
        service(name).path("environment").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
