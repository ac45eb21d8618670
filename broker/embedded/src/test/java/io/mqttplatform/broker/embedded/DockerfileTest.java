package io.mqttplatform.broker.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
                .contains("COPY --chown=10000:0 conf/config.xml conf/tls-listener.xml /opt/hivemq/conf/")
                .contains(
                        "extension/target/mqtt-platform-extension/mqtt-platform-extension /opt/hivemq/extensions/mqtt-platform-extension");
        assertThat(DOCKERFILE.resolveSibling("conf/config.xml")).exists();
    }

    /** The image's conf-tls/config.xml, made by the Dockerfile's own sed command here, is what the launcher makes. */
    @Test
    void dockerfile_composesTheTlsConfigAsTheLauncherDoes(@TempDir Path dir) throws Exception {
        Matcher sed =
                Pattern.compile("sed '([^']+)' /opt/hivemq/conf/config.xml").matcher(Files.readString(DOCKERFILE));
        assertThat(sed.find())
                .as("the Dockerfile composes conf-tls/config.xml with sed")
                .isTrue();
        Path conf = BrokerConfigTest.CONF.toAbsolutePath();
        String script = sed.group(1).replace("/opt/hivemq/conf/", conf + "/");

        Process process = new ProcessBuilder(
                        "sed", script, conf.resolve("config.xml").toString())
                .redirectOutput(dir.resolve("config.xml").toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(dir.resolve("config.xml")))
                .isEqualTo(BrokerConfig.withTlsListener(
                        Files.readString(conf.resolve("config.xml")),
                        Files.readString(conf.resolve("tls-listener.xml"))));
    }
}
