package io.mqttplatform.sysmetrics.mqtt;

import io.mqttplatform.sysmetrics.config.SysMetricsConfig;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.smallrye.reactive.messaging.mqtt.session.ExponentialBackoffDelayOptions;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.UUID;

/**
 * What the MQTT connector's own settings cannot say: reconnect with a growing wait (from
 * SYS_METRICS_RECONNECT_INITIAL_DELAY, doubling, up to SYS_METRICS_RECONNECT_MAX_DELAY) instead of a fixed one, and a
 * client id that says who is connected ({@value #CLIENT_ID_PREFIX} and a random suffix, one per replica) unless
 * SYS_METRICS_BROKER_CLIENT_ID sets one.
 */
@ApplicationScoped
public class BrokerClientOptions implements ClientCustomizer<MqttClientSessionOptions> {

    static final String CLIENT_ID_PREFIX = "mqtt-sys-metrics-";

    @Inject
    SysMetricsConfig config;

    @Override
    public MqttClientSessionOptions customize(String channel, Config channelConfig, MqttClientSessionOptions options) {
        SysMetricsConfig.Reconnect reconnect = config.reconnect();
        options.setReconnectDelay(new ExponentialBackoffDelayOptions()
                .setMinimum(reconnect.initialDelay())
                .setIncrement(reconnect.initialDelay())
                .setMaximum(reconnect.maxDelay()));
        if (options.getClientId() == null || options.getClientId().isBlank()) {
            options.setClientId(CLIENT_ID_PREFIX + UUID.randomUUID().toString().substring(0, 8));
        }
        return options;
    }
}
