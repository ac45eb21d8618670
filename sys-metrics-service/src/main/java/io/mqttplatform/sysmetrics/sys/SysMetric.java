package io.mqttplatform.sysmetrics.sys;

import java.util.Objects;

/**
 * One row of the {@link SysMetricTable}: a {@code $SYS} topic and the Prometheus metric it becomes.
 *
 * @param topic  the full topic, e.g. {@code $SYS/broker/bytes/received}
 * @param name   the Prometheus name as scraped, e.g. {@code mqtt_broker_bytes_received_total}
 * @param type   counter, gauge or info
 * @param unit   the base unit the name ends in ({@code seconds}, {@code bytes}), or {@code null}
 * @param help   a full sentence for the {@code # HELP} line
 * @param format how the payload is read
 */
public record SysMetric(String topic, String name, MetricType type, String unit, String help, PayloadFormat format) {

    public SysMetric {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(format, "format");
        if (type == MetricType.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException(name + ": counter names end in _total");
        }
        if (unit != null && !name.replaceFirst("_total$", "").endsWith("_" + unit)) {
            throw new IllegalArgumentException(name + ": a metric in " + unit + " has a name that ends in _" + unit);
        }
        if (!help.endsWith(".")) {
            throw new IllegalArgumentException(name + ": the help text is a full sentence");
        }
    }
}
