package io.mqttplatform.gateway.live;

import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.exceptions.MqttClientStateException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.mqttplatform.gateway.failure.Failure;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** A SUBACK refusal becomes the status that says why; a broker that could not be asked stays 503. */
class BrokerRefusalsTest {

    private static final MqttTopicFilter FILTER = MqttTopicFilter.of("lab/#");

    @Test
    void subAckReasonCodesMapToPreciseStatuses() {
        assertThat(SubscriptionRegistry.refusal(FILTER, Mqtt5SubAckReasonCode.NOT_AUTHORIZED)
                        .kind()
                        .status())
                .isEqualTo(403);
        assertThat(SubscriptionRegistry.refusal(FILTER, Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID)
                        .kind()
                        .status())
                .isEqualTo(400);
        assertThat(SubscriptionRegistry.refusal(FILTER, Mqtt5SubAckReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED)
                        .kind()
                        .status())
                .isEqualTo(400);
        assertThat(SubscriptionRegistry.refusal(FILTER, Mqtt5SubAckReasonCode.QUOTA_EXCEEDED)
                        .kind()
                        .status())
                .isEqualTo(503);
        Failure other = SubscriptionRegistry.refusal(FILTER, Mqtt5SubAckReasonCode.UNSPECIFIED_ERROR);
        assertThat(other.kind().status()).isEqualTo(502);
        assertThat(other.detail()).isEqualTo("the broker refused the subscription to 'lab/#': UNSPECIFIED_ERROR");
    }

    @Test
    void aRefusalKeepsItsStatus_andAnUnreachableBrokerIs503() {
        Failure refused = SubscriptionRegistry.refusal(FILTER, Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        assertThat(LiveSession.subscribeFailure(new CompletionException(refused)))
                .isSameAs(refused);
        Failure unreachable = LiveSession.subscribeFailure(
                new CompletionException(new MqttClientStateException("MQTT client is not connected.")));
        assertThat(unreachable.kind().status()).isEqualTo(503);
        assertThat(unreachable.detail()).isEqualTo("subscribing at the broker failed: MQTT client is not connected.");
    }
}
