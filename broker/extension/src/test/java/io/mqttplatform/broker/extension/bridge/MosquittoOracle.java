package io.mqttplatform.broker.extension.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto 2.0 as the judge of a configuration: it starts with the lines (after a listener of its own on a
 * port the kernel picks) or exits with an error. `make test` installs it.
 */
final class MosquittoOracle {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    record Verdict(boolean accepted, String output) {}

    static Verdict check(Path dir, String bridgeLines) throws IOException, InterruptedException {
        if (!Files.isExecutable(MOSQUITTO)) {
            throw new IllegalStateException(
                    "mosquitto is missing: 'make test' installs it, or apt-get install mosquitto");
        }
        Path config = Files.writeString(
                dir.resolve("mosquitto.conf"),
                "listener 0 127.0.0.1\nuser " + System.getProperty("user.name") + "\n" + bridgeLines + "\n");
        Process mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        try {
            // a refused configuration ends mosquitto at once; an accepted one keeps it running
            boolean ended = mosquitto.waitFor(3, TimeUnit.SECONDS);
            String output = Files.readString(dir.resolve("mosquitto.log"), StandardCharsets.UTF_8);
            return new Verdict(!ended || mosquitto.exitValue() == 0 && output.contains("running"), output);
        } finally {
            mosquitto.destroy();
            if (!mosquitto.waitFor(5, TimeUnit.SECONDS)) {
                mosquitto.destroyForcibly().waitFor();
            }
        }
    }

    private MosquittoOracle() {}
}
