package io.mqttplatform.gateway.model;

/** One retained message of a GET /api/v1/retained/{filter} answer. */
public record RetainedMessage(String topic, String payload, String encoding, int qos) {}
