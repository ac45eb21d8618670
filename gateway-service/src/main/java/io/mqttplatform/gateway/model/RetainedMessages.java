package io.mqttplatform.gateway.model;

import java.util.List;

/**
 * The answer of GET /api/v1/retained/{filter}.
 *
 * @param truncated true when more retained messages matched than one answer returns
 */
public record RetainedMessages(String filter, List<RetainedMessage> messages, boolean truncated) {}
