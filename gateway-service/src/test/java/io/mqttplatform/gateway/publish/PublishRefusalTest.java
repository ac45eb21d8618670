package io.mqttplatform.gateway.publish;

import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** PUBACK and PUBREC reason codes, not their text, decide the answer to a refused publish. */
class PublishRefusalTest {

    @Test
    void reasonCodesMapToPreciseStatuses() {
        assertThat(PublishService.refusal(
                        Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                        Optional.of(MqttUtf8String.of("The ACL does not let this client publish to this topic"))))
                .satisfies(p -> {
                    assertThat(p.kind().status()).isEqualTo(403);
                    assertThat(p.detail())
                            .isEqualTo("the broker refused the message: NOT_AUTHORIZED (The ACL does not "
                                    + "let this client publish to this topic)");
                });
        assertThat(PublishService.refusal(Mqtt5PubRecReasonCode.NOT_AUTHORIZED, Optional.empty())
                        .kind()
                        .status())
                .isEqualTo(403);
        assertThat(PublishService.refusal(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, Optional.empty())
                        .kind()
                        .status())
                .isEqualTo(400);
        assertThat(PublishService.refusal(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID, Optional.empty())
                        .kind()
                        .status())
                .isEqualTo(400);
        assertThat(PublishService.refusal(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED, Optional.empty())
                        .kind()
                        .status())
                .isEqualTo(503);
        assertThat(PublishService.refusal(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, Optional.empty())
                        .kind()
                        .status())
                .isEqualTo(502);
    }
}
