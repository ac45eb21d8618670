package io.mqttplatform.gateway.live;

/**
 * One server frame as written: its {@code type} (the SSE event name) and its JSON text (the WebSocket text frame, the
 * SSE data). Only {@link Frames} makes them.
 */
public record Frame(String type, String json) {}
