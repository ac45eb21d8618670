package io.mqttplatform.sysmetrics.mqtt;

import io.mqttplatform.sysmetrics.config.SysMetricsConfig;
import io.mqttplatform.sysmetrics.state.BrokerState;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Follows the MQTT connection of the {@code sys} channel (the connector reports it to the messaging health centre,
 * which this reads every {@value #PERIOD_MILLIS} ms) and tells the {@link BrokerState} when it comes and goes. The
 * connector itself reconnects and subscribes again; see {@link BrokerClientOptions} for the back-off.
 */
@ApplicationScoped
public class ConnectionWatch {

    static final long PERIOD_MILLIS = 250;
    private static final Logger LOG = Logger.getLogger(ConnectionWatch.class);

    @Inject
    HealthCenter health;

    @Inject
    BrokerState state;

    @Inject
    SysMetricsConfig config;

    @Inject
    Vertx vertx;

    private boolean connected;
    private long timer = -1;

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(PERIOD_MILLIS, id -> check());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void check() {
        boolean now = channelConnected();
        if (now == connected) {
            return;
        }
        connected = now;
        String broker = config.broker().host() + ":" + config.broker().port();
        if (now) {
            state.connected();
            LOG.infof("Connected to the broker at %s, subscribed to $SYS/#", broker);
        } else {
            state.disconnected();
            LOG.warnf("Lost the broker at %s; reconnecting (mqtt_broker_up is 0 until it is back)", broker);
        }
    }

    private boolean channelConnected() {
        HealthReport readiness = health.getReadiness();
        return readiness.getChannels().stream()
                .filter(channel -> SysSubscriber.CHANNEL.equals(channel.getChannel()))
                .anyMatch(HealthReport.ChannelInfo::isOk);
    }
}
