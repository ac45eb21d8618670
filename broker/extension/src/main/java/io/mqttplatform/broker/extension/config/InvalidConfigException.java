package io.mqttplatform.broker.extension.config;

/** A setting whose value cannot be used; the message names the variable, the value and what is allowed. */
public class InvalidConfigException extends RuntimeException {

    public InvalidConfigException(String variable, String value, String allowed) {
        super(variable + "='" + value + "' is not valid: expected " + allowed + ".");
    }
}
