package io.mqttplatform.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A real WebSocket client (the JDK's) of /api/v1/ws that records every JSON frame it receives. */
public final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final int keepFramesUpTo;
    private final java.util.concurrent.atomic.AtomicLong framesReceived = new java.util.concurrent.atomic.AtomicLong();

    private WsClient(URI uri, int keepFramesUpTo) {
        this.keepFramesUpTo = keepFramesUpTo;
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            framesReceived.incrementAndGet();
                            try {
                                if (partial.length() <= keepFramesUpTo) {
                                    frames.add(JSON.readTree(partial.toString()));
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException("not JSON: " + partial, e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .join();
    }

    /** Opens the socket; fails with the handshake's status when the gateway refuses it. */
    public static WsClient open(URI uri) {
        return new WsClient(uri, Integer.MAX_VALUE);
    }

    /** A client that counts every frame but keeps only those up to this many characters (for floods). */
    public static WsClient openKeepingSmallFrames(URI uri, int keepFramesUpTo) {
        return new WsClient(uri, keepFramesUpTo);
    }

    public long framesReceived() {
        return framesReceived.get();
    }

    public WsClient send(String frame) {
        socket.sendText(frame, true).join();
        return this;
    }

    public List<JsonNode> frames() {
        return frames;
    }

    public List<JsonNode> frames(String type) {
        return frames.stream().filter(f -> f.path("type").asText().equals(type)).toList();
    }

    public JsonNode awaitFrame(String type, Predicate<JsonNode> condition) {
        await("a '" + type + "' frame")
                .atMost(Duration.ofSeconds(20))
                .until(() -> frames(type).stream().anyMatch(condition));
        return frames(type).stream().filter(condition).findFirst().orElseThrow();
    }

    public WsClient subscribe(String... filters) throws Exception {
        String id = "sub-" + System.nanoTime();
        send(JSON.writeValueAsString(java.util.Map.of("type", "subscribe", "id", id, "filters", List.of(filters))));
        awaitFrame("subscribed", f -> f.path("id").asText().equals(id));
        return this;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
