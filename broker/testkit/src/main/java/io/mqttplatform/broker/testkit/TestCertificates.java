package io.mqttplatform.broker.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * PEM files for a TLS listener of mosquitto, made with openssl for a test: a CA ({@code ca.pem}) and a certificate for
 * {@code localhost} signed by it ({@code server.pem}, key {@code server.key}), readable by the {@code mosquitto} user.
 *
 * @param ca         the CA certificate clients trust
 * @param serverCert the server's certificate, for mosquitto's {@code certfile}
 * @param serverKey  its key, for mosquitto's {@code keyfile}
 */
public record TestCertificates(Path ca, Path serverCert, Path serverKey) {

    /** Makes them in {@code dir} (the CA's subject names {@code what}). */
    public static TestCertificates create(Path dir, String what) throws Exception {
        CommandLine.require("openssl", "openssl");
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
                "/CN=" + what + " test CA");
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
        return new TestCertificates(
                dir.resolve("ca.pem").toAbsolutePath(),
                dir.resolve("server.pem").toAbsolutePath(),
                dir.resolve("server.key").toAbsolutePath());
    }

    /** mosquitto's listener lines for these files. */
    public List<String> mosquittoListenerLines() {
        return List.of("cafile " + ca, "certfile " + serverCert, "keyfile " + serverKey);
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
