package io.mqttplatform.sysmetrics.metrics;

import io.mqttplatform.sysmetrics.state.BrokerState;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one Prometheus registry the service serves: the broker's metrics, parse errors, and the JVM's own. Of the JVM
 * metrics, native memory tracking is left out: it runs a diagnostic command on every scrape, which alone took most of
 * a scrape's time here.
 */
public class MetricsRegistryProducer {

    @Produces
    @Singleton
    PrometheusRegistry registry(BrokerState state) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new BrokerCollector(state));
        JvmMemoryMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
        return registry;
    }
}
