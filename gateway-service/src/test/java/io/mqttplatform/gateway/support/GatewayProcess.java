package io.mqttplatform.gateway.support;

import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged gateway as a separate process on a free loopback port, started by {@code make run}'s own command
 * ({@code scripts/components.sh run_gateway}, which execs java: the process is the gateway's), as
 * {@code BrokerProcess} starts the broker.
 */
public final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output;
    public final URI base;

    private GatewayProcess(Process process, int port) {
        this.process = process;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.output = CommandLine.lines(process, "gateway-output");
    }

    /** Starts a gateway against the broker on this port and waits until it is connected to it and serves HTTP. */
    public static GatewayProcess start(int brokerPort, Map<String, String> extra) throws IOException {
        int port = BrokerProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        "-c",
                        "source \"$0\" && run_gateway",
                        BrokerProcess.components().toString())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("GATEWAY_") || key.equals("HEALTH_PORT"));
        env.putAll(Map.of(
                "GATEWAY_JAR",
                Path.of(System.getProperty("gateway.jar", "target/quarkus-app/quarkus-run.jar"))
                        .toAbsolutePath()
                        .toString(),
                "GATEWAY_HOST",
                "127.0.0.1",
                "GATEWAY_PORT",
                Integer.toString(port),
                "GATEWAY_BROKER_HOST",
                "127.0.0.1",
                "GATEWAY_BROKER_PORT",
                Integer.toString(brokerPort),
                // no operations API unless the test gives one (make run's default is the broker's health port)
                "GATEWAY_BROKER_ADMIN_URL",
                "",
                // the JDK the tests run on, not whichever java comes first on the PATH
                "PATH",
                Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + env.get("PATH")));
        env.putAll(extra);
        GatewayProcess gateway = new GatewayProcess(builder.start(), port);
        await("gateway connected to the broker and listening")
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    if (!gateway.process.isAlive()) {
                        throw new IllegalStateException("gateway exited:\n" + String.join("\n", gateway.output));
                    }
                    // connected to the broker and serving HTTP: the broker connection may come before the HTTP server
                    // is up
                    return gateway.output.stream().anyMatch(line -> line.contains("Connected to the broker"))
                            && gateway.output.stream().anyMatch(line -> line.contains("Listening on: http://"));
                });
        return gateway;
    }

    public List<String> output() {
        return output;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
