package io.mqttplatform.gateway.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttplatform.gateway.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletionStage;

/**
 * Operating the broker for a caller: the caller's right to (an API key with {@code "admin": true}, forbidden
 * otherwise), then the broker's operations API, whose JSON answers are the gateway's (docs/interfaces.md, "Broker",
 * "Operations API"): the broker owns that format, so the gateway passes it on as it is, new fields included.
 */
@ApplicationScoped
public class BrokerOperations {

    private final OperationsApiClient broker;

    public BrokerOperations(OperationsApiClient broker) {
        this.broker = broker;
    }

    /** {@code {items: [client], cursor, total, connected, disconnected}}. */
    public CompletionStage<JsonNode> clients(Caller caller, ClientsQuery query) {
        caller.requireAdmin();
        return broker.get(OperationsPaths.clients(query));
    }

    /** One client with its subscriptions and queued messages; not found when the broker does not know it. */
    public CompletionStage<JsonNode> client(Caller caller, String id) {
        caller.requireAdmin();
        return broker.get(OperationsPaths.client(id));
    }

    /** Closes the client's connection, and removes its session too with {@code removeSession}. */
    public CompletionStage<JsonNode> disconnect(Caller caller, String id, boolean removeSession) {
        caller.requireAdmin();
        return broker.delete(OperationsPaths.connection(id, removeSession));
    }

    /** {@code {items: [{clientId, filter, qos, noLocal, retainAsPublished}], cursor, total}}. */
    public CompletionStage<JsonNode> subscriptions(Caller caller, SubscriptionsQuery query) {
        caller.requireAdmin();
        return broker.get(OperationsPaths.subscriptions(query));
    }
}
