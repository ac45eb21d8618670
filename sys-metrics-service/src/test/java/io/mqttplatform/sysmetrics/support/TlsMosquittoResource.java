package io.mqttplatform.sysmetrics.support;

import io.mqttplatform.broker.testkit.MosquittoProcess;
import io.mqttplatform.broker.testkit.TestCertificates;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tls-");
            TestCertificates certificates = TestCertificates.create(dir, "sys-metrics");
            List<String> config = new ArrayList<>(certificates.mosquittoListenerLines());
            config.add("sys_interval 1");
            mosquitto = MosquittoProcess.start("tls", config);
            return Map.of(
                    "sys-metrics.broker.host",
                    "localhost",
                    "sys-metrics.broker.port",
                    Integer.toString(mosquitto.port),
                    "sys-metrics.broker.tls",
                    "true",
                    "sys-metrics.broker.tls-ca-file",
                    certificates.ca().toString(),
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
}
