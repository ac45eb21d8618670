package io.mqttplatform.gateway.model;

/**
 * A message as WebSocket and SSE clients receive it:
 * {@code {"type":"message","topic","payload","encoding","qos","retain","receivedAt"}}.
 *
 * @param encoding   {@code utf-8} when the payload bytes are valid UTF-8 text, else {@code base64}
 * @param receivedAt when the gateway received it from the broker (ISO-8601, UTC)
 */
public record MessageFrame(String type, String topic, String payload, String encoding, int qos, boolean retain,
                           String receivedAt) {
}
