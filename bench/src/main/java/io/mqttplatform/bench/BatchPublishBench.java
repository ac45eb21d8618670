package io.mqttplatform.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Batch publish: 1000 QoS 1 messages of 100 bytes per POST /api/v1/messages, against the HiveMQ Java client
 * publishing the same 1000 messages straight to the broker and waiting for all PUBACKs. Both run one batch at a
 * time, so each figure is "acknowledged messages per second for a client that sends batches of 1000".
 * Usage: BatchPublishBench GATEWAY_URL BROKER_PORT ROUNDS
 */
public final class BatchPublishBench {

    private static final int BATCH = 1000;

    public static void main(String[] args) {
        BenchMain.exitAfter(args, BatchPublishBench::run);
    }

    private static void run(String[] args) throws Exception {
        URI gateway = URI.create(args[0]);
        int brokerPort = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String payload = "x".repeat(100);

        Mqtt5AsyncClient direct = MqttClient.builder()
                .useMqttVersion5()
                .identifier("bench-direct")
                .serverHost("127.0.0.1")
                .serverPort(brokerPort)
                .buildAsync();
        direct.connect().join();
        byte[] bytes = payload.getBytes();
        Runnable directBatch = () -> {
            List<CompletableFuture<?>> acks = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                acks.add(direct.publishWith()
                        .topic("bench/batch/t" + (i % 10))
                        .payload(bytes)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send());
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        };

        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"topic\":\"bench/batch/t")
                    .append(i % 10)
                    .append("\",\"payload\":\"")
                    .append(payload)
                    .append("\",\"qos\":1}");
        }
        body.append(']');
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        Runnable gatewayBatch = () -> {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            "gateway answered " + response.statusCode() + ": " + response.body());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        double directRate = rate(directBatch, rounds);
        double gatewayRate = rate(gatewayBatch, rounds);
        direct.disconnect().join();
        System.out.printf(Locale.ROOT, "batch.direct_msgs_per_s %.0f%n", directRate);
        System.out.printf(Locale.ROOT, "batch.gateway_msgs_per_s %.0f%n", gatewayRate);
    }

    /** Messages per second over {@code rounds} batches, after as many warm-up batches. */
    private static double rate(Runnable batch, int rounds) {
        for (int i = 0; i < rounds; i++) {
            batch.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            batch.run();
        }
        return rounds * (double) BATCH / ((System.nanoTime() - start) / 1e9);
    }

    private BatchPublishBench() {}
}
