package io.mqttplatform.sysmetrics.metrics;

import io.mqttplatform.sysmetrics.sys.InvalidPayloadException;
import io.mqttplatform.sysmetrics.sys.SysMetric;
import io.mqttplatform.sysmetrics.sys.SysMetricTable;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class ParseErrorsTest {

    private static final SysMetric CONNECTED =
            SysMetricTable.forTopic("$SYS/broker/clients/connected").orElseThrow();
    private static final SysMetric UPTIME =
            SysMetricTable.forTopic("$SYS/broker/uptime").orElseThrow();

    @Test
    void everyBadPayloadIsCounted_butEachTopicIsLoggedOnce() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(ParseErrors.class.getName());
        logger.addHandler(capture);
        try {
            PrometheusRegistry registry = new PrometheusRegistry();
            ParseErrors errors = new ParseErrors(registry);
            for (int i = 0; i < 3; i++) {
                errors.record(CONNECTED, bytes("lots " + i), new InvalidPayloadException("expected a number"));
            }
            errors.record(UPTIME, bytes("soon"), new InvalidPayloadException("expected whole seconds"));

            assertThat(errors.count()).isEqualTo(4);
            assertThat(registry.scrape().stream().map(s -> s.getMetadata().getPrometheusName()))
                    .contains("mqtt_sys_parse_errors");
            assertThat(logged).hasSize(2);
            assertThat(logged.get(0)).contains("$SYS/broker/clients/connected", "expected a number", "'lots 0'");
            assertThat(logged.get(1)).contains("$SYS/broker/uptime", "'soon'");
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
