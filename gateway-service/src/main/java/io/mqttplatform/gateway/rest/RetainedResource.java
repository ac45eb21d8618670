package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.model.RetainedMessages;
import io.mqttplatform.gateway.retained.RetainedReads;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.concurrent.CompletionStage;

/** {@code GET /api/v1/retained/{filter}}: the retained messages that match a topic filter. */
@CallerRequired
@SecurityRequirement(name = ApiSecurity.BEARER)
@SecurityRequirement(name = ApiSecurity.ACCESS_TOKEN)
@Path("/api/v1/retained")
public class RetainedResource {

    static final String PREFIX = "/api/v1/retained/";

    private final RetainedReads reads;
    private final CurrentCaller current;

    public RetainedResource(RetainedReads reads, CurrentCaller current) {
        this.reads = reads;
        this.current = current;
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
            @Context HttpServerRequest request, @QueryParam("access_token") String accessToken) {
        return reads.read(current.get(), TopicPath.after(request.path(), PREFIX));
    }
}
