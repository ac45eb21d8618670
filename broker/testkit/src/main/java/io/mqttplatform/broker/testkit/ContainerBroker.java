package io.mqttplatform.broker.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.HashMap;
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

    /**
     * Starts the image with these extra variables (e.g. SYS_INTERVAL) and waits until the broker says it is ready, as
     * the chart's readiness probe and compose's health check do: after its start-up warm-up, which keeps both cores
     * busy (a test that began at HiveMQ's own "Started" line ran beside it, and a retained read through the gateway
     * found nothing in its quiet period). The warm-up is the tests' short one
     * ({@link BrokerProcess#TEST_WARMUP_SECONDS}), unless the variables set BROKER_WARMUP_SECONDS.
     */
    public static ContainerBroker start(Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(Map.of("BROKER_WARMUP_SECONDS", BrokerProcess.TEST_WARMUP_SECONDS));
        all.putAll(variables);
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withImagePullPolicy(image -> false)
                .withEnv(all)
                .withExposedPorts(1883, 8000)
                .waitingFor(
                        Wait.forLogMessage(".*Broker health: ready .*", 1).withStartupTimeout(Duration.ofSeconds(120)));
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
