package io.mqttplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How long the operations API takes to list many connected clients: {@code CLIENTS} MQTT 3.1.1 clients (HiveMQ
 * client, ids {@code ops-bench-00000} ...) connect, then each listing URL given (the broker's
 * {@code /api/v1/mqtt/clients}, the gateway's {@code /api/v1/clients}) is read: every client, in pages of 1000
 * (checked: each id once), the first page of 100, and a search for one id; each 5 times, the median kept. Prints
 * {@code RESULT label=L clients=N all_ms=... pages=... first_page_ms=... search_ms=...} per URL, then a table.
 * <p>Usage: {@code OperationsBench MQTT_PORT CLIENTS LABEL=LIST_URL...}
 */
public final class OperationsBench {

    private static final int ROUNDS = 5;
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) {
        BenchMain.exitAfter(args, OperationsBench::run);
    }

    static void run(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        List<Mqtt3AsyncClient> clients = connect(port, count);
        StringBuilder table = new StringBuilder(String.format(
                "%nOperations API, %,d connected clients (median of %d rounds, ms)%n"
                        + "| where | every client (pages of 1000) | first page of 100 | search for one id |%n"
                        + "|---|---|---|---|%n",
                count, ROUNDS));
        try {
            for (int i = 2; i < args.length; i++) {
                String label = args[i].substring(0, args[i].indexOf('='));
                String list = args[i].substring(args[i].indexOf('=') + 1);
                double[] all = new double[ROUNDS];
                double[] first = new double[ROUNDS];
                double[] search = new double[ROUNDS];
                int pages = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    long start = System.nanoTime();
                    pages = listAll(list, count);
                    all[round] = millisSince(start);
                    start = System.nanoTime();
                    read(list + "?limit=100");
                    first[round] = millisSince(start);
                    start = System.nanoTime();
                    JsonNode found = read(list + "?q=" + id(count / 2));
                    search[round] = millisSince(start);
                    if (found.path("total").asInt() != 1) {
                        throw new IllegalStateException("the search for " + id(count / 2) + " found " + found);
                    }
                }
                System.out.printf(
                        "RESULT label=%s clients=%d all_ms=%.1f pages=%d first_page_ms=%.1f search_ms=%.1f%n",
                        label, count, median(all), pages, median(first), median(search));
                table.append(String.format(
                        "| %s | %.1f (%d pages) | %.1f | %.1f |%n",
                        label, median(all), pages, median(first), median(search)));
            }
            System.out.print(table);
        } finally {
            List<CompletableFuture<?>> done = new ArrayList<>();
            clients.forEach(client -> done.add(client.disconnect().exceptionally(e -> null)));
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
    }

    /** Reads every page of 1000; fails unless each of the bench's clients was listed once. Returns the pages read. */
    private static int listAll(String list, int count) throws Exception {
        int ours = 0;
        int pages = 0;
        String cursor = null;
        do {
            JsonNode page = read(list + "?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode client : page.path("items")) {
                if (client.path("id").asText().startsWith("ops-bench-")) {
                    ours++;
                }
            }
            cursor = page.path("cursor").isNull() ? null : page.path("cursor").asText();
            pages++;
        } while (cursor != null);
        if (ours != count) {
            throw new IllegalStateException("listed " + ours + " of the " + count + " connected clients");
        }
        return pages;
    }

    private static List<Mqtt3AsyncClient> connect(int port, int count) throws Exception {
        List<Mqtt3AsyncClient> clients = new ArrayList<>(count);
        for (int batch = 0; batch < count; batch += 500) {
            List<CompletableFuture<?>> connacks = new ArrayList<>();
            for (int i = batch; i < Math.min(count, batch + 500); i++) {
                Mqtt3AsyncClient client = MqttClient.builder()
                        .useMqttVersion3()
                        .identifier(id(i))
                        .serverHost("127.0.0.1")
                        .serverPort(port)
                        .buildAsync();
                clients.add(client);
                connacks.add(client.connectWith().keepAlive(600).send());
            }
            CompletableFuture.allOf(connacks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        return clients;
    }

    private static JsonNode read(String url) throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private static String id(int i) {
        return String.format("ops-bench-%05d", i);
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
