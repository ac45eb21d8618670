package io.mqttplatform.sysmetrics.metrics;

import io.mqttplatform.sysmetrics.state.BrokerState;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one Prometheus registry the service serves: the broker's metrics, parse errors, and the JVM's own. */
public class MetricsRegistryProducer {

    @Produces
    @Singleton
    PrometheusRegistry registry(BrokerState state) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new BrokerCollector(state));
        JvmMetrics.builder().register(registry);
        return registry;
    }
}
