package io.mqttplatform.broker.extension.load;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;
import com.hivemq.extension.sdk.api.services.publish.PublishService;

import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * On the connections of the broker's own clients only (the start-up warm-up's): each PUBLISH they send is
 * acknowledged as usual but not delivered to every matching subscription, where a user's {@code #} would receive it;
 * the broker hands it to the warm-up's own subscribers alone ({@code publishToClient}, which still matches their
 * subscriptions). A {@code $} topic would not do: HiveMQ's {@code #} matches every {@code $} topic, and HiveMQ closes
 * a client's connection for a PUBLISH to one, also when an interceptor moves the topic there.
 */
public final class WarmupRelay implements PublishInboundInterceptor {

    private final PublishService publishService;
    private final List<String> subscribers;
    private final ObjIntConsumer<String> onPrevented;

    /** {@code onPrevented} as for {@code PublishAuthorizer}: the read back-pressure must not wait for the message. */
    public WarmupRelay(PublishService publishService, List<String> subscribers, ObjIntConsumer<String> onPrevented) {
        this.publishService = publishService;
        this.subscribers = List.copyOf(subscribers);
        this.onPrevented = onPrevented;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        PublishPacket packet = input.getPublishPacket();
        output.preventPublishDelivery();
        onPrevented.accept(
                input.getClientInformation().getClientId(),
                packet.getPayload().map(p -> p.remaining()).orElse(0));
        Publish publish = Builders.publish().fromPublish(packet).build();
        for (String subscriber : subscribers) {
            publishService.publishToClient(publish, subscriber);
        }
    }
}
