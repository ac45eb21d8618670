package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.config.GatewayConfig;
import io.mqttplatform.gateway.live.LiveSession;
import io.mqttplatform.gateway.live.LiveSessions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/stream?filter=F&filter=G}: Server-Sent Events with every message matching any filter. Events are
 * named by frame type ({@code subscribed}, {@code message}, {@code dropped}) and carry the same JSON as WebSocket
 * frames. A keep-alive comment every GATEWAY_LIVE_SSE_HEARTBEAT keeps proxies open and finds vanished clients.
 */
@CallerRequired
@SecurityRequirement(name = ApiSecurity.BEARER)
@SecurityRequirement(name = ApiSecurity.ACCESS_TOKEN)
@Path("/api/v1/stream")
public class StreamResource {

    private final LiveSessions sessions;
    private final CurrentCaller current;
    private final Vertx vertx;
    private final Duration heartbeat;

    public StreamResource(LiveSessions sessions, CurrentCaller current, Vertx vertx, GatewayConfig config) {
        this.sessions = sessions;
        this.current = current;
        this.vertx = vertx;
        this.heartbeat = config.live().sseHeartbeat();
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Stream the messages matching MQTT topic filters as Server-Sent Events")
    public void stream(
            @Parameter(description = "one or more MQTT topic filters", example = "lab/#") @QueryParam("filter")
                    List<String> filters,
            @Context HttpServerRequest request,
            @Context SseEventSink sink,
            @Context Sse sse) {
        Caller caller = current.get();
        sessions.check(caller, filters); // a bad filter is a 400 answer, before the stream starts
        LiveSession session = sessions.start(
                "sse-" + UUID.randomUUID(),
                LiveSessions.Kind.SSE,
                frame -> sink.send(sse.newEventBuilder()
                        .name(frame.type())
                        .data(frame.json())
                        .build()),
                sink::close);
        session.subscribe(caller, filters, null);
        session.keepAlive(
                heartbeat,
                timer(),
                () -> sink.send(sse.newEventBuilder().comment("keep-alive").build()));
        request.connection().closeHandler(connectionClosed -> session.close());
    }

    /** Vert.x's timers, on which the SSE sink may be written. */
    private LiveSession.Timer timer() {
        return new LiveSession.Timer() {
            @Override
            public long every(Duration period, Runnable task) {
                return vertx.setPeriodic(period.toMillis(), id -> task.run());
            }

            @Override
            public void cancel(long timer) {
                vertx.cancelTimer(timer);
            }
        };
    }
}
