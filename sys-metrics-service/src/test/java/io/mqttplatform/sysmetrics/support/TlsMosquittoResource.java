package io.mqttplatform.sysmetrics.support;

import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.broker.testkit.MosquittoProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's mosquitto with only a TLS listener (sys_interval 1), its certificate for {@code localhost} signed by a CA
 * made for the test with openssl; the service is told to trust that CA and to verify the host name.
 */
public class TlsMosquittoResource implements QuarkusTestResourceLifecycleManager {

    private MosquittoProcess mosquitto;

    @Override
    public Map<String, String> start() {
        try {
            CommandLine.require("openssl", "openssl");
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tls-");
            openssl(
                    dir,
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=sys-metrics test CA");
            openssl(
                    dir,
                    "req",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-keyout",
                    "server.key",
                    "-out",
                    "server.csr",
                    "-subj",
                    "/CN=localhost");
            Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
            openssl(
                    dir,
                    "x509",
                    "-req",
                    "-in",
                    "server.csr",
                    "-CA",
                    "ca.pem",
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-out",
                    "server.pem",
                    "-days",
                    "2",
                    "-extfile",
                    "san.ext");
            // mosquitto started as root reads its files as the 'mosquitto' user.
            for (String file : List.of("ca.pem", "server.pem", "server.key")) {
                Files.setPosixFilePermissions(dir.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            mosquitto = MosquittoProcess.start(
                    "tls",
                    List.of(
                            "cafile " + dir.resolve("ca.pem").toAbsolutePath(),
                            "certfile " + dir.resolve("server.pem").toAbsolutePath(),
                            "keyfile " + dir.resolve("server.key").toAbsolutePath(),
                            "sys_interval 1"));
            return Map.of(
                    "sys-metrics.broker.host",
                    "localhost",
                    "sys-metrics.broker.port",
                    Integer.toString(mosquitto.port),
                    "sys-metrics.broker.tls",
                    "true",
                    "sys-metrics.broker.tls-ca-file",
                    dir.resolve("ca.pem").toAbsolutePath().toString(),
                    "sys-metrics.broker.tls-hostname-verification",
                    "HTTPS");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start mosquitto with TLS for the sys-metrics tests", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (mosquitto != null) {
                mosquitto.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void openssl(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        CommandLine.Result result = CommandLine.finish(process, Duration.ofSeconds(60));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + result.output());
        }
    }
}
