package io.mqttplatform.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;

import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * One publishing client of the load benchmark on its own thread: as fast as a window of outstanding messages allows
 * (QoS 1: unacknowledged; QoS 0: not yet written to the socket, so the client never buffers without bound), or paced
 * to a rate in 1 ms ticks. Each payload starts with the System.nanoTime of its send for the latency.
 */
final class LoadPublisher {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Mqtt3AsyncClient client;
    private final String topic;
    private final MqttQos qos;
    private final int windowSize;
    private final Semaphore window;
    private final double ratePerSecond;
    private final int payloadBytes;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final BiConsumer<Object, Throwable> onResult;
    private volatile boolean stopped;
    private volatile String stall;
    private Thread thread;

    /** {@code ratePerSecond} 0: as fast as the window allows. */
    LoadPublisher(
            Mqtt3AsyncClient client,
            String topic,
            MqttQos qos,
            int windowSize,
            double ratePerSecond,
            int payloadBytes) {
        this.client = client;
        this.topic = topic;
        this.qos = qos;
        this.windowSize = windowSize;
        this.window = new Semaphore(windowSize);
        this.ratePerSecond = ratePerSecond;
        this.payloadBytes = payloadBytes;
        this.onResult = (result, error) -> {
            // counted before the slot is freed, so that a full window after stopping means every result is counted
            if (error == null) {
                acked.incrementAndGet();
            } else if (failed.incrementAndGet() == 1) {
                // a lost connection fails each publish at once: sending on would only count failures
                stall = "publish_failed:" + error.getClass().getSimpleName();
                stopped = true;
            }
            window.release();
        };
    }

    void start(String name, long deadlineNanos) {
        thread = new Thread(() -> publish(deadlineNanos), name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sending and waits (bounded) until every message sent was acknowledged or failed; false if not all were. */
    boolean stopAndAwaitOutstanding(long timeoutMillis) throws InterruptedException {
        stopped = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        thread.join(timeoutMillis);
        long left = Math.max(0, deadline - System.nanoTime());
        if (!window.tryAcquire(windowSize, left, TimeUnit.NANOSECONDS)) {
            return false;
        }
        window.release(windowSize);
        return true;
    }

    long sent() {
        return sent.get();
    }

    /** QoS 1: PUBACKs received; QoS 0: messages written to the socket. */
    long acked() {
        return acked.get();
    }

    long failed() {
        return failed.get();
    }

    /** Why the publisher stopped before it was told to, or {@code null}. */
    String stall() {
        return stall;
    }

    private void publish(long deadlineNanos) {
        long start = System.nanoTime();
        long count = 0;
        while (!stopped && System.nanoTime() < deadlineNanos) {
            if (ratePerSecond > 0) {
                long elapsed = System.nanoTime() - start;
                long due = (long) (elapsed / 1e9 * ratePerSecond) + 1;
                if (count >= due) {
                    LockSupport.parkNanos(TICK_NANOS - elapsed % TICK_NANOS);
                    continue;
                }
            }
            if (!acquireWindow()) {
                if (!stopped && stall == null) {
                    stall = qos == MqttQos.AT_MOST_ONCE ? "publisher_blocked_5s" : "no_puback_for_5s";
                }
                return;
            }
            byte[] payload = new byte[payloadBytes];
            ByteBuffer.wrap(payload).putLong(System.nanoTime());
            client.publishWith().topic(topic).qos(qos).payload(payload).send().whenComplete(onResult);
            sent.incrementAndGet();
            count++;
        }
    }

    /** A window slot, waiting at most 5 s (and less once stopped). */
    private boolean acquireWindow() {
        long giveUp = System.nanoTime() + STALL_NANOS;
        try {
            while (!stopped && System.nanoTime() < giveUp) {
                if (window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
