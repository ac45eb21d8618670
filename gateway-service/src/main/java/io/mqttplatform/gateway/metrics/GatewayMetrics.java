package io.mqttplatform.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's own metrics at /q/metrics (Micrometer names; Prometheus adds the unit and _total suffixes):
 * publishes by outcome, publish latency (histogram), open live connections by kind, frames delivered and dropped.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final Timer publishLatency;
    private final Counter delivered;
    private final Counter dropped;
    private final Map<PublishOutcome, Counter> publishes = new EnumMap<>(PublishOutcome.class);
    private final AtomicInteger websockets = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();

    public GatewayMetrics(MeterRegistry registry) {
        this.publishLatency = Timer.builder("mqtt.gateway.publish.latency")
                .description(
                        "Time from a publish request to the broker's acknowledgement (QoS 1/2) or hand-off (QoS 0).")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.delivered = Counter.builder("mqtt.gateway.frames.delivered")
                .description("Message and control frames written to WebSocket and SSE clients.")
                .register(registry);
        this.dropped = Counter.builder("mqtt.gateway.messages.dropped")
                .description("Messages dropped because a WebSocket or SSE client read too slowly.")
                .register(registry);
        for (PublishOutcome outcome : PublishOutcome.values()) {
            publishes.put(
                    outcome,
                    Counter.builder("mqtt.gateway.publishes")
                            .description("Messages published through the gateway, by outcome.")
                            .tag("outcome", outcome.label())
                            .register(registry));
        }
        for (var kind :
                java.util.Map.of("websocket", websockets, "sse", streams).entrySet()) {
            Gauge.builder("mqtt.gateway.live.connections", kind.getValue(), AtomicInteger::get)
                    .description("Open live connections (WebSocket and Server-Sent Events) by kind.")
                    .tag("kind", kind.getKey())
                    .register(registry);
        }
    }

    /** Counts one publish with its outcome, and its latency when it got through. */
    public void published(PublishOutcome outcome, long nanos) {
        publishes.get(outcome).increment();
        if (nanos > 0) {
            publishLatency.record(Duration.ofNanos(nanos));
        }
    }

    public void delivered() {
        delivered.increment();
    }

    public void dropped() {
        dropped.increment();
    }

    public AtomicInteger websockets() {
        return websockets;
    }

    public AtomicInteger streams() {
        return streams;
    }
}
