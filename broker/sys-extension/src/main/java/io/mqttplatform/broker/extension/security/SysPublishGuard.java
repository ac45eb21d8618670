package io.mqttplatform.broker.extension.security;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.mqttplatform.broker.extension.sys.SysTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses every client PUBLISH to {@code $SYS} or {@code $SYS/...}: only the broker writes its own tree, as in
 * mosquitto. MQTT 5 clients get NOT_AUTHORIZED in the PUBACK/PUBREC. MQTT 3 cannot carry a refusal (HiveMQ would
 * disconnect the client), so, as mosquitto does, the message is acknowledged and dropped. Either way nobody receives
 * it and the client stays connected.
 */
public final class SysPublishGuard implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SysPublishGuard.class);

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String topic = input.getPublishPacket().getTopic();
        if (SysTopics.isSysTopic(topic)) {
            log.warn("Denied PUBLISH from {} to '{}': clients cannot publish to $SYS.",
                    input.getClientInformation().getClientId(), topic);
            if (input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5) {
                output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "Clients cannot publish to $SYS topics");
            } else {
                output.preventPublishDelivery();
            }
        }
    }
}
