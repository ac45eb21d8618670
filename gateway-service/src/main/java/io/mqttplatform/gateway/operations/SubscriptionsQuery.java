package io.mqttplatform.gateway.operations;

/**
 * A page of the broker's subscriptions to ask for ({@code GET /api/v1/subscriptions}); a null component is left out.
 *
 * @param topic  only the subscriptions a message on this topic reaches
 * @param filter only the subscriptions within this topic filter
 * @param limit  how many, 1 to 1000 (the broker's default: 100)
 * @param cursor where the previous page ended, as the broker gave it
 */
public record SubscriptionsQuery(String topic, String filter, Integer limit, String cursor) {}
