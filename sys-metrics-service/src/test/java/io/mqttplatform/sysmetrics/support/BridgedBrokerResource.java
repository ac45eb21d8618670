package io.mqttplatform.sysmetrics.support;

import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.MosquittoProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * This project's broker with a bridge (BRIDGE_CONFIG, {@code topic lab/# out 1}) to a Debian mosquitto, SYS_INTERVAL 1,
 * for the bridge metrics; the service reads the bridged broker's $SYS.
 */
public class BridgedBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static MosquittoProcess remote;
    private static BrokerProcess broker;

    @Override
    public Map<String, String> start() {
        try {
            remote = MosquittoProcess.start("sys-metrics-bridge-remote", List.of());
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bridged-");
            Path config = Files.write(
                    dir.resolve("bridges.conf"),
                    List.of(
                            "connection cloud",
                            "address 127.0.0.1:" + remote.port,
                            "remote_clientid lab-bridge",
                            "restart_timeout 1",
                            "topic lab/# out 1"));
            broker = BrokerProcess.start(
                    "sys-metrics-bridged",
                    Files.createDirectories(dir.resolve("data")),
                    Map.of("SYS_INTERVAL", "1", "BRIDGE_CONFIG", config.toString()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the bridged broker for the sys-metrics tests", e);
        }
        return Map.of(
                "sys-metrics.broker.host", "127.0.0.1", "sys-metrics.broker.port", Integer.toString(broker.mqttPort));
    }

    @Override
    public void stop() {
        try {
            // either may be missing when start failed half-way; the remote must not outlive the tests then
            if (broker != null) {
                broker.close();
            }
            if (remote != null) {
                remote.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static BrokerProcess broker() {
        return broker;
    }

    public static MosquittoProcess remote() {
        return remote;
    }
}
