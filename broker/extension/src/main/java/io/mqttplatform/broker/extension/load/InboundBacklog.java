package io.mqttplatform.broker.extension.load;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.mqttplatform.broker.extension.hivemq.HiveMqInternals;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's overload protection in place of a fixed ingress cap: HiveMQ CE reads every connection as fast as the
 * network allows and queues the work without bound, so a few publishers flooding it ran it out of memory
 * (docs/adr/0009-broker-under-load.md). This gives every connection a {@link ConnectionReadGate} and keeps the sum of
 * their backlogs: bytes accepted from clients that HiveMQ has not yet delivered or persisted. Connections that send
 * more than the broker delivers stop being read (TCP then slows their senders) while the others go on.
 */
public final class InboundBacklog {

    private static final Logger log = LoggerFactory.getLogger(InboundBacklog.class);

    private final BacklogLimits limits;
    private final AtomicLong totalBytes = new AtomicLong();
    private final Map<String, ConnectionReadGate> gates = new ConcurrentHashMap<>();
    private final AtomicBoolean serviceWrapped = new AtomicBoolean();

    public InboundBacklog(BacklogLimits limits) {
        this.limits = limits;
    }

    BacklogLimits limits() {
        return limits;
    }

    /**
     * Puts a gate into a newly connected client's pipeline (from HiveMQ's client initializer, once per connection)
     * and, with the first client, hooks the release into HiveMQ's publish service.
     */
    public void connected(String clientId, ConnectionAttributeStore connection) {
        Channel channel = HiveMqInternals.channel(connection);
        if (!serviceWrapped.get() && HiveMqInternals.wrapInboundPublishService(channel, this::releasing)) {
            serviceWrapped.set(true);
        }
        ConnectionReadGate gate = new ConnectionReadGate(this);
        channel.eventLoop().execute(() -> {
            if (!channel.isActive() || channel.pipeline().get(HiveMqInternals.DECODER) == null) {
                return;
            }
            channel.pipeline().addAfter(HiveMqInternals.DECODER, ConnectionReadGate.NAME, gate);
            ConnectionReadGate before = gates.put(clientId, gate);
            if (before != null) {
                before.closed(); // a takeover: the old connection is being closed
            }
            channel.closeFuture().addListener(closed -> {
                gate.closed();
                gates.remove(clientId, gate);
            });
        });
    }

    /** HiveMQ is done with a PUBLISH from {@code clientId} that cost {@code cost}. */
    void released(String clientId, long cost) {
        ConnectionReadGate gate = gates.get(clientId);
        if (gate != null) {
            gate.released(cost);
        }
    }

    /**
     * A PUBLISH from {@code clientId} with {@code payloadBytes} that our own publish guard stopped (the {@code $SYS}
     * guard, the ACL): HiveMQ never hands it on, so it is released here.
     */
    public void prevented(String clientId, int payloadBytes) {
        released(clientId, BacklogLimits.cost(payloadBytes));
    }

    long add(long bytes) {
        return totalBytes.addAndGet(bytes);
    }

    private ReleasingPublishService releasing(com.hivemq.mqtt.services.InternalPublishService current) {
        if (current instanceof ReleasingPublishService earlier) {
            current = earlier.delegate(); // our extension started again in the same broker
        }
        log.info(
                "Read back-pressure on: a connection's reads pause at {} bytes not yet delivered, or at {} for all "
                        + "connections together.",
                limits.perConnectionBytes(),
                limits.totalBytes());
        return new ReleasingPublishService(current, this);
    }
}
