package io.mqttplatform.broker.testkit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A broker's TLS key for tests, made with the JDK's keytool: a PKCS12 keystore (alias {@code tls}) with a self-signed
 * EC certificate for {@code localhost} and 127.0.0.1, as cert-manager's keystore would hold, valid for two days.
 */
public final class TestKeystore {

    private TestKeystore() {}

    /** Writes {@code dir/NAME.p12}, its store and key protected by {@code password}. */
    public static Path create(Path dir, String name, String password) throws Exception {
        Path keystore = dir.resolve(name + ".p12");
        keytool(
                Duration.ofSeconds(60),
                "-genkeypair",
                "-alias",
                "tls",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password,
                "-keypass",
                password);
        return keystore;
    }

    /** Writes the keystore's certificate as PEM, for clients that are to trust it. */
    public static Path exportCertificate(Path keystore, String password, Path pem) throws Exception {
        keytool(
                Duration.ofSeconds(30),
                "-exportcert",
                "-rfc",
                "-alias",
                "tls",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password,
                "-file",
                pem.toString());
        return pem;
    }

    private static void keytool(Duration timeout, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        CommandLine.Result result = CommandLine.run(timeout, command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed:\n" + result.output());
        }
    }
}
