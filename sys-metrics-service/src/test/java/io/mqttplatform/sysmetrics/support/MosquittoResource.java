package io.mqttplatform.sysmetrics.support;

import io.mqttplatform.broker.testkit.MosquittoProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.List;
import java.util.Map;

/**
 * Debian's mosquitto with {@code sys_interval 1}, for the service to watch, and a second mosquitto that feeds it
 * garbage: mosquitto refuses {@code $SYS} publishes from clients, but a bridge may write there, so the watched broker
 * bridges the source's {@code garbage/broker/#} into its own {@code $SYS/broker/#}.
 */
public class MosquittoResource implements QuarkusTestResourceLifecycleManager {

    /** Publish to {@code garbage/broker/X} on this broker and it arrives as {@code $SYS/broker/X} on the watched one. */
    public static final String GARBAGE_PREFIX = "garbage/";

    private static MosquittoProcess source;
    private static MosquittoProcess watched;

    @Override
    public Map<String, String> start() {
        try {
            source = MosquittoProcess.start("garbage-source", List.of());
            watched = MosquittoProcess.start(
                    "watched",
                    List.of(
                            "sys_interval 1",
                            "connection garbage-source",
                            "address 127.0.0.1:" + source.port,
                            "topic broker/# in 0 $SYS/ " + GARBAGE_PREFIX));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start mosquitto for the sys-metrics tests", e);
        }
        return Map.of(
                "sys-metrics.broker.host", "127.0.0.1", "sys-metrics.broker.port", Integer.toString(watched.port));
    }

    @Override
    public void stop() {
        try {
            if (watched != null) {
                watched.close();
            }
            if (source != null) {
                source.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int watchedPort() {
        return watched.port;
    }

    public static int sourcePort() {
        return source.port;
    }
}
