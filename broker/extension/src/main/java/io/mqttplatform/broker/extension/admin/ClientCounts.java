package io.mqttplatform.broker.extension.admin;

/** How many clients are connected now, and how many have a session but no connection. */
public record ClientCounts(long connected, long disconnected) {}
