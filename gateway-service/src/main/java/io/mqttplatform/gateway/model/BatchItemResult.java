package io.mqttplatform.gateway.model;

/**
 * One entry of a batch answer ({@code POST /api/v1/messages} with an array): a {@link PublishResult} for a message
 * that got through, a {@link BatchItemFailure} for one that did not.
 */
public sealed interface BatchItemResult permits PublishResult, BatchItemFailure {}
