package io.mqttplatform.gateway.model;

/** A batch member that was not published: its position in the request, and the status and detail of its failure. */
public record BatchItemFailure(int index, int status, String detail) implements BatchItemResult {}
