package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.auth.ApiKeyStore;
import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.config.GatewayConfig;
import io.mqttplatform.gateway.live.Frame;
import io.mqttplatform.gateway.live.FrameSink;
import io.mqttplatform.gateway.live.Frames;
import io.mqttplatform.gateway.live.LiveSessions;
import io.mqttplatform.gateway.live.LiveSubscriber;
import io.mqttplatform.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /api/v1/stream?filter=F&filter=G}: Server-Sent Events with every message matching any filter. Events are
 * named by frame type ({@code subscribed}, {@code message}, {@code dropped}) and carry the same JSON as WebSocket
 * frames. A keep-alive comment every GATEWAY_LIVE_SSE_HEARTBEAT keeps proxies open and finds vanished clients.
 */
@Path("/api/v1/stream")
public class StreamResource {

    private final LiveSessions sessions;
    private final Frames frames;
    private final ApiKeyStore keys;
    private final GatewayMetrics metrics;
    private final Vertx vertx;
    private final long heartbeatMillis;

    public StreamResource(LiveSessions sessions, Frames frames, ApiKeyStore keys, GatewayMetrics metrics, Vertx vertx,
                          GatewayConfig config) {
        this.sessions = sessions;
        this.frames = frames;
        this.keys = keys;
        this.metrics = metrics;
        this.vertx = vertx;
        this.heartbeatMillis = config.live().sseHeartbeat().toMillis();
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Stream the messages matching MQTT topic filters as Server-Sent Events")
    public void stream(@Parameter(description = "one or more MQTT topic filters", example = "lab/#")
                       @QueryParam("filter") List<String> filters,
                       @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                       @QueryParam("access_token") String accessToken,
                       @Context HttpServerRequest request, @Context SseEventSink sink, @Context Sse sse) {
        Caller caller = keys.authenticate(authorization, accessToken);
        AtomicBoolean closed = new AtomicBoolean();
        AtomicLong heartbeat = new AtomicLong(-1);
        LiveSubscriber[] self = new LiveSubscriber[1];
        // every way a stream ends (client gone, write failed, heartbeat failed) comes here, once
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                vertx.cancelTimer(heartbeat.get());
                sessions.close(self[0]);
                metrics.streams().decrementAndGet();
                sink.close();
            }
        };
        LiveSubscriber subscriber = sessions.open("sse-" + UUID.randomUUID(), new FrameSink() {
            @Override
            public CompletionStage<?> send(Frame frame) {
                return sink.send(sse.newEventBuilder().name(frame.type()).data(frame.json()).build());
            }

            @Override
            public void close() {
                close.run();
            }
        });
        self[0] = subscriber;
        sessions.subscribe(subscriber, caller, filters).whenComplete((done, error) -> subscriber.control(error == null
                ? frames.subscribed(filters, null)
                : frames.error(LiveSessions.subscribeFailure(error).status(), LiveSessions.subscribeFailure(error).detail(), null)));
        metrics.streams().incrementAndGet();
        heartbeat.set(vertx.setPeriodic(heartbeatMillis, id -> {
            try {
                sink.send(sse.newEventBuilder().comment("keep-alive").build())
                        .whenComplete((ok, error) -> {
                            if (error != null) {
                                close.run();
                            }
                        });
            } catch (RuntimeException gone) {
                close.run();
            }
        }));
        request.connection().closeHandler(connectionClosed -> close.run());
    }
}
