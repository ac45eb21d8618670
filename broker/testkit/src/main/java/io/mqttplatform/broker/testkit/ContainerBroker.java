package io.mqttplatform.broker.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.Map;

/**
 * The platform's broker image (mqtt-platform/broker, built by `make images`) in a container, through Testcontainers,
 * for the *ContainerIT tests of the services: the same tests' clients, against the broker as it is shipped. Needs a
 * Docker-compatible engine (DOCKER_HOST; podman's socket here) and the image present locally: nothing is pulled.
 */
public final class ContainerBroker implements AutoCloseable {

    /** The image under test: -Dbroker.image, else the tag `make images` builds. */
    public static final String IMAGE = System.getProperty("broker.image", "mqtt-platform/broker:0.1.0");

    private final GenericContainer<?> container;

    private ContainerBroker(GenericContainer<?> container) {
        this.container = container;
    }

    /** Starts the image with these extra variables (e.g. SYS_INTERVAL) and waits until HiveMQ says it started. */
    public static ContainerBroker start(Map<String, String> variables) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withImagePullPolicy(image -> false)
                .withEnv(variables)
                .withExposedPorts(1883, 8000)
                .waitingFor(Wait.forLogMessage(".*Started HiveMQ in .*", 1).withStartupTimeout(Duration.ofSeconds(90)));
        container.start();
        return new ContainerBroker(container);
    }

    public String host() {
        return container.getHost();
    }

    /** The host port that reaches the container's MQTT port 1883. */
    public int mqttPort() {
        return container.getMappedPort(1883);
    }

    public String logs() {
        return container.getLogs();
    }

    @Override
    public void close() {
        container.stop();
    }
}
