package io.mqttplatform.bench;

/** Runs a benchmark driver and always ends the JVM: the MQTT client's threads would keep a failed run alive. */
final class BenchMain {

    interface Driver {
        void run(String[] args) throws Exception;
    }

    static void exitAfter(String[] args, Driver driver) {
        try {
            driver.run(args);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private BenchMain() {}
}
