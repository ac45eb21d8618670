package io.mqttplatform.sysmetrics.mqtt;

import io.mqttplatform.sysmetrics.metrics.ParseErrors;
import io.mqttplatform.sysmetrics.state.BrokerState;
import io.mqttplatform.sysmetrics.sys.BridgeMetric;
import io.mqttplatform.sysmetrics.sys.InvalidPayloadException;
import io.mqttplatform.sysmetrics.sys.PayloadParser;
import io.mqttplatform.sysmetrics.sys.SysMetricTable;
import io.smallrye.reactive.messaging.mqtt.MqttMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;

/**
 * Receives the broker's {@code $SYS/#} (channel {@code sys}, see application.properties) and keeps the latest value of
 * every topic in the {@link SysMetricTable}, and each bridge's values ({@link BridgeMetric}). Unknown topics only show that the tree is alive; payloads that do not
 * parse are counted and the last good value stays. Nothing a broker sends can stop the stream.
 */
@ApplicationScoped
public class SysSubscriber {

    static final String CHANNEL = "sys";
    private static final Logger LOG = Logger.getLogger(SysSubscriber.class);

    @Inject
    BrokerState state;

    @Inject
    ParseErrors parseErrors;

    @Incoming(CHANNEL)
    public CompletionStage<Void> onMessage(MqttMessage<byte[]> message) {
        try {
            accept(message.getTopic(), message.getPayload());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not handle a message on %s; it is skipped", message.getTopic());
        }
        return message.ack();
    }

    void accept(String topic, byte[] payload) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%s: %d bytes", topic, payload.length);
        }
        state.touch();
        try {
            BridgeMetric.read(topic, payload).ifPresent(state::record);
        } catch (InvalidPayloadException e) {
            parseErrors.record(topic, "mqtt_bridge_", payload, e);
        }
        SysMetricTable.forTopic(topic).ifPresent(metric -> {
            try {
                state.record(metric, PayloadParser.parse(metric, payload));
            } catch (InvalidPayloadException e) {
                parseErrors.record(metric, payload, e);
            }
        });
    }
}
