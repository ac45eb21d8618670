package io.mqttplatform.sysmetrics.support;

import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.RestartableBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * This project's broker (mqtt-broker.jar) for the service's Quarkus tests, started before the service and pointed at
 * by sys-metrics.broker.*; {@code SYS_INTERVAL} is 1 unless the init argument {@code sysInterval} says otherwise.
 */
public class BrokerResource implements QuarkusTestResourceLifecycleManager {

    private static RestartableBroker broker;
    private String sysInterval = "1";

    @Override
    public void init(Map<String, String> initArgs) {
        sysInterval = initArgs.getOrDefault("sysInterval", "1");
    }

    @Override
    public Map<String, String> start() {
        try {
            broker = RestartableBroker.start("sys-metrics-tests", Map.of("SYS_INTERVAL", sysInterval));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the broker for the sys-metrics tests", e);
        }
        return Map.of(
                "sys-metrics.broker.host", "127.0.0.1", "sys-metrics.broker.port", Integer.toString(broker.port()));
    }

    @Override
    public void stop() {
        try {
            broker.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static BrokerProcess broker() {
        return broker.process();
    }

    public static RestartableBroker restartable() {
        return broker;
    }
}
