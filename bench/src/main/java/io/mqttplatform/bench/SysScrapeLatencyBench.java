package io.mqttplatform.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * From a {@code $SYS} publish to the value in a scrape: an MQTT client subscribed to {@code $SYS/broker/uptime}
 * notes when each new uptime arrives (the broker sends it to every subscriber at once), then scrapes the service's
 * /metrics every millisecond until {@code mqtt_broker_uptime_seconds} shows it. Prints the median and the maximum.
 * Usage: SysScrapeLatencyBench BROKER_PORT METRICS_URL SAMPLES
 */
public final class SysScrapeLatencyBench {

    private record Arrival(long nanos, String seconds) {}

    public static void main(String[] args) {
        BenchMain.exitAfter(args, SysScrapeLatencyBench::run);
    }

    private static void run(String[] args) throws Exception {
        int brokerPort = Integer.parseInt(args[0]);
        URI metrics = URI.create(args[1]);
        int samples = Integer.parseInt(args[2]);

        BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        Mqtt5AsyncClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("bench-sys-latency")
                .serverHost("127.0.0.1")
                .serverPort(brokerPort)
                .buildAsync();
        client.connect().join();
        client.subscribeWith()
                .topicFilter("$SYS/broker/uptime")
                .callback(publish -> {
                    String payload = new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
                    arrivals.add(new Arrival(System.nanoTime(), payload.split(" ")[0]));
                })
                .send()
                .join();

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest scrape = HttpRequest.newBuilder(metrics).build();
        for (int i = 0;
                i < 50;
                i++) { // the JDK client's own first requests (connection, classes) are not the service's
            http.send(scrape, HttpResponse.BodyHandlers.ofString());
        }
        arrivals.poll(30, TimeUnit.SECONDS); // the retained value, sent on subscribe: not a publish
        arrivals.clear();
        List<Double> millis = new ArrayList<>();
        while (millis.size() < samples) {
            Arrival arrival = arrivals.poll(30, TimeUnit.SECONDS);
            if (arrival == null) {
                throw new IllegalStateException("no $SYS/broker/uptime for 30 s: is SYS_INTERVAL 0?");
            }
            String expected = "mqtt_broker_uptime_seconds " + arrival.seconds() + ".0";
            while (!http.send(scrape, HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains(expected)) {
                if (System.nanoTime() - arrival.nanos() > TimeUnit.SECONDS.toNanos(10)) {
                    throw new IllegalStateException("the scrape never showed " + expected);
                }
                Thread.sleep(1);
            }
            millis.add((System.nanoTime() - arrival.nanos()) / 1e6);
        }
        client.disconnect().join();
        System.out.printf(Locale.ROOT, "sys.publish_to_scrape_samples_ms %s%n", millis);
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "sys.publish_to_scrape_median_ms %.1f%n", millis.get(millis.size() / 2));
        System.out.printf(Locale.ROOT, "sys.publish_to_scrape_max_ms %.1f%n", millis.get(millis.size() - 1));
    }

    private SysScrapeLatencyBench() {}
}
