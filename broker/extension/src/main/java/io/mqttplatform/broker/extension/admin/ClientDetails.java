package io.mqttplatform.broker.extension.admin;

import java.util.List;

/** One client in full: its record, its subscriptions and how many messages wait for it (null: HiveMQ did not say). */
public record ClientDetails(ClientRecord client, List<SubscriptionView> subscriptions, Integer queuedMessages) {}
