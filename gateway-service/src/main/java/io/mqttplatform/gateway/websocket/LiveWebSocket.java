package io.mqttplatform.gateway.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.live.LiveSession;
import io.mqttplatform.gateway.live.LiveSessions;
import io.mqttplatform.gateway.publish.MessageBatchParser;
import io.mqttplatform.gateway.publish.PublishService;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WebSocket {@code /api/v1/ws}: JSON frames in both directions (docs/interfaces.md). Client frames:
 * {@code subscribe}, {@code unsubscribe}, {@code publish}, each with an optional {@code id} echoed in the answer.
 * Server frames: {@code message}, {@code subscribed}, {@code unsubscribed}, {@code published}, {@code error},
 * {@code dropped}. This class only translates frames; the work is in {@link LiveSessions} and {@link PublishService}.
 */
@WebSocket(path = "/api/v1/ws")
public class LiveWebSocket {

    private final LiveSessions sessions;
    private final PublishService publisher;
    private final MessageBatchParser messages;
    private final ObjectMapper json;
    private final Map<String, LiveSession> open = new ConcurrentHashMap<>();

    public LiveWebSocket(
            LiveSessions sessions, PublishService publisher, MessageBatchParser messages, ObjectMapper json) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.messages = messages;
        this.json = json;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        open.put(
                connection.id(),
                sessions.start(
                        "ws-" + connection.id(),
                        LiveSessions.Kind.WEBSOCKET,
                        frame -> connection.sendText(frame.json()).subscribeAsCompletionStage(),
                        () -> connection.close().subscribe().with(done -> {}, error -> {})));
    }

    @OnTextMessage
    public void receive(String text, WebSocketConnection connection) {
        LiveSession session = open.get(connection.id());
        Caller caller = connection.userData().get(ApiKeyUpgradeCheck.CALLER);
        String id = null;
        try {
            JsonNode frame = read(text);
            id = frame.hasNonNull("id") ? frame.get("id").asText() : null;
            String type = frame.path("type").asText("");
            switch (type) {
                case "subscribe" -> session.subscribe(caller, filters(frame), id);
                case "unsubscribe" -> session.unsubscribe(filters(frame), id);
                case "publish" -> session.published(publisher.send(messages.checkFrame(frame, caller)), id);
                default ->
                    throw Failure.invalid("unknown frame type '" + type + "'; send subscribe, unsubscribe or publish");
            }
        } catch (Failure e) {
            session.refused(e, id);
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        LiveSession session = open.remove(connection.id());
        if (session != null) {
            session.close();
        }
    }

    private JsonNode read(String text) {
        try {
            JsonNode frame = json.readTree(text);
            if (frame == null || !frame.isObject()) {
                throw Failure.invalid("a frame must be a JSON object with a \"type\"");
            }
            return frame;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Failure.invalid("the frame is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static List<String> filters(JsonNode frame) {
        JsonNode filters = frame.get("filters");
        if (filters == null || !filters.isArray()) {
            throw Failure.invalid("\"filters\" must be an array of MQTT topic filters, e.g. [\"lab/#\"]");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode filter : filters) {
            if (!filter.isTextual()) {
                throw Failure.invalid("every filter must be a string; got " + filter);
            }
            list.add(filter.asText());
        }
        return list;
    }
}
