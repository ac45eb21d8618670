package io.mqttplatform.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.operations.BrokerOperations;
import io.mqttplatform.gateway.operations.ClientsQuery;
import io.mqttplatform.gateway.operations.SubscriptionsQuery;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.concurrent.CompletionStage;

/**
 * {@code /api/v1/clients} and {@code /api/v1/subscriptions}: the broker's MQTT clients and subscriptions, as its
 * operations API lists them, and disconnecting a client; for API keys with {@code "admin": true}. A client id may hold
 * '/' and anything else: percent-encode what a URL path cannot carry ({@code %2F} stays part of the id). The
 * class-level responses are those of every operation (OpenAPI adds them to each).
 */
@CallerRequired
@SecurityRequirement(name = ApiSecurity.BEARER)
@SecurityRequirement(name = ApiSecurity.ACCESS_TOKEN)
@APIResponse(responseCode = "401", description = "auth is on and the key is missing or not valid")
@APIResponse(responseCode = "403", description = "the API key has no \"admin\": true")
@APIResponse(
        responseCode = "501",
        description = "GATEWAY_BROKER_ADMIN_URL is unset, or the broker has no operations API (mosquitto)")
@APIResponse(responseCode = "502", description = "the broker refused the gateway's admin token")
@APIResponse(responseCode = "503", description = "the broker's operations API is unreachable (see Retry-After)")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    static final String CLIENT_PREFIX = "/api/v1/clients/";

    private final BrokerOperations operations;
    private final CurrentCaller current;

    public OperationsResource(BrokerOperations operations, CurrentCaller current) {
        this.operations = operations;
        this.current = current;
    }

    @GET
    @Path("clients")
    @Operation(
            summary = "List the broker's clients",
            description = "Clients with a session, by id, a page at a time: {items: [client], cursor, total, "
                    + "connected, disconnected}; a client is {id, connected, connectedAt, disconnectedAt, address, "
                    + "protocol, keepAlive, cleanStart, sessionExpiry, username}. Pass the answer's cursor for the "
                    + "next page (null on the last).")
    @APIResponse(responseCode = "200", description = "a page of clients")
    @APIResponse(responseCode = "400", description = "bad limit, connected or cursor")
    public CompletionStage<JsonNode> clients(
            @Parameter(description = "1 to 1000 (default 100)", example = "100") @QueryParam("limit") String limit,
            @Parameter(description = "the cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "a part of the client id, address or user name") @QueryParam("q") String q,
            @Parameter(description = "true: only connected clients; false: only disconnected ones")
                    @QueryParam("connected")
                    String connected) {
        ClientsQuery query = new ClientsQuery(
                QueryParameters.limit(limit, "limit"), cursor, q, QueryParameters.flag(connected, "connected"));
        return operations.clients(current.get(), query);
    }

    @GET
    @Path("clients/{id: .+}")
    @Operation(
            summary = "One of the broker's clients",
            description = "The client with subscriptions: [{filter, qos, noLocal, retainAsPublished}] and "
                    + "queuedMessages.")
    @APIResponse(responseCode = "404", description = "the broker has no such client")
    public CompletionStage<JsonNode> client(@Context HttpServerRequest request) {
        return operations.client(current.get(), clientId(request));
    }

    @DELETE
    @Path("clients/{id: .+}")
    @Operation(
            summary = "Disconnect a client",
            description = "Closes the client's connection; with removeSession=true also removes its session, queued "
                    + "messages and subscriptions. Answers {id, disconnected, sessionRemoved}.")
    @APIResponse(responseCode = "404", description = "the client is neither connected nor has a session")
    @APIResponse(responseCode = "400", description = "bad removeSession")
    public CompletionStage<JsonNode> disconnect(
            @Context HttpServerRequest request,
            @Parameter(description = "true or false (default false)", example = "false") @QueryParam("removeSession")
                    String removeSession) {
        boolean remove = Boolean.TRUE.equals(QueryParameters.flag(removeSession, "removeSession"));
        return operations.disconnect(current.get(), clientId(request), remove);
    }

    /** The client id of a request's raw path: '/' and %2F in it are part of the id. */
    private static String clientId(HttpServerRequest request) {
        return TopicPath.after(request.path(), CLIENT_PREFIX);
    }

    @GET
    @Path("subscriptions")
    @Operation(
            summary = "List the broker's subscriptions",
            description = "The subscriptions a message on topic reaches, those within filter, or all, a page at a "
                    + "time: {items: [{clientId, filter, qos, noLocal, retainAsPublished}], cursor, total}.")
    @APIResponse(responseCode = "200", description = "a page of subscriptions")
    @APIResponse(responseCode = "400", description = "both topic and filter, a bad topic, filter, limit or cursor")
    public CompletionStage<JsonNode> subscriptions(
            @Parameter(description = "a concrete topic", example = "lab/room1/temp") @QueryParam("topic") String topic,
            @Parameter(description = "an MQTT topic filter", example = "lab/#") @QueryParam("filter") String filter,
            @Parameter(description = "1 to 1000 (default 100)", example = "100") @QueryParam("limit") String limit,
            @Parameter(description = "the cursor of the previous page") @QueryParam("cursor") String cursor) {
        if (topic != null && filter != null) {
            throw Failure.invalid("give topic or filter, not both: topic lists the subscriptions a message on it "
                    + "reaches, filter those within it");
        }
        SubscriptionsQuery query = new SubscriptionsQuery(topic, filter, QueryParameters.limit(limit, "limit"), cursor);
        return operations.subscriptions(current.get(), query);
    }
}
