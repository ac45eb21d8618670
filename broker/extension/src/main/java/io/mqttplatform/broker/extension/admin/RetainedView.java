package io.mqttplatform.broker.extension.admin;

/** A retained message as the operations API lists it: its topic, QoS and size, not its payload. */
public record RetainedView(String topic, int qos, int payloadBytes) {}
