package io.mqttplatform.gateway.live;

import io.mqttplatform.gateway.metrics.GatewayMetrics;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One WebSocket or SSE client: its filters and a bounded mailbox in front of its connection. Frames are sent one at a
 * time, the next only when the previous was written, so a client that reads slowly (or never) makes the mailbox fill
 * instead of the gateway's memory: past {@code maxMessages} or {@code maxBytes} the oldest frames are dropped, and the
 * client is told how many with a {@code dropped} frame before the next message.
 */
public final class LiveSubscriber {

    private final String id;
    private final FrameSink sink;
    private final int maxMessages;
    private final long maxBytes;
    private final GatewayMetrics metrics;
    private final Frames frames;
    private final Set<String> filters = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Frame> mailbox = new ArrayDeque<>();
    private long mailboxBytes;
    private long droppedSinceReport;
    private boolean sending;
    private boolean closed;

    public LiveSubscriber(
            String id, FrameSink sink, int maxMessages, long maxBytes, GatewayMetrics metrics, Frames frames) {
        this.id = id;
        this.frames = frames;
        this.sink = sink;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.metrics = metrics;
    }

    public String id() {
        return id;
    }

    public Set<String> filters() {
        return filters;
    }

    /** Queues a frame for this client, dropping the oldest queued frames if the mailbox is full. */
    public void offer(Frame frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            long size = frame.json().length();
            while (!mailbox.isEmpty() && (mailbox.size() >= maxMessages || mailboxBytes + size > maxBytes)) {
                mailboxBytes -= mailbox.removeFirst().json().length();
                droppedSinceReport++;
                metrics.dropped();
            }
            mailbox.addLast(frame);
            mailboxBytes += size;
        }
        drain();
    }

    /** Sends a control frame (subscribed, error) ahead of queued messages; never dropped. */
    public void control(Frame frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            mailbox.addFirst(frame);
            mailboxBytes += frame.json().length();
        }
        drain();
    }

    /** Frames waiting to be sent, for tests and metrics. */
    public synchronized long queuedBytes() {
        return mailboxBytes;
    }

    public synchronized void close() {
        closed = true;
        mailbox.clear();
        mailboxBytes = 0;
    }

    private void drain() {
        Frame next;
        synchronized (this) {
            if (sending || closed) {
                return;
            }
            if (droppedSinceReport > 0) {
                next = frames.dropped(droppedSinceReport);
                droppedSinceReport = 0;
            } else {
                next = mailbox.pollFirst();
                if (next == null) {
                    return;
                }
                mailboxBytes -= next.json().length();
            }
            sending = true;
        }
        CompletionStage<?> sent;
        try {
            sent = sink.send(next);
        } catch (RuntimeException gone) { // some sinks throw instead of failing once the client is gone
            sent = CompletableFuture.failedFuture(gone);
        }
        sent.whenComplete((done, error) -> {
            synchronized (this) {
                sending = false;
            }
            if (error != null) {
                close();
                sink.close();
            } else {
                metrics.delivered();
                drain();
            }
        });
    }
}
