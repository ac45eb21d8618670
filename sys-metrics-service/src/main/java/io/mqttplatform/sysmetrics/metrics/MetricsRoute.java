package io.mqttplatform.sysmetrics.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Serves the registry at {@code /metrics} and {@code /q/metrics}: OpenMetrics when the scraper asks for it (Prometheus
 * does), else the Prometheus text format 0.0.4.
 */
@ApplicationScoped
public class MetricsRoute {

    private static final Logger LOG = Logger.getLogger(MetricsRoute.class);
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    @Inject
    PrometheusRegistry registry;

    void routes(@Observes Router router) {
        router.get("/metrics").handler(this::scrape);
        router.get("/q/metrics").handler(this::scrape);
    }

    private void scrape(RoutingContext context) {
        ExpositionFormatWriter writer = FORMATS.findWriter(context.request().getHeader(HttpHeaders.ACCEPT));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(body, registry.scrape());
        } catch (IOException | RuntimeException e) {
            LOG.error("Scrape failed", e);
            context.response().setStatusCode(500).end("scrape failed: " + e.getMessage());
            return;
        }
        context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, writer.getContentType())
                .end(Buffer.buffer(body.toByteArray()));
    }
}
