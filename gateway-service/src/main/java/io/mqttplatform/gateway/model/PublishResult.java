package io.mqttplatform.gateway.model;

/**
 * What happened to one published message.
 *
 * @param status {@code accepted} (QoS 0: handed to the broker connection) or {@code acknowledged} (QoS 1/2: the
 *               broker confirmed it), or for a failed batch member the HTTP status text of its failure
 * @param bytes  payload size in bytes
 */
public record PublishResult(String topic, int qos, boolean retain, int bytes, String status)
        implements BatchItemResult {}
