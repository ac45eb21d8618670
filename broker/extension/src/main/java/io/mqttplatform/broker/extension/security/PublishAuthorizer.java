package io.mqttplatform.broker.extension.security;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import io.mqttplatform.broker.extension.security.acl.Access;
import io.mqttplatform.broker.extension.security.acl.AclRules;
import io.mqttplatform.broker.extension.sys.SysTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * What one client may publish, decided per PUBLISH as mosquitto 2.0 does: never to {@code $SYS} (only the broker
 * writes its own tree; mosquitto lets {@code $SYS/broker/connection/+/state} through for bridges, and so do we), and,
 * with an ACL file, only where it grants write access. It only decides and logs; {@code hivemq/InboundPublishGuard}
 * answers the client the way mosquitto does (docs/adr/0016-publish-guard-on-the-event-loop.md).
 */
public final class PublishAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(PublishAuthorizer.class);
    private static final MqttTopicFilter BRIDGE_STATE = MqttTopicFilter.of("$SYS/broker/connection/+/state");

    /** A client refused again and again gets one log line per this many nanoseconds, with the count in between. */
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final String clientId;
    private final String username;
    private final Supplier<AclRules> acl;
    private long lastLogged = System.nanoTime() - LOG_EVERY_NANOS;
    private int unlogged;

    /** {@code username} null for a client without one; {@code acl} gives null when no ACL file is set. */
    public PublishAuthorizer(String clientId, String username, Supplier<AclRules> acl) {
        this.clientId = clientId;
        this.username = username;
        this.acl = acl;
    }

    /** Why this client may not publish to {@code topic} (and a log line on it), or null when it may. */
    public String refusal(String topic) {
        String refusal = null;
        if (SysTopics.isSysTopic(topic) && !BRIDGE_STATE.matches(MqttTopic.of(topic))) {
            refusal = "Clients cannot publish to $SYS topics";
        } else {
            AclRules rules = acl.get();
            if (rules != null && !rules.allows(clientId, username, topic, Access.WRITE)) {
                refusal = "The ACL does not let this client publish to this topic";
            }
        }
        if (refusal != null) {
            logDenial(topic, refusal);
        }
        return refusal;
    }

    private synchronized void logDenial(String topic, String refusal) {
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
}
