package io.mqttplatform.sysmetrics.sys;

/** The formats brokers use for {@code $SYS} payloads, and how to read each. */
public enum PayloadFormat {
    /** A non-negative decimal number such as {@code 42} or {@code 0.25}. */
    NUMBER,
    /** A duration such as {@code 12345 seconds} (mosquitto's uptime); the unit word is optional. */
    SECONDS,
    /** Free text such as {@code mosquitto version 2.0.11}. */
    TEXT
}
