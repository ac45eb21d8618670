package io.mqttplatform.broker.extension.security;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.mqttplatform.broker.extension.security.acl.Access;
import io.mqttplatform.broker.extension.security.acl.AclRules;
import io.mqttplatform.broker.extension.sys.SysTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * What one client may publish, decided per PUBLISH as mosquitto 2.0 does: never to {@code $SYS} (only the broker
 * writes its own tree; mosquitto lets {@code $SYS/broker/connection/+/state} through for bridges, and so do we), and,
 * with an ACL file, only where it grants write access. A refused publish is what mosquitto makes of it: MQTT 5
 * clients get NOT_AUTHORIZED in the PUBACK/PUBREC; MQTT 3 cannot carry a refusal (HiveMQ would disconnect the
 * client), so the message is acknowledged and dropped. Either way nobody receives it and the client stays connected.
 * Each refused message is reported to {@code onPrevented} (client id, payload bytes), so that the read back-pressure
 * does not wait for its delivery.
 */
public final class PublishAuthorizer implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(PublishAuthorizer.class);
    private static final MqttTopicFilter BRIDGE_STATE = MqttTopicFilter.of("$SYS/broker/connection/+/state");

    /** A client refused again and again gets one log line per this many nanoseconds, with the count in between. */
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final String username;
    private final Supplier<AclRules> acl;
    private final ObjIntConsumer<String> onPrevented;
    private long lastLogged = System.nanoTime() - LOG_EVERY_NANOS;
    private int unlogged;

    /** {@code username} null for a client without one; {@code acl} gives null when no ACL file is set. */
    public PublishAuthorizer(String username, Supplier<AclRules> acl, ObjIntConsumer<String> onPrevented) {
        this.username = username;
        this.acl = acl;
        this.onPrevented = onPrevented;
    }

    private synchronized void logDenial(String clientId, String topic, String refusal) {
        long now = System.nanoTime();
        if (now - lastLogged < LOG_EVERY_NANOS) {
            unlogged++;
            return;
        }
        log.info(
                "Denied PUBLISH from {} to '{}': {}{}.",
                clientId,
                topic,
                refusal,
                unlogged == 0 ? "" : " (and " + unlogged + " more from this client in the last seconds)");
        lastLogged = now;
        unlogged = 0;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String topic = input.getPublishPacket().getTopic();
        String clientId = input.getClientInformation().getClientId();
        String refusal = null;
        if (SysTopics.isSysTopic(topic) && !BRIDGE_STATE.matches(MqttTopic.of(topic))) {
            refusal = "Clients cannot publish to $SYS topics";
        } else {
            AclRules rules = acl.get();
            if (rules != null && !rules.allows(clientId, username, topic, Access.WRITE)) {
                refusal = "The ACL does not let this client publish to this topic";
            }
        }
        if (refusal == null) {
            return;
        }
        logDenial(clientId, topic, refusal);
        onPrevented.accept(
                clientId,
                input.getPublishPacket().getPayload().map(p -> p.remaining()).orElse(0));
        if (input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5) {
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, refusal);
        } else {
            output.preventPublishDelivery();
        }
    }
}
