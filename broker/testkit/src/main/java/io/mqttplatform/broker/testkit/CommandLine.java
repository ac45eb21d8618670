package io.mqttplatform.broker.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Runs a real command-line client (mosquitto_pub, mosquitto_sub, python3) with a time limit. */
public final class CommandLine {

    public record Result(int exitCode, String output) {}

    /** Fails with what to install when a Debian client that the test relies on is missing. */
    public static void require(String binary, String debianPackage) {
        boolean present = List.of("/usr/bin", "/usr/local/bin", "/bin").stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, binary)));
        if (!present) {
            throw new IllegalStateException(binary + " is missing: 'make test' installs it, or run "
                    + "'apt-get install -y " + debianPackage + "'");
        }
    }

    public static Process start(String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    public static Result finish(Process process, Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return new Result(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    public static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return finish(start(command), timeout);
    }

    /**
     * The lines {@code process} writes, as it writes them: a daemon thread called {@code threadName} reads them into
     * the list until the process ends.
     */
    public static List<String> lines(Process process, String threadName) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        in.lines().forEach(lines::add);
                    } catch (IOException | UncheckedIOException ended) {
                        // the process ended
                    }
                },
                threadName);
        pump.setDaemon(true);
        pump.start();
        return lines;
    }

    /** Sends the signal {@code name} ({@code STOP}, {@code CONT}, ...) to {@code process}; fails when kill does. */
    public static void signal(Process process, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    private CommandLine() {}
}
