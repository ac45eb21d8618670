package io.mqttplatform.gateway.rest;

import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import io.mqttplatform.gateway.auth.ApiKeyStore;
import io.mqttplatform.gateway.model.RetainedMessage;
import io.mqttplatform.gateway.model.RetainedMessages;
import io.mqttplatform.gateway.mqtt.BrokerClient;
import io.mqttplatform.gateway.mqtt.RetainedReader;
import io.mqttplatform.gateway.mqtt.TopicRules;
import io.mqttplatform.gateway.publish.Payloads;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.concurrent.CompletionStage;

/** {@code GET /api/v1/retained/{filter}}: the retained messages that match a topic filter. */
@Path("/api/v1/retained")
public class RetainedResource {

    static final String PREFIX = "/api/v1/retained/";

    private final RetainedReader reader;
    private final BrokerClient broker;
    private final ApiKeyStore keys;

    public RetainedResource(RetainedReader reader, BrokerClient broker, ApiKeyStore keys) {
        this.reader = reader;
        this.broker = broker;
        this.keys = keys;
    }

    @GET
    @Path("{filter: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Read the retained messages matching a topic filter",
            description =
                    "Wildcards allowed: '+' as is, '#' as %23, e.g. /api/v1/retained/lab/%23. Payloads that are not "
                            + "valid UTF-8 come base64-encoded (encoding: base64).")
    @APIResponse(responseCode = "200", description = "{filter, messages: [{topic, payload, encoding, qos}], truncated}")
    @APIResponse(responseCode = "400", description = "malformed filter")
    @APIResponse(responseCode = "503", description = "broker unreachable")
    public CompletionStage<RetainedMessages> read(
            @Context HttpServerRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("access_token") String accessToken) {
        var caller = keys.authenticate(authorization, accessToken);
        String filter = TopicPath.after(request.path(), PREFIX);
        MqttTopicFilter parsed = TopicRules.filter(filter);
        caller.requireSubscribe(filter);
        if (!broker.isConnected()) {
            throw broker.unavailable();
        }
        return reader.read(parsed)
                .<RetainedMessages>thenApply(RetainedResource::answer)
                .exceptionally(error -> {
                    throw broker.unavailable().with("cause", "reading retained messages failed: " + error.getMessage());
                });
    }

    private static RetainedMessages answer(RetainedReader.Found found) {
        return new RetainedMessages(
                found.filter(),
                found.messages().stream()
                        .map(message -> {
                            Payloads.Text payload = Payloads.toText(message.getPayloadAsBytes());
                            return new RetainedMessage(
                                    message.getTopic().toString(),
                                    payload.payload(),
                                    payload.encoding(),
                                    message.getQos().getCode());
                        })
                        .toList(),
                found.truncated());
    }
}
