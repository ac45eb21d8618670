package io.mqttplatform.sysmetrics.metrics;

import io.mqttplatform.sysmetrics.sys.InvalidPayloadException;
import io.mqttplatform.sysmetrics.sys.SysMetric;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Payloads of known {@code $SYS} topics that did not parse: counted in {@value #NAME}, and logged once per topic
 * (the first time) so that a broker that keeps sending garbage cannot flood the log.
 */
@Startup
@ApplicationScoped
public class ParseErrors {

    public static final String NAME = "mqtt_sys_parse_errors_total";
    private static final Logger LOG = Logger.getLogger(ParseErrors.class);
    private static final int LOGGED_PAYLOAD_CHARACTERS = 80;

    private final Counter counter;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    @Inject
    public ParseErrors(PrometheusRegistry registry) {
        counter = Counter.builder()
                .name(NAME)
                .help(
                        "$SYS payloads of known topics that could not be parsed and were skipped (the last good value stays).")
                .register(registry);
    }

    public void record(SysMetric metric, byte[] payload, InvalidPayloadException reason) {
        record(metric.topic(), metric.name(), payload, reason);
    }

    /** The same for a topic that is not in the table (a bridge's), with the metric it feeds. */
    public void record(String topic, String metricName, byte[] payload, InvalidPayloadException reason) {
        counter.inc();
        if (logged.add(topic)) {
            LOG.warnf(
                    "Skipped a payload on %s that is not a %s value (%s): '%s'. The last good value stays; "
                            + "further bad payloads on this topic are only counted in %s.",
                    topic, metricName, reason.getMessage(), excerpt(payload), NAME);
        }
    }

    public double count() {
        return counter.get();
    }

    private static String excerpt(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return text.length() <= LOGGED_PAYLOAD_CHARACTERS ? text : text.substring(0, LOGGED_PAYLOAD_CHARACTERS) + "...";
    }
}
