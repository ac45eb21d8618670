package io.mqttplatform.broker.testkit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The real broker as users run it, for the tests of every module: started by {@code make run}'s own command
 * ({@code scripts/components.sh run_broker}, {@code java -jar mqtt-broker.jar} with a 256 MB heap here) in its own
 * process, on free loopback ports, with its output kept for assertions and written to {@code target/broker-logs/}.
 */
public final class BrokerProcess implements AutoCloseable {

    /**
     * BROKER_WARMUP_SECONDS for the brokers tests start, here and in {@link ContainerBroker}: a short start-up warm-up
     * that every test goes through (and the $SYS counters must not show), without the 20 s of the default.
     */
    static final String TEST_WARMUP_SECONDS = "1";

    private static final Path JAR = locateJar();
    /** scripts/components.sh, above the working folder. */
    private static final Path COMPONENTS = locateComponents();

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    public final int mqttPort;
    public final int websocketPort;
    /** The health endpoints' port ({@code HEALTH_PORT}), -1 when the test set it itself. */
    public final int healthPort;

    public final Path dataDir;

    private BrokerProcess(Process process, int mqttPort, int websocketPort, int healthPort, Path dataDir, String name) {
        this.process = process;
        this.mqttPort = mqttPort;
        this.websocketPort = websocketPort;
        this.healthPort = healthPort;
        this.dataDir = dataDir;
        Path log = Path.of("target", "broker-logs", name + "-" + System.currentTimeMillis() + ".log");
        Thread pump = new Thread(() -> pump(log), "broker-output-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts a broker with these extra variables and waits until it says it is ready. */
    public static BrokerProcess start(String name, Path dataDir, Map<String, String> variables) throws IOException {
        BrokerProcess broker = launch(name, dataDir, variables);
        await("broker '" + name + "' ready").atMost(Duration.ofSeconds(60)).until(() -> {
            if (!broker.process.isAlive()) {
                throw new IllegalStateException(
                        "broker exited with " + broker.process.exitValue() + ":\n" + String.join("\n", broker.output));
            }
            return broker.output.stream().anyMatch(line -> line.startsWith("MQTT broker ready"));
        });
        return broker;
    }

    /** Starts a broker without waiting, for tests of start-up failures. */
    public static BrokerProcess launch(String name, Path dataDir, Map<String, String> variables) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run 'mvn package' first");
        }
        int[] ports = freePorts(3);
        int mqttPort = variables.containsKey("MQTT_PORT") ? -1 : ports[0];
        int websocketPort = ports[1];
        // make run's own command (scripts/components.sh run_broker, which execs java: the process is the broker's), in
        // the test's working folder, so that relative paths in the variables mean what they meant to the test
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "source \"$0\" && run_broker", COMPONENTS.toString())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet()
                .removeIf(key -> key.startsWith("SYS_")
                        || key.startsWith("MQTT_")
                        || key.startsWith("BROKER_")
                        || key.startsWith("HEALTH_"));
        Map<String, String> all = new HashMap<>();
        all.put("MQTT_BIND_ADDRESS", "127.0.0.1");
        all.put("MQTT_PORT", Integer.toString(mqttPort));
        all.put("MQTT_WS_PORT", Integer.toString(websocketPort));
        all.put("HEALTH_PORT", Integer.toString(ports[2]));
        all.put("HEALTH_BIND_ADDRESS", "127.0.0.1");
        all.put("BROKER_DATA_DIR", dataDir.toString());
        all.put("BROKER_WARMUP_SECONDS", TEST_WARMUP_SECONDS);
        all.put("BROKER_JAR", JAR.toAbsolutePath().toString());
        all.put("BROKER_JAVA_OPTS", "-Xmx256m");
        // the JDK the tests run on, not whichever java comes first on the PATH
        all.put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + env.get("PATH"));
        all.putAll(variables);
        env.putAll(all);
        return new BrokerProcess(
                builder.start(),
                parsePort(all.get("MQTT_PORT")),
                websocketPort,
                parsePort(all.get("HEALTH_PORT")),
                dataDir,
                name);
    }

    /** A blocking MQTT 5 client of this broker, not yet connected. */
    public Mqtt5BlockingClient client5(String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(mqttPort)
                .buildBlocking();
    }

    /** A blocking MQTT 3.1.1 client of this broker, not yet connected. */
    public Mqtt3BlockingClient client3(String id) {
        return MqttClient.builder()
                .useMqttVersion3()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(mqttPort)
                .buildBlocking();
    }

    public List<String> output() {
        return output;
    }

    /** Waits for the process to end by itself; returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("broker still running after " + timeout);
        }
        return process.exitValue();
    }

    /** Stops the broker like Ctrl-C or {@code docker stop} (SIGTERM) and waits for it. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The broker's operating-system process id, e.g. to read its memory. */
    public long pid() {
        return process.pid();
    }

    /** Freezes the broker (SIGSTOP): its process and open ports stay, but it serves nothing, like a hung JVM. */
    public void suspend() throws IOException, InterruptedException {
        CommandLine.signal(process, "STOP");
    }

    /** Lets a suspended broker run again (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        CommandLine.signal(process, "CONT");
    }

    /** Kills the broker without warning (SIGKILL), like a crash or an OOM kill. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    public static int freePort() throws IOException {
        return freePorts(1)[0];
    }

    /**
     * Distinct loopback ports nothing listens on now. All are held open until the last is found: ports asked for one by
     * one may come back twice, as the system may hand out a port again as soon as it is closed.
     */
    public static int[] freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static int parsePort(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            return -1; // a deliberately bad value, for tests of start-up failures
        }
    }

    private void pump(Path log) {
        try {
            Files.createDirectories(log.getParent());
            try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter file = new PrintWriter(Files.newBufferedWriter(log), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    file.println(line);
                }
            }
        } catch (IOException e) {
            output.add("(output lost: " + e + ")");
        }
    }

    /** The {@code broker.jar} system property, else broker/embedded/target/mqtt-broker.jar above the working folder. */
    private static Path locateJar() {
        String configured = System.getProperty("broker.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("broker/embedded/target/mqtt-broker.jar");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of("broker/embedded/target/mqtt-broker.jar");
    }

    /**
     * {@code scripts/components.sh}: how {@code make run} starts each component, for the tests that start the others
     * the same way.
     */
    public static Path components() {
        return COMPONENTS;
    }

    private static Path locateComponents() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/components.sh"))) {
                return dir.resolve("scripts/components.sh");
            }
        }
        throw new IllegalStateException(
                "no scripts/components.sh above " + Path.of("").toAbsolutePath());
    }
}
