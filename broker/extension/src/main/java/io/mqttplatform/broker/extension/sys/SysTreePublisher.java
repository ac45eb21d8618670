package io.mqttplatform.broker.extension.sys;

import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Publishes the $SYS tree every interval as retained QoS 0 messages, like mosquitto. An update that is still running
 * when the next is due is not overlapped: that tick is skipped. The start-up warm-up's own traffic is never in the
 * counters: while it runs they stay as they were when it began ({@link #warmupStarted}), and afterwards what it sent
 * is subtracted ({@link #warmupEnded}), so that they only ever grow.
 */
public final class SysTreePublisher {

    private static final Logger log = LoggerFactory.getLogger(SysTreePublisher.class);

    private final SessionCensus census;
    private final MetricRegistryReader registry;
    private final SysTreeCalculator calculator;
    private final PublishService publishService;
    /** Topics of other parts of the broker (the bridges' counters), by topic. */
    private final Supplier<Map<String, String>> further;

    private final AtomicBoolean updating = new AtomicBoolean();
    private final long startedNanos = System.nanoTime();
    private long previousNanos;
    private static final SessionCensus.Counts NO_SESSIONS = new SessionCensus.Counts(0, 0, 0);
    /** The counters when the warm-up began, reported while it runs; null otherwise. */
    private volatile BrokerSnapshot frozen;
    /** What the warm-up added to the counters, subtracted after it; null before it ended (or without one). */
    private volatile BrokerSnapshot warmupTraffic;

    private ScheduledFuture<?> schedule;

    public SysTreePublisher(
            SessionCensus census,
            MetricRegistryReader registry,
            SysTreeCalculator calculator,
            PublishService publishService,
            Supplier<Map<String, String>> further) {
        this.census = census;
        this.registry = registry;
        this.calculator = calculator;
        this.publishService = publishService;
        this.further = further;
    }

    /** Publishes now, then every {@code intervalSeconds}. */
    public void start(@NotNull ScheduledExecutorService executor, int intervalSeconds) {
        schedule = executor.scheduleAtFixedRate(this::update, 0, intervalSeconds, TimeUnit.SECONDS);
    }

    /** The start-up warm-up begins: the counters stand still until it ends. */
    public void warmupStarted() {
        frozen = registry.read(NO_SESSIONS);
    }

    /** The warm-up is over: from now on the counters go on from where they stood, without its traffic. */
    public void warmupEnded() {
        BrokerSnapshot began = frozen;
        if (began != null) {
            warmupTraffic = registry.read(NO_SESSIONS).since(began);
            frozen = null;
        }
    }

    /** The broker's numbers as $SYS reports them: current values now, counters without the warm-up's traffic. */
    private BrokerSnapshot reported(BrokerSnapshot now) {
        BrokerSnapshot began = frozen;
        if (began != null) {
            return now.since(now.since(began)); // the counters as they were when it began
        }
        BrokerSnapshot traffic = warmupTraffic;
        return traffic == null ? now : now.since(traffic);
    }

    public void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private void update() {
        if (!updating.compareAndSet(false, true)) {
            log.debug("$SYS update skipped: the previous one is still running");
            return;
        }
        census.take()
                .thenApply(sessions -> {
                    long now = System.nanoTime();
                    double seconds = previousNanos == 0 ? 0 : (now - previousNanos) / 1e9;
                    previousNanos = now;
                    long uptime = TimeUnit.NANOSECONDS.toSeconds(now - startedNanos);
                    return calculator.update(reported(registry.read(sessions)), uptime, seconds, further.get());
                })
                .thenAccept(this::publish)
                .whenComplete((done, error) -> {
                    updating.set(false);
                    if (error != null) {
                        log.error("$SYS update failed: {}", error.toString());
                    }
                });
    }

    private void publish(List<SysMessage> messages) {
        for (SysMessage message : messages) {
            publishService.publish(Builders.publish()
                    .topic(message.topic())
                    .payload(ByteBuffer.wrap(message.payload().getBytes(StandardCharsets.UTF_8)))
                    .qos(Qos.AT_MOST_ONCE)
                    .retain(true)
                    .build());
        }
    }
}
