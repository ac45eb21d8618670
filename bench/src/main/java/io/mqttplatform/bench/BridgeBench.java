package io.mqttplatform.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Messages through a bridge: publishers on the lab broker send to {@code lab/sensors/bench}, a subscriber on the cloud
 * broker takes {@code site-a/lab/sensors/bench} (the bridge's {@code topic sensors/# out QOS lab/ site-a/lab/}). After
 * a warm-up it counts what arrives for the given seconds, with the latency from send to arrival, and prints
 * {@code RESULT lab=LABEL qos=Q delivered_per_s=... sent_per_s=... p50_ms=... p99_ms=... undelivered=...}.
 *
 * <pre>java -cp bench.jar io.mqttplatform.bench.BridgeBench LAB_PORT CLOUD_PORT LABEL QOS SECONDS</pre>
 */
public final class BridgeBench {

    private static final int PUBLISHERS = 2;
    private static final int WINDOW = 64;
    private static final int PAYLOAD_BYTES = 100;
    private static final long WARMUP_SECONDS = 3;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BridgeBench LAB_PORT CLOUD_PORT LABEL QOS SECONDS");
            System.exit(2);
        }
        int labPort = Integer.parseInt(args[0]);
        int cloudPort = Integer.parseInt(args[1]);
        String label = args[2];
        MqttQos qos = MqttQos.fromCode(Integer.parseInt(args[3]));
        long seconds = Long.parseLong(args[4]);
        try (LoadClients clients = LoadClients.connect(
                labPort,
                "lab/sensors/bench",
                cloudPort,
                "site-a/lab/sensors/bench",
                "bridge-bench",
                qos,
                PUBLISHERS,
                1,
                WINDOW,
                0,
                PAYLOAD_BYTES)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS + seconds + 5);
            clients.startPublishers("bridge-bench", end);
            TimeUnit.SECONDS.sleep(WARMUP_SECONDS);
            clients.recording(true);
            LoadClients.Counts before = clients.counts();
            TimeUnit.SECONDS.sleep(seconds);
            LoadClients.Counts after = clients.counts();
            clients.recording(false);
            clients.stopPublishers(10_000);
            clients.drain(2_000, 20_000);
            double elapsed = (after.nanos() - before.nanos()) / 1e9;
            double delivered = (after.delivered() - before.delivered()) / elapsed;
            double sent = (after.acked() - before.acked()) / elapsed;
            long undelivered = clients.expectedDeliveries() - clients.counts().delivered();
            Double p50 = clients.latency().quantileMillis(0.5);
            Double p99 = clients.latency().quantileMillis(0.99);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT lab=%s qos=%d delivered_per_s=%.0f sent_per_s=%.0f p50_ms=%s p99_ms=%s undelivered=%d%n",
                    label,
                    qos.getCode(),
                    delivered,
                    sent,
                    p50 == null ? "n/a" : String.format(Locale.ROOT, "%.2f", p50),
                    p99 == null ? "n/a" : String.format(Locale.ROOT, "%.2f", p99),
                    Math.max(0, undelivered));
        }
    }

    private BridgeBench() {}
}
