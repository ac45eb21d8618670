package io.mqttplatform.bench;

import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving end of one subscribing client of the load benchmark: counts deliveries and, while recording, their
 * latency from the send timestamp in the payload (System.nanoTime of the same JVM, so no clock skew).
 */
final class LoadSubscriber {

    private final AtomicLong delivered = new AtomicLong();
    private final LatencyHistogram latency = new LatencyHistogram();
    private volatile boolean recording;

    void onPublish(Mqtt3Publish publish) {
        long now = System.nanoTime();
        delivered.incrementAndGet();
        if (recording) {
            ByteBuffer payload = publish.getPayload().orElse(null);
            if (payload != null && payload.remaining() >= Long.BYTES) {
                latency.recordMicros((now - payload.getLong(payload.position())) / 1000);
            }
        }
    }

    void recording(boolean on) {
        recording = on;
    }

    long delivered() {
        return delivered.get();
    }

    LatencyHistogram latency() {
        return latency;
    }
}
