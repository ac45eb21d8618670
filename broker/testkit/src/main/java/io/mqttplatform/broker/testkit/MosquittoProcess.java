package io.mqttplatform.broker.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Debian mosquitto broker for compatibility tests: {@code /usr/sbin/mosquitto} with a generated config on a
 * free loopback port, anonymous clients allowed, its log in {@code target/broker-logs/}. It keeps the user it was
 * started as ({@code user} set to ours): mosquitto started as root otherwise drops to the {@code mosquitto} user, who
 * cannot read certificates under a checkout in a private folder.
 */
public final class MosquittoProcess implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    public final int port;
    private final Path log;

    private MosquittoProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** What mosquitto logged so far (its connection lines name each client's protocol: p1 is MQTT 3.1, p2 3.1.1). */
    public List<String> log() throws IOException {
        return Files.readAllLines(log);
    }

    /**
     * Starts mosquitto on a free port with these extra configuration lines (e.g. {@code sys_interval 1}, or a
     * bridge) and waits until it accepts connections.
     */
    public static MosquittoProcess start(String name, List<String> extraConfig) throws IOException {
        return start(name, BrokerProcess.freePort(), extraConfig);
    }

    /** The same on a given port: to start a mosquitto again where its clients (or a bridge) expect it. */
    public static MosquittoProcess start(String name, int port, List<String> extraConfig) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(
                    BINARY + " is missing: 'make test' installs it, or run " + "'apt-get install -y mosquitto'");
        }
        Path dir = Files.createDirectories(Path.of("target", "broker-logs"));
        Path config = dir.resolve("mosquitto-" + name + "-" + port + "-" + System.nanoTime() + ".conf");
        Files.write(
                config,
                concat(
                        List.of(
                                "listener " + port + " 127.0.0.1",
                                "allow_anonymous true",
                                "persistence false",
                                "user " + System.getProperty("user.name")),
                        extraConfig));
        Path log = dir.resolve("mosquitto-" + name + "-" + port + "-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MosquittoProcess mosquitto = new MosquittoProcess(process, port, log);
        await("mosquitto '" + name + "' listening on " + port)
                .atMost(Duration.ofSeconds(15))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "mosquitto exited with " + process.exitValue() + "; see " + dir);
                    }
                    return accepts(port);
                });
        return mosquitto;
    }

    /** Stops mosquitto (SIGTERM) and waits for it. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
