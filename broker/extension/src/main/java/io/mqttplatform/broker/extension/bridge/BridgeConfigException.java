package io.mqttplatform.broker.extension.bridge;

/**
 * A {@code BRIDGE_CONFIG} file that cannot be used: the message names the file, the line (when a line is at fault),
 * the setting and what is wrong, e.g. {@code /etc/mqtt/bridges.conf line 4: 'bridge_psk' is a mosquitto bridge setting
 * this broker does not support (...)}.
 */
public class BridgeConfigException extends Exception {

    public BridgeConfigException(String message) {
        super(message);
    }
}
