package io.mqttplatform.broker.extension.bridge;

/**
 * A bridge's state and counters, for the log, {@code $SYS} and metrics.
 *
 * @param name      the connection name
 * @param connected whether it is connected to the remote broker now
 * @param address   the remote broker it is connected to (null when not)
 * @param sent      messages the remote broker acknowledged (QoS 0: sent)
 * @param received  messages it brought in from the remote broker
 * @param queued    messages waiting for the remote broker
 * @param dropped   messages it gave up: its queue full, or QoS 0 while the remote broker was away
 */
public record BridgeStatus(
        String name, boolean connected, String address, long sent, long received, int queued, long dropped) {}
