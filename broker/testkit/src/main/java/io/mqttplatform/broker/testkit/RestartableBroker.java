package io.mqttplatform.broker.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link BrokerProcess} that a test can stop and start again on the same port and data folder, as a broker
 * restart looks to its clients. Each module's Quarkus test resource wraps one.
 */
public final class RestartableBroker implements AutoCloseable {

    private final String name;
    private final Path data;
    private final Map<String, String> variables;
    private final int port;
    private BrokerProcess process;

    private RestartableBroker(String name, Path data, int port, Map<String, String> variables) {
        this.name = name;
        this.data = data;
        this.port = port;
        this.variables = variables;
    }

    /** Starts a broker on a free port with a new temporary data folder and these extra variables. */
    public static RestartableBroker start(String name, Map<String, String> variables) throws IOException {
        Map<String, String> all = new HashMap<>(variables);
        int port = BrokerProcess.freePort();
        all.put("MQTT_PORT", Integer.toString(port));
        RestartableBroker broker = new RestartableBroker(name, Files.createTempDirectory(name + "-broker-"), port, all);
        broker.startAgain();
        return broker;
    }

    public BrokerProcess process() {
        return process;
    }

    public int port() {
        return port;
    }

    /** Stops the broker (SIGTERM) and waits for it. */
    public void stop() throws InterruptedException {
        process.stop();
    }

    /** Starts the broker again after {@link #stop()}, on the same port and data folder. */
    public void startAgain() throws IOException {
        process = BrokerProcess.start(name, data, variables);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
