package io.mqttplatform.gateway.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.live.Frame;
import io.mqttplatform.gateway.live.FrameSink;
import io.mqttplatform.gateway.live.Frames;
import io.mqttplatform.gateway.live.LiveSessions;
import io.mqttplatform.gateway.live.LiveSubscriber;
import io.mqttplatform.gateway.metrics.GatewayMetrics;
import io.mqttplatform.gateway.problem.ProblemException;
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
import java.util.concurrent.CompletionStage;
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
    private final Frames frames;
    private final ObjectMapper json;
    private final GatewayMetrics metrics;
    private final Map<String, LiveSubscriber> subscribers = new ConcurrentHashMap<>();

    public LiveWebSocket(LiveSessions sessions, PublishService publisher, MessageBatchParser messages, Frames frames,
                         ObjectMapper json, GatewayMetrics metrics) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.messages = messages;
        this.frames = frames;
        this.json = json;
        this.metrics = metrics;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        subscribers.put(connection.id(), sessions.open("ws-" + connection.id(), new FrameSink() {
            @Override
            public CompletionStage<?> send(Frame frame) {
                return connection.sendText(frame.json()).subscribeAsCompletionStage();
            }

            @Override
            public void close() {
                connection.close().subscribe().with(done -> { }, error -> { });
            }
        }));
        metrics.websockets().incrementAndGet();
    }

    @OnTextMessage
    public void receive(String text, WebSocketConnection connection) {
        LiveSubscriber subscriber = subscribers.get(connection.id());
        Caller caller = connection.userData().get(ApiKeyUpgradeCheck.CALLER);
        String id = null;
        try {
            JsonNode frame = read(text);
            id = frame.hasNonNull("id") ? frame.get("id").asText() : null;
            String type = frame.path("type").asText("");
            switch (type) {
                case "subscribe" -> subscribe(subscriber, caller, filters(frame), id);
                case "unsubscribe" -> {
                    List<String> filters = filters(frame);
                    sessions.unsubscribe(subscriber, filters);
                    subscriber.control(frames.unsubscribed(filters, id));
                }
                case "publish" -> publish(subscriber, caller, frame, id);
                default -> throw ProblemException.badRequest("unknown frame type '" + type
                        + "'; send subscribe, unsubscribe or publish");
            }
        } catch (ProblemException e) {
            subscriber.control(frames.error(e.status(), e.detail(), id));
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        LiveSubscriber subscriber = subscribers.remove(connection.id());
        if (subscriber != null) {
            sessions.close(subscriber);
            metrics.websockets().decrementAndGet();
        }
    }

    private void subscribe(LiveSubscriber subscriber, Caller caller, List<String> filters, String id) {
        sessions.subscribe(subscriber, caller, filters).whenComplete((done, error) -> subscriber.control(error == null
                ? frames.subscribed(filters, id)
                : frames.error(LiveSessions.subscribeFailure(error).status(), LiveSessions.subscribeFailure(error).detail(), id)));
    }

    private void publish(LiveSubscriber subscriber, Caller caller, JsonNode frame, String id) {
        publisher.send(messages.checkFrame(frame, caller)).whenComplete((result, error) -> {
            if (error == null) {
                subscriber.control(frames.published(result, id));
            } else {
                ProblemException problem = ProblemException.of(error);
                subscriber.control(frames.error(problem.status(), problem.detail(), id));
            }
        });
    }

    private JsonNode read(String text) {
        try {
            JsonNode frame = json.readTree(text);
            if (frame == null || !frame.isObject()) {
                throw ProblemException.badRequest("a frame must be a JSON object with a \"type\"");
            }
            return frame;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.badRequest("the frame is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static List<String> filters(JsonNode frame) {
        JsonNode filters = frame.get("filters");
        if (filters == null || !filters.isArray()) {
            throw ProblemException.badRequest("\"filters\" must be an array of MQTT topic filters, e.g. [\"lab/#\"]");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode filter : filters) {
            if (!filter.isTextual()) {
                throw ProblemException.badRequest("every filter must be a string; got " + filter);
            }
            list.add(filter.asText());
        }
        return list;
    }
}
