package io.mqttplatform.broker.extension.security;

/**
 * A password or ACL file that cannot be used: the message names the file, the line number (when a line is at fault)
 * and what is wrong, e.g. {@code /etc/mosquitto/acl line 3: 'topic' needs a topic filter}.
 */
public class SecurityFileException extends Exception {

    public SecurityFileException(String message) {
        super(message);
    }
}
