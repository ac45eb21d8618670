package io.mqttplatform.gateway.model;

import java.util.List;

/**
 * The answer of GET /api/v1/access: what the caller may do. With auth off everyone may do everything, and
 * {@code key} is null.
 *
 * @param key       the API key's id, or null when the gateway requires none
 * @param publish   topic filters the caller may publish to
 * @param subscribe topic filters the caller may subscribe to and read retained messages of
 * @param admin     whether the caller may use the operations API (clients, subscriptions)
 */
public record Access(String key, List<String> publish, List<String> subscribe, boolean admin) {}
