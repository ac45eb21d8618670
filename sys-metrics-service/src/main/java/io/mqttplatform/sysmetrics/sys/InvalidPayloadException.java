package io.mqttplatform.sysmetrics.sys;

/** A {@code $SYS} payload that does not have the format its metric expects; the message says what was expected. */
public class InvalidPayloadException extends RuntimeException {

    public InvalidPayloadException(String message) {
        super(message, null, false, false);
    }
}
