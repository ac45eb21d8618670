package io.mqttplatform.gateway.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mqttplatform.gateway.metrics.GatewayMetrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** The mailbox with a sink whose writes complete only when the test says so: a client that stops reading. */
class LiveSubscriberTest {

    private static final Frames FRAMES = new Frames(new ObjectMapper());

    /** A frame of this text (the mailbox counts its characters). */
    private static Frame text(String json) {
        return new Frame("message", json);
    }

    private final List<String> written = new ArrayList<>();
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final FrameSink stalledSink = new FrameSink() {
        @Override
        public CompletionStage<?> send(Frame frame) {
            written.add(frame.json());
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            return done;
        }

        @Override
        public void close() {}
    };

    @Test
    void offer_whileTheClientDoesNotRead_keepsOnlyTheNewestAndReportsTheDropped() {
        LiveSubscriber subscriber = new LiveSubscriber(
                "s", stalledSink, 3, 1_000_000, new GatewayMetrics(new SimpleMeterRegistry()), FRAMES);

        for (int i = 1; i <= 10; i++) {
            subscriber.offer(text("m" + i));
        }
        assertThat(written).containsExactly("m1"); // one write in flight, nothing else written
        assertThat(subscriber.queuedBytes()).isEqualTo(7); // m8, m9, m10: 2 + 2 + 3 characters

        pending.get(0).complete(null);
        assertThat(written).containsExactly("m1", "{\"type\":\"dropped\",\"count\":6}");
        pending.get(1).complete(null);
        pending.get(2).complete(null);
        pending.get(3).complete(null);
        assertThat(written).containsExactly("m1", "{\"type\":\"dropped\",\"count\":6}", "m8", "m9", "m10");
    }

    @Test
    void offer_overTheByteLimit_dropsOldestUntilTheNewFrameFits() {
        LiveSubscriber subscriber =
                new LiveSubscriber("s", stalledSink, 1000, 10, new GatewayMetrics(new SimpleMeterRegistry()), FRAMES);

        subscriber.offer(text("first")); // in flight
        subscriber.offer(text("aaaa"));
        subscriber.offer(text("bbbb"));
        subscriber.offer(text("cccc")); // 12 > 10: "aaaa" goes

        assertThat(subscriber.queuedBytes()).isEqualTo(8);
    }
}
