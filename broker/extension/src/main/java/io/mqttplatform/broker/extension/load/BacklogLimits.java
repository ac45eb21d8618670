package io.mqttplatform.broker.extension.load;

/**
 * When the broker stops reading from a connection and when it reads again: a pure rule over two numbers, the bytes a
 * connection has sent that the broker accepted but has not yet delivered or persisted (its backlog), and the sum of
 * all connections' backlogs. A connection is paused when its own backlog reaches {@code perConnectionBytes}, or when
 * the total reaches {@code totalBytes} and it contributes more than {@value #CONTRIBUTING_BYTES} bytes to it; it is
 * read again once its backlog is down to half its limit and the total is below three quarters of its limit (or the
 * connection no longer contributes). A client that sends a few messages at a time never comes near either limit, so
 * only the connections that send more than the broker delivers are slowed, and TCP slows their senders.
 *
 * @param perConnectionBytes a connection's backlog at which its reads pause ({@code BROKER_BACKLOG_PER_CONNECTION})
 * @param totalBytes         all connections' backlog at which the contributing ones pause ({@code BROKER_BACKLOG_TOTAL})
 */
public record BacklogLimits(long perConnectionBytes, long totalBytes) {

    /**
     * What a message costs besides its payload. Not its memory (about 500 bytes: HiveMQ's message object, topic, tasks
     * and queue entries) but its place in line: every accepted PUBLISH becomes a task in HiveMQ's persistence queue
     * (the single writer), and a subscriber's next batch is read from its queue only after every task before it, so a
     * connection may have about 250 small messages outstanding (4 MiB), or sixteen 256 KiB frames. With 512 bytes a QoS 0
     * publisher could have 7,000 queued and a subscriber of four of them received a tenth of what it does now
     * (docs/adr/0013-what-a-message-costs.md).
     */
    public static final int MESSAGE_OVERHEAD_BYTES = 16 * 1024;

    /** Below this a connection does not count as contributing to the total (a few small messages in flight). */
    public static final long CONTRIBUTING_BYTES = 64 * 1024;

    public BacklogLimits {
        if (perConnectionBytes <= 0 || totalBytes <= 0) {
            throw new IllegalArgumentException(
                    "backlog limits must be positive: " + perConnectionBytes + ", " + totalBytes);
        }
    }

    /** What one PUBLISH with {@code payloadBytes} of payload adds to a backlog. */
    public static long cost(int payloadBytes) {
        return (long) payloadBytes + MESSAGE_OVERHEAD_BYTES;
    }

    public boolean shouldPause(long ownBytes, long allBytes) {
        return ownBytes >= perConnectionBytes || (allBytes >= totalBytes && ownBytes > CONTRIBUTING_BYTES);
    }

    public boolean mayResume(long ownBytes, long allBytes) {
        return ownBytes <= perConnectionBytes / 2 && (allBytes < totalBytes / 4 * 3 || ownBytes <= CONTRIBUTING_BYTES);
    }
}
