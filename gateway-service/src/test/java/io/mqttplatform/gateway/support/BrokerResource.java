package io.mqttplatform.gateway.support;

import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.RestartableBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The real broker (mqtt-broker.jar, SYS_INTERVAL=1) for the gateway's Quarkus tests, started before the gateway and
 * pointed at by gateway.broker.port. Tests can stop and restart it on the same port and data folder.
 */
public class BrokerResource implements QuarkusTestResourceLifecycleManager {

    private static RestartableBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            broker = RestartableBroker.start("gateway-tests", Map.of("SYS_INTERVAL", "1"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the broker for the gateway tests", e);
        }
        return Map.of("gateway.broker.host", "127.0.0.1", "gateway.broker.port", Integer.toString(broker.port()));
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

    public static int port() {
        return broker.port();
    }

    public static void stopBroker() throws InterruptedException {
        broker.stop();
    }

    public static void startBroker() throws Exception {
        broker.startAgain();
    }
}
