package io.mqttplatform.broker.extension.sys;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;

/**
 * Reads the traffic counters and current totals from HiveMQ's own metric registry, by the names HiveMQ CE registers
 * at start. A missing metric is an error (never read as 0), so a HiveMQ upgrade that renames one is noticed.
 */
public final class MetricRegistryReader {

    static final String MESSAGES_IN = "com.hivemq.messages.incoming.total.count";
    static final String MESSAGES_OUT = "com.hivemq.messages.outgoing.total.count";
    static final String PUBLISH_IN = "com.hivemq.messages.incoming.publish.count";
    static final String PUBLISH_OUT = "com.hivemq.messages.outgoing.publish.count";
    static final String CONNECT_IN = "com.hivemq.messages.incoming.connect.count";
    static final String DROPPED = "com.hivemq.messages.dropped.count";
    static final String BYTES_READ = "com.hivemq.networking.bytes.read.total";
    static final String BYTES_WRITTEN = "com.hivemq.networking.bytes.write.total";
    static final String CONNECTIONS_OPEN = "com.hivemq.networking.connections.current";
    static final String CONNECTIONS_CLOSED = "com.hivemq.networking.connections-closed.total.count";
    static final String SUBSCRIPTIONS = "com.hivemq.subscriptions.overall.current";
    static final String RETAINED = "com.hivemq.messages.retained.current";

    private final MetricRegistry registry;

    public MetricRegistryReader(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Combines the registry's numbers now with a session census into one snapshot. */
    public BrokerSnapshot read(SessionCensus.Counts sessions) {
        return new BrokerSnapshot(
                sessions.connected(),
                sessions.disconnected(),
                sessions.expiredSinceStart(),
                value(MESSAGES_IN),
                value(MESSAGES_OUT),
                value(PUBLISH_IN),
                value(PUBLISH_OUT),
                value(DROPPED),
                value(BYTES_READ),
                value(BYTES_WRITTEN),
                value(CONNECT_IN),
                // every connection ever opened is either still open or counted as closed
                value(CONNECTIONS_OPEN) + value(CONNECTIONS_CLOSED),
                value(SUBSCRIPTIONS),
                value(RETAINED));
    }

    /** Messages the broker dropped since start (full queues, QoS 0 memory limits, refused publishes). */
    public long dropped() {
        return value(DROPPED);
    }

    private long value(String name) {
        Metric metric = registry.getMetrics().get(name);
        if (metric instanceof Counting counting) {
            return counting.getCount();
        }
        if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("HiveMQ metric '" + name + "' is missing or not a number: " + metric);
    }
}
