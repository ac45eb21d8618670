package io.mqttplatform.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;

import java.util.concurrent.TimeUnit;

/**
 * One load scenario against one broker, start to end: the $SYS dropped counter before, clients on a topic of its own,
 * warm-up, the measured window (deliveries, latency, CPU), the publishers stopped and deliveries drained, the
 * dropped counter again. A flood also probes new clients every second during it and for a while after it.
 */
final class LoadScenario {

    /** The broker under test; {@code runId} keeps topics and client identifiers unique per run. */
    record Broker(String label, int port, long pid, String runId) {}

    /**
     * {@code offeredPerS} 0: every publisher as fast as its window allows, else this total rate split evenly.
     * {@code afterSeconds} > 0 makes it a flood: new clients are probed during the window and that long after it.
     * {@code window}: outstanding messages per publisher (QoS 1 unacknowledged, QoS 0 not yet written by the client).
     * {@code beside}: a small paced client on a topic of its own, measured apart (its latency while the load runs).
     */
    record Spec(
            String name,
            int publishers,
            int subscribers,
            MqttQos qos,
            double offeredPerS,
            int warmupSeconds,
            int measureSeconds,
            int afterSeconds,
            int payloadBytes,
            int window,
            Beside beside) {

        /** 100-byte payloads, the default window of the QoS, nothing beside. */
        Spec(
                String name,
                int publishers,
                int subscribers,
                MqttQos qos,
                double offeredPerS,
                int warmupSeconds,
                int measureSeconds,
                int afterSeconds) {
            this(
                    name,
                    publishers,
                    subscribers,
                    qos,
                    offeredPerS,
                    warmupSeconds,
                    measureSeconds,
                    afterSeconds,
                    SMALL_PAYLOAD_BYTES,
                    LoadScenario.window(qos),
                    null);
        }
    }

    /** Outstanding messages per publisher by default: QoS 1 unacknowledged, QoS 0 not yet written by the client. */
    static int window(MqttQos qos) {
        return qos == MqttQos.AT_MOST_ONCE ? 1000 : 100;
    }

    /** One publisher and one subscriber at {@code qos}, 100-byte payloads paced to {@code perSecond}. */
    record Beside(MqttQos qos, double perSecond) {}

    static final int SMALL_PAYLOAD_BYTES = 100;

    static ScenarioResult run(Broker broker, Spec spec) throws Exception {
        String prefix = "lb-" + broker.runId() + "-" + spec.name();
        String topic = "bench/load/" + broker.runId() + "/" + spec.name();
        Long droppedBefore = LoadClients.droppedCounter(broker.port(), prefix + "-sys-0");
        try (ProcessSampler sampler = new ProcessSampler(broker.pid());
                LoadClients clients = LoadClients.connect(
                        broker.port(),
                        prefix,
                        topic,
                        spec.qos(),
                        spec.publishers(),
                        spec.subscribers(),
                        spec.window(),
                        spec.offeredPerS() / spec.publishers(),
                        spec.payloadBytes());
                LoadClients beside = spec.beside() == null
                        ? null
                        : LoadClients.connect(
                                broker.port(),
                                prefix + "-beside",
                                topic + "/beside",
                                spec.beside().qos(),
                                1,
                                1,
                                window(spec.beside().qos()),
                                spec.beside().perSecond(),
                                SMALL_PAYLOAD_BYTES)) {
            NewClientProbes probes = null;
            if (spec.afterSeconds() > 0) {
                probes = new NewClientProbes();
                probes.start(broker.port(), prefix, spec.measureSeconds(), spec.measureSeconds() + spec.afterSeconds());
            }
            long start = System.nanoTime();
            int activeSeconds = spec.warmupSeconds() + spec.measureSeconds();
            clients.startPublishers(prefix, start + TimeUnit.SECONDS.toNanos(activeSeconds + 1));
            if (beside != null) {
                beside.startPublishers(prefix + "-beside", start + TimeUnit.SECONDS.toNanos(activeSeconds + 1));
            }
            sleepUntil(start + TimeUnit.SECONDS.toNanos(spec.warmupSeconds()));
            ProcessSampler.Mark cpuFrom = sampler.mark();
            LoadClients.Counts from = clients.counts();
            clients.recording(true);
            if (beside != null) {
                beside.recording(true);
            }
            sleepUntil(start + TimeUnit.SECONDS.toNanos(activeSeconds));
            ProcessSampler.Mark cpuTo = sampler.mark();
            LoadClients.Counts to = clients.counts();
            clients.recording(false);
            clients.stopPublishers(5000);
            LatencyHistogram besideLatency = null;
            if (beside != null) {
                beside.recording(false);
                beside.stopPublishers(5000);
                besideLatency = beside.latency();
            }

            NewClientProbes.Outcome newClients = null;
            if (probes != null) {
                newClients = probes.finish(TimeUnit.SECONDS.toMillis(spec.afterSeconds() + 2));
            }
            clients.drain(500, 5000);
            long undelivered = clients.expectedDeliveries() - clients.counts().delivered();
            Thread.sleep(1500); // the broker publishes $SYS every second: let it count what this scenario dropped
            Long droppedAfter = LoadClients.droppedCounter(broker.port(), prefix + "-sys-1");

            double seconds = (to.nanos() - from.nanos()) / 1e9;
            ProcessSampler.Usage cpu = sampler.usage(cpuFrom, cpuTo);
            LatencyHistogram latency = clients.latency();
            ScenarioResult result = new ScenarioResult(
                    broker.label(),
                    spec.name(),
                    null,
                    (to.delivered() - from.delivered()) / seconds,
                    (to.delivered() - from.delivered()) * (double) spec.payloadBytes() / seconds / 1e6,
                    spec.offeredPerS() > 0 ? spec.offeredPerS() : null,
                    latency.quantileMillis(0.50),
                    latency.quantileMillis(0.99),
                    (to.sent() - from.sent()) / seconds,
                    (to.acked() - from.acked()) / seconds,
                    undelivered,
                    droppedBefore == null || droppedAfter == null ? null : droppedAfter - droppedBefore,
                    sampler.peakRssMib(),
                    cpu.brokerPct(),
                    cpu.driverPct(),
                    cpu.othersPct(),
                    newClients,
                    besideLatency == null ? null : besideLatency.quantileMillis(0.50),
                    besideLatency == null ? null : besideLatency.quantileMillis(0.99),
                    ProcessSampler.alive(broker.pid()));
            String stall = clients.stall();
            if (stall != null) {
                return result.failing(stall);
            }
            if (to.delivered() == from.delivered()) {
                return result.failing("no_deliveries_in_the_window");
            }
            if (clients.failedPublishes() > 0) {
                return result.failing(clients.failedPublishes() + "_publishes_failed");
            }
            return result;
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private LoadScenario() {}
}
