package io.mqttplatform.broker.embedded;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The container image and the embedded launcher run the same HiveMQ CE version and the same files. */
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of(System.getProperty("broker.dir", ".."), "Dockerfile");

    @Test
    void dockerfile_buildsOnTheHiveMqVersionOfTheParentPom() throws IOException {
        List<String> from = Files.readAllLines(DOCKERFILE).stream()
                .filter(line -> line.startsWith("FROM "))
                .toList();

        assertThat(from).containsExactly("FROM hivemq/hivemq-ce:" + System.getProperty("hivemq-ce.version"));
    }

    @Test
    void dockerfile_copiesTheSameConfigAndTheExtensionFolderTheBuildProduces() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);

        assertThat(dockerfile)
                .contains("COPY --chown=10000:0 conf/config.xml /opt/hivemq/conf/config.xml")
                .contains("COPY --chown=10000:0 conf-tls/config.xml /opt/hivemq/conf-tls/config.xml")
                .contains(
                        "extension/target/mqtt-platform-sys/mqtt-platform-sys /opt/hivemq/extensions/mqtt-platform-sys");
        assertThat(DOCKERFILE.resolveSibling("conf/config.xml")).exists();
    }
}
