package io.mqttplatform.gateway.live;

import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.config.GatewayConfig;
import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.metrics.GatewayMetrics;
import io.mqttplatform.gateway.mqtt.TopicRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What WebSocket and SSE connections have in common: opening a live subscriber with the configured mailbox, checking
 * and adding filters for a caller, and removing everything when the connection ends.
 */
@ApplicationScoped
public class LiveSessions implements LiveSession.Subscriptions {

    private final SubscriptionRegistry registry;
    private final GatewayConfig.Live config;
    private final GatewayMetrics metrics;

    private final Frames frames;

    public LiveSessions(SubscriptionRegistry registry, GatewayConfig config, GatewayMetrics metrics, Frames frames) {
        this.registry = registry;
        this.frames = frames;
        this.config = config.live();
        this.metrics = metrics;
    }

    /**
     * Starts a session for a new connection. {@code send} writes one frame (failing once the client is gone);
     * {@code closeTransport} ends the connection and is called once, when the session ends for any reason.
     */
    public LiveSession start(String id, Kind kind, Function<Frame, CompletionStage<?>> send, Runnable closeTransport) {
        LiveSession[] session = new LiveSession[1];
        LiveSubscriber subscriber = new LiveSubscriber(
                id,
                new FrameSink() {
                    @Override
                    public CompletionStage<?> send(Frame frame) {
                        return send.apply(frame);
                    }

                    @Override
                    public void close() {
                        session[0].close();
                    }
                },
                config.bufferMessages(),
                config.bufferBytes(),
                metrics,
                frames);
        session[0] = new LiveSession(
                this,
                subscriber,
                frames,
                kind == Kind.WEBSOCKET ? metrics.websockets() : metrics.streams(),
                closeTransport);
        return session[0];
    }

    /** The transports of live connections, for the open-connections gauge. */
    public enum Kind {
        WEBSOCKET,
        SSE
    }

    /**
     * Checks every filter (invalid when malformed or over the per-client limit, forbidden when not allowed) before adding any;
     * completes when the broker confirmed them all.
     */
    @Override
    public CompletableFuture<Void> subscribe(LiveSubscriber subscriber, Caller caller, List<String> filters) {
        List<MqttTopicFilter> parsed = check(caller, filters);
        long total = subscriber.filters().size()
                + filters.stream()
                        .filter(f -> !subscriber.filters().contains(f))
                        .distinct()
                        .count();
        if (total > config.maxFiltersPerClient()) {
            throw Failure.invalid("a connection may hold at most " + config.maxFiltersPerClient()
                    + " filters (GATEWAY_LIVE_MAX_FILTERS_PER_CLIENT); this one would hold " + total);
        }
        return CompletableFuture.allOf(
                parsed.stream().map(filter -> registry.add(subscriber, filter)).toArray(CompletableFuture[]::new));
    }

    /** Checks filters for a caller (invalid when none or malformed, forbidden when not allowed), e.g. before a stream starts. */
    public List<MqttTopicFilter> check(Caller caller, List<String> filters) {
        if (filters == null || filters.isEmpty()) {
            throw Failure.invalid("no filter given; name at least one MQTT topic filter, e.g. lab/#");
        }
        List<MqttTopicFilter> parsed = new ArrayList<>();
        for (String filter : filters) {
            parsed.add(TopicRules.filter(filter));
            caller.requireSubscribe(filter);
        }
        return parsed;
    }

    @Override
    public void unsubscribe(LiveSubscriber subscriber, List<String> filters) {
        filters.forEach(filter -> registry.remove(subscriber, filter));
    }

    @Override
    public void close(LiveSubscriber subscriber) {
        registry.removeAll(subscriber);
    }
}
