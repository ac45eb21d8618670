package io.mqttplatform.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out: SOCKETS WebSocket clients of the gateway, all subscribed to one topic, against as many MQTT-over-WebSocket
 * subscribers of the broker. One publisher sends MESSAGES QoS 0 messages of 100 bytes; the figure is deliveries per
 * second (messages received by all clients, from the first publish to the last delivery or the deadline). Also the
 * gateway's RSS per idle WebSocket: its VmRSS before and after opening the sockets, divided by their number.
 * Usage: FanoutBench GATEWAY_URL BROKER_PORT BROKER_WS_PORT GATEWAY_PID SOCKETS MESSAGES
 */
public final class FanoutBench {

    public static void main(String[] args) {
        BenchMain.exitAfter(args, FanoutBench::run);
    }

    private static void run(String[] args) throws Exception {
        URI gateway = URI.create(args[0]);
        int brokerPort = Integer.parseInt(args[1]);
        int brokerWsPort = Integer.parseInt(args[2]);
        long gatewayPid = Long.parseLong(args[3]);
        int sockets = Integer.parseInt(args[4]);
        int messages = Integer.parseInt(args[5]);

        // gateway WebSockets
        long rssBefore = rssKib(gatewayPid);
        AtomicLong gatewayDeliveries = new AtomicLong();
        CountDownLatch subscribed = new CountDownLatch(sockets);
        HttpClient http = HttpClient.newHttpClient();
        URI ws = URI.create(gateway.toString().replaceFirst("^http", "ws")).resolve("/api/v1/ws");
        List<WebSocket> webSockets = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            webSockets.add(http.newWebSocketBuilder()
                    .buildAsync(ws, new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                String frame = partial.toString();
                                partial.setLength(0);
                                if (frame.startsWith("{\"type\":\"message\"")) {
                                    gatewayDeliveries.incrementAndGet();
                                } else if (frame.startsWith("{\"type\":\"subscribed\"")) {
                                    subscribed.countDown();
                                }
                            }
                            socket.request(1);
                            return null;
                        }
                    })
                    .join());
        }
        webSockets.forEach(s -> s.sendText("{\"type\":\"subscribe\",\"filters\":[\"bench/fanout\"]}", true));
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (sockets - subscribed.getCount()) + " sockets subscribed");
        }
        System.gc();
        Thread.sleep(2000);
        long rssIdle = rssKib(gatewayPid);
        double gatewayRate = fanout(brokerPort, "bench/fanout", messages, sockets, gatewayDeliveries);
        webSockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));

        // broker MQTT-over-WebSocket subscribers
        AtomicLong brokerDeliveries = new AtomicLong();
        List<Mqtt5AsyncClient> subscribers = new ArrayList<>();
        List<CompletableFuture<?>> subacks = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            Mqtt5AsyncClient client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("bench-ws-" + i)
                    .serverHost("127.0.0.1")
                    .serverPort(brokerWsPort)
                    .webSocketConfig()
                    .serverPath("mqtt")
                    .applyWebSocketConfig()
                    .buildAsync();
            subscribers.add(client);
            subacks.add(client.connect()
                    .thenCompose(ack -> client.subscribeWith()
                            .topicFilter("bench/direct")
                            .qos(MqttQos.AT_MOST_ONCE)
                            .callback(p -> brokerDeliveries.incrementAndGet())
                            .send()));
        }
        CompletableFuture.allOf(subacks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        double brokerRate = fanout(brokerPort, "bench/direct", messages, sockets, brokerDeliveries);
        subscribers.forEach(Mqtt5AsyncClient::disconnect);

        System.out.printf(Locale.ROOT, "fanout.gateway_deliveries_per_s %.0f%n", gatewayRate);
        System.out.printf(Locale.ROOT, "fanout.broker_ws_deliveries_per_s %.0f%n", brokerRate);
        System.out.printf(
                Locale.ROOT, "fanout.gateway_rss_per_idle_socket_kib %.1f%n", (rssIdle - rssBefore) / (double) sockets);
    }

    private static double fanout(int brokerPort, String topic, int messages, int sockets, AtomicLong deliveries)
            throws Exception {
        Mqtt5AsyncClient publisher = MqttClient.builder()
                .useMqttVersion5()
                .identifier("bench-publisher-" + topic.hashCode())
                .serverHost("127.0.0.1")
                .serverPort(brokerPort)
                .buildAsync();
        publisher.connect().join();
        byte[] payload = "y".repeat(100).getBytes();
        long expected = (long) messages * sockets;
        deliveries.set(0);
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            publisher
                    .publishWith()
                    .topic(topic)
                    .payload(payload)
                    .qos(MqttQos.AT_MOST_ONCE)
                    .send();
        }
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        long last = deliveries.get();
        long lastChange = System.nanoTime();
        while (deliveries.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
            long now = deliveries.get();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(3)) {
                break; // nothing more is coming (messages were dropped)
            }
        }
        publisher.disconnect().join();
        return deliveries.get() / ((lastChange - start) / 1e9);
    }

    private static long rssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    private FanoutBench() {}
}
