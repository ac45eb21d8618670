package io.mqttplatform.broker.extension.load;

import com.google.common.util.concurrent.ListenableFuture;
import com.hivemq.mqtt.handler.publish.PublishReturnCode;
import com.hivemq.mqtt.message.publish.PUBLISH;
import com.hivemq.mqtt.services.InternalPublishService;

import java.util.concurrent.ExecutorService;

/**
 * HiveMQ's publish service with one addition: when HiveMQ has delivered or persisted an inbound PUBLISH (its future
 * completes, the moment it would send the PUBACK), the sender's backlog is released. Put in place by
 * {@link io.mqttplatform.broker.extension.hivemq.HiveMqInternals#wrapInboundPublishService}.
 */
final class ReleasingPublishService implements InternalPublishService {

    private final InternalPublishService delegate;
    private final InboundBacklog backlog;

    ReleasingPublishService(InternalPublishService delegate, InboundBacklog backlog) {
        this.delegate = delegate;
        this.backlog = backlog;
    }

    InternalPublishService delegate() {
        return delegate;
    }

    @Override
    public ListenableFuture<PublishReturnCode> publish(PUBLISH publish, ExecutorService executor, String sender) {
        // the payload may be moved to the payload store while the message is handled: take its size first
        byte[] payload = publish.getPayload();
        long cost = BacklogLimits.cost(payload == null ? 0 : payload.length);
        ListenableFuture<PublishReturnCode> done = delegate.publish(publish, executor, sender);
        if (sender != null) {
            done.addListener(() -> backlog.released(sender, cost), executor);
        }
        return done;
    }
}
