package io.mqttplatform.sysmetrics.sys;

/** How a {@code $SYS} value is exported: the Prometheus type follows what the value means, not how it is sent. */
public enum MetricType {
    /** A cumulative value that only grows until the broker restarts (exported with {@code _total}). */
    COUNTER,
    /** A current value that can go up and down, or a maximum seen so far. */
    GAUGE,
    /** A text value exported as the label of a metric whose value is always 1. */
    INFO
}
