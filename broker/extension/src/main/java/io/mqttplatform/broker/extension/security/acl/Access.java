package io.mqttplatform.broker.extension.security.acl;

/** What a client does with a topic: receives a message on it, or publishes to it. */
public enum Access {
    READ,
    WRITE
}
