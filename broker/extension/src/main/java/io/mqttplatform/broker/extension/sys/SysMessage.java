package io.mqttplatform.broker.extension.sys;

/** One retained $SYS message to publish: a topic and its text payload. */
public record SysMessage(String topic, String payload) {}
