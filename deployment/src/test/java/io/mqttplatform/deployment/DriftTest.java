package io.mqttplatform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ContainerPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image names, ports and environment variable names agree between docker-compose.yml, the chart (every value set),
 * the Dockerfiles and the services' own configuration (the variable table of each module's README, which is what each
 * service reads, and its defaults).
 */
class DriftTest {

    /** One deployable part: its compose service, chart workload, source folder and ports. */
    enum Component {
        BROKER("broker", "StatefulSet/mqtt-platform-broker", "broker", List.of(1883, 8000, 8889)),
        GATEWAY("gateway-service", "Deployment/mqtt-platform-gateway", "gateway-service", List.of(8080)),
        SYS_METRICS(
                "sys-metrics-service", "Deployment/mqtt-platform-sys-metrics", "sys-metrics-service", List.of(8081)),
        WEB_UI("web-ui", "Deployment/mqtt-platform-web-ui", "web-ui", List.of(8088));

        final String composeService;
        final String workload;
        final Path folder;
        final List<Integer> ports;

        Component(String composeService, String workload, String folder, List<Integer> ports) {
            this.composeService = composeService;
            this.workload = workload;
            this.folder = Render.REPOSITORY.resolve(folder);
            this.ports = ports;
        }
    }

    private static final Pattern VARIABLE_ROW =
            Pattern.compile("^\\| ((?:`[A-Z][A-Z0-9_]+`(?: / )?)+) \\|", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]+)`");
    private static final Pattern ENV = Pattern.compile("^(?:ENV|    ) *([A-Z][A-Z0-9_]+)=", Pattern.MULTILINE);

    @ParameterizedTest
    @EnumSource(Component.class)
    void image_isTheSameInComposeTheChartAndTheDockerfilesBuildCommand(Component component) throws Exception {
        String chartImage = Render.defaults().container(component.workload).getImage();
        String composeImage =
                Compose.service(component.composeService).path("image").asText();

        assertThat(composeImage)
                .isEqualTo(chartImage)
                .startsWith("mqtt-platform/")
                .endsWith(":" + appVersion());
        assertThat(Path.of(Compose.service(component.composeService)
                        .path("build")
                        .path("context")
                        .asText()))
                .isEqualTo(component.folder);
        assertThat(Files.readString(component.folder.resolve("Dockerfile"))).contains("-t " + composeImage + " ");
    }

    @ParameterizedTest
    @EnumSource(Component.class)
    void ports_areTheSameInComposeTheChartTheDockerfileAndTheServicesDefaults(Component component) throws Exception {
        List<Integer> chartPorts = Render.defaults().container(component.workload).getPorts().stream()
                .map(ContainerPort::getContainerPort)
                .toList();
        String dockerfile = Files.readString(component.folder.resolve("Dockerfile"));
        Matcher expose = Pattern.compile("^EXPOSE (.+)$", Pattern.MULTILINE).matcher(dockerfile);
        assertThat(expose.find()).isTrue();
        List<Integer> exposed = List.of(expose.group(1).trim().split("\\s+")).stream()
                .map(Integer::parseInt)
                .toList();

        assertThat(chartPorts).isEqualTo(component.ports);
        assertThat(Compose.ports(component.composeService).values()).containsExactlyElementsOf(component.ports);
        assertThat(exposed).containsAll(component.ports);
        String readme = Files.readString(component.folder.resolve("README.md"));
        for (Integer port : component.ports) {
            assertThat(readme).as(component + " README default").contains("| `" + port + "` |");
        }
    }

    @ParameterizedTest
    @EnumSource(Component.class)
    void environmentVariables_setByComposeOrTheChart_areOnesTheServiceReads(Component component) throws Exception {
        Set<String> known = knownVariables(component);
        assertThat(envInDockerfile(component))
                .as("Dockerfile ENV documented in the README")
                .isSubsetOf(known);

        assertThat(Compose.environmentNames(component.composeService))
                .as("compose")
                .isNotEmpty()
                .isSubsetOf(known);
        List<Render> renders = new ArrayList<>(List.of(Render.defaults()));
        for (String valueSet :
                ChartTest.valueSets().filter(v -> !v.equals("default")).toList()) {
            renders.add(Render.ci(valueSet));
        }
        for (Render render : renders) {
            if (render.podTemplates().containsKey(component.workload)) {
                assertThat(render.env(component.workload).keySet())
                        .as("chart")
                        .isNotEmpty()
                        .isSubsetOf(known);
            }
        }
    }

    @Test
    void chartAppVersion_isTheProjectVersion() throws Exception {
        String pom = Files.readString(Render.REPOSITORY.resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>mqtt-platform-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(version.find()).isTrue();

        assertThat(version.group(1).replace("-SNAPSHOT", "")).isEqualTo(appVersion());
    }

    private static String appVersion() throws IOException {
        JsonNode chart = new YAMLMapper()
                .readTree(Render.CHART.dir().resolve("Chart.yaml").toFile());
        return chart.path("appVersion").asText();
    }

    /** The variables of the module README's configuration table. */
    private static Set<String> knownVariables(Component component) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Matcher row = VARIABLE_ROW.matcher(Files.readString(component.folder.resolve("README.md")));
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        assertThat(names).as(component + " README variables").hasSizeGreaterThan(2);
        return names;
    }

    private static Set<String> envInDockerfile(Component component) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        String dockerfile = Files.readString(component.folder.resolve("Dockerfile"));
        // only the final stage's ENV lines (web-ui builds in a Node stage first)
        Matcher env = ENV.matcher(dockerfile.substring(dockerfile.lastIndexOf("\nFROM ")));
        while (env.find()) {
            names.add(env.group(1));
        }
        names.remove("LANG"); // the operating system's, for the JVM's default charset
        assertThat(names).as(component + " Dockerfile ENV").isNotEmpty();
        return names;
    }
}
