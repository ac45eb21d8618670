package io.mqttplatform.broker.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One real broker for all tests of a class ({@code @RegisterExtension static final SharedBroker broker = ...}),
 * with its own temporary data folder and, when asked for, a {@link SysTreeWatcher}; all gone after the class.
 */
public final class SharedBroker implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final Map<String, String> variables;
    private final boolean watchSys;
    private Path data;
    private BrokerProcess process;
    private SysTreeWatcher sys;

    private SharedBroker(String name, Map<String, String> variables, boolean watchSys) {
        this.name = name;
        this.variables = variables;
        this.watchSys = watchSys;
    }

    public static SharedBroker withVariables(String name, Map<String, String> variables) {
        return new SharedBroker(name, variables, false);
    }

    /** A broker with SYS_INTERVAL=1 and a connected $SYS watcher that has seen the first update. */
    public static SharedBroker watchingSysEverySecond(String name) {
        return new SharedBroker(name, Map.of("SYS_INTERVAL", "1"), true);
    }

    public BrokerProcess process() {
        return process;
    }

    public SysTreeWatcher sys() {
        return sys;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("broker-" + name + "-");
        process = BrokerProcess.start(name, data, variables);
        if (watchSys) {
            sys = new SysTreeWatcher(process.mqttPort);
            sys.awaitValue("$SYS/broker/version", v -> v.startsWith("HiveMQ"));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (sys != null) {
            sys.close();
        }
        process.close();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(SharedBroker::delete);
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            // a leftover in the temp folder harms nobody
        }
    }
}
