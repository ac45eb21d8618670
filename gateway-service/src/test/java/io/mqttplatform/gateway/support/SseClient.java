package io.mqttplatform.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A real Server-Sent-Events client of /api/v1/stream (the JDK's HTTP client) recording each event's name and data. */
public final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Event(String name, JsonNode data) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    public SseClient(URI uri) throws Exception {
        response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public int status() {
        return response.statusCode();
    }

    public List<Event> events() {
        return events;
    }

    public List<JsonNode> data(String name) {
        return events.stream()
                .filter(e -> e.name().equals(name))
                .map(Event::data)
                .toList();
    }

    public JsonNode awaitEvent(String name, Predicate<JsonNode> condition) {
        await("an SSE '" + name + "' event")
                .atMost(Duration.ofSeconds(20))
                .until(() -> data(name).stream().anyMatch(condition));
        return data(name).stream().filter(condition).findFirst().orElseThrow();
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    events.add(new Event(name, JSON.readTree(line.substring(5).trim())));
                } else if (line.isEmpty()) {
                    name = "message";
                }
            }
        } catch (Exception e) {
            // the stream ended (closed by the test or the gateway)
        }
    }

    @Override
    public void close() throws Exception {
        response.body().close();
        reader.interrupt();
    }
}
