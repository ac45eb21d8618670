package io.mqttplatform.sysmetrics.state;

import io.mqttplatform.sysmetrics.config.SysMetricsConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Makes the one {@link BrokerState} of the service, with the staleness window from the configuration. */
public class BrokerStateProducer {

    @Produces
    @Singleton
    BrokerState brokerState(SysMetricsConfig config) {
        SysMetricsConfig.Broker broker = config.broker();
        return new BrokerState(Clock.systemUTC(), broker.sysInterval().multipliedBy(broker.staleAfterIntervals()));
    }
}
