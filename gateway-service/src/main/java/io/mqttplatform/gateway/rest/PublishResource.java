package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.publish.PublishService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.concurrent.CompletionStage;

/** {@code POST /api/v1/topics/{topic}}: publish the raw request body to a topic. */
@CallerRequired
@SecurityRequirement(name = ApiSecurity.BEARER)
@SecurityRequirement(name = ApiSecurity.ACCESS_TOKEN)
@Path("/api/v1/topics")
public class PublishResource {

    static final String PREFIX = "/api/v1/topics/";

    private final PublishService publisher;
    private final CurrentCaller current;

    public PublishResource(PublishService publisher, CurrentCaller current) {
        this.publisher = publisher;
        this.current = current;
    }

    @POST
    @Path("{topic: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Publish the request body to a topic",
            description =
                    "The body is the payload, byte for byte. Slashes separate topic levels; percent-encode "
                            + "anything else (%23 for '#', %2B is not needed: '+' is literal in paths but refused as a wildcard).")
    @RequestBody(content = @Content(mediaType = "text/plain", examples = @ExampleObject(name = "text", value = "21.5")))
    @APIResponse(responseCode = "200", description = "QoS 1 or 2: the broker acknowledged the message")
    @APIResponse(responseCode = "202", description = "QoS 0: handed to the broker connection")
    @APIResponse(
            responseCode = "400",
            description = "bad topic, qos or retain",
            content = @Content(mediaType = Problems.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "missing or wrong API key")
    @APIResponse(responseCode = "403", description = "topic not allowed for this key, or a $-topic")
    @APIResponse(responseCode = "413", description = "payload over the limit")
    @APIResponse(responseCode = "503", description = "broker unreachable (see Retry-After)")
    @APIResponse(responseCode = "504", description = "no acknowledgement in time")
    public CompletionStage<Response> publish(
            @Context HttpServerRequest request,
            @Parameter(description = "0, 1 or 2", example = "1") @QueryParam("qos") String qos,
            @Parameter(description = "true or false", example = "false") @QueryParam("retain") String retain,
            byte[] body) {
        Caller caller = current.get();
        String topic = TopicPath.after(request.path(), PREFIX);
        PublishService.Checked checked = publisher.check(
                caller,
                topic,
                body == null ? new byte[0] : body,
                QueryParameters.qos(qos, "qos"),
                QueryParameters.retain(retain, "retain"));
        return publisher.send(checked).thenApply(PublishAnswer::of);
    }
}
