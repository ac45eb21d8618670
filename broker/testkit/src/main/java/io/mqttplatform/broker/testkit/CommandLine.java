package io.mqttplatform.broker.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private CommandLine() {}
}
