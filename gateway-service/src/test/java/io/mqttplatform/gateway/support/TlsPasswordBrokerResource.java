package io.mqttplatform.gateway.support;

import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.broker.testkit.RestartableBroker;
import io.mqttplatform.broker.testkit.TestKeystore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Our broker as the chart runs it when secured: its TLS listener (conf-tls, a certificate for localhost), a
 * password file written by Debian's mosquitto_passwd, no anonymous clients, and an ACL that lets the gateway's user
 * write only {@code lab/#}. The gateway is pointed at the TLS port only, trusting the certificate and checking the
 * host name; {@code observer} may read everything, over the plain listener. Tests may restart it.
 */
public class TlsPasswordBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final String OBSERVER = "observer";
    public static final String OBSERVER_PASSWORD = "observer pw";
    private static final String STORE_PASSWORD = "gateway-tls-test";
    private static RestartableBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            CommandLine.require("mosquitto_passwd", "mosquitto");
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tls-broker-")
                    .toAbsolutePath();
            Path keystore = TestKeystore.create(dir, "broker", STORE_PASSWORD);
            Path ca = TestKeystore.exportCertificate(keystore, STORE_PASSWORD, dir.resolve("broker.pem"));
            Path passwords = dir.resolve("passwd");
            run("mosquitto_passwd", "-c", "-b", passwords.toString(), "gateway", "gateway pw");
            run("mosquitto_passwd", "-b", passwords.toString(), OBSERVER, OBSERVER_PASSWORD);
            Path acl = Files.writeString(
                    dir.resolve("acl"), "user gateway\ntopic readwrite lab/#\n" + "user observer\ntopic read #\n");
            int tlsPort = BrokerProcess.freePort();
            broker = RestartableBroker.start(
                    "gateway-tls",
                    Map.of(
                            "MQTT_TLS_PORT", Integer.toString(tlsPort),
                            "MQTT_TLS_KEYSTORE", keystore.toString(),
                            "MQTT_TLS_KEYSTORE_PASSWORD", STORE_PASSWORD,
                            "ALLOW_ANONYMOUS", "false",
                            "PASSWORD_FILE", passwords.toString(),
                            "ACL_FILE", acl.toString()));
            return Map.of(
                    "gateway.broker.host",
                    "localhost",
                    "gateway.broker.port",
                    Integer.toString(tlsPort),
                    "gateway.broker.tls",
                    "true",
                    "gateway.broker.tls-ca-file",
                    ca.toString(),
                    "gateway.broker.tls-hostname-verification",
                    "HTTPS",
                    "gateway.broker.username",
                    "gateway",
                    "gateway.broker.password",
                    "gateway pw");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the TLS broker with passwords for the gateway tests", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The broker's plain listener, for observers. */
    public static int plainPort() {
        return broker.port();
    }

    /** Stops the broker and starts it again on the same ports and files, as a pod replaced in a cluster. */
    public static void restartBroker() throws Exception {
        broker.stop();
        broker.startAgain();
    }

    private static void run(String... command) throws Exception {
        CommandLine.Result result = CommandLine.run(Duration.ofSeconds(60), command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + result.output());
        }
    }
}
