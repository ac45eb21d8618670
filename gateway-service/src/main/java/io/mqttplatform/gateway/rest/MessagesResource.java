package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.model.BatchItemFailure;
import io.mqttplatform.gateway.model.BatchItemResult;
import io.mqttplatform.gateway.model.PublishResult;
import io.mqttplatform.gateway.publish.MessageBatchParser;
import io.mqttplatform.gateway.publish.PublishService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /api/v1/messages}: one JSON message, or a batch. A batch is checked whole before anything is sent;
 * then all messages go out in order on the gateway's connection, and the answer has one result per message. If any
 * failed to reach the broker, the answer is that failure's problem document with the results, so a client sees
 * exactly which messages to send again.
 */
@CallerRequired
@SecurityRequirement(name = ApiSecurity.BEARER)
@SecurityRequirement(name = ApiSecurity.ACCESS_TOKEN)
@Path("/api/v1/messages")
public class MessagesResource {

    private final PublishService publisher;
    private final CurrentCaller current;
    private final MessageBatchParser parser;

    public MessagesResource(PublishService publisher, CurrentCaller current, MessageBatchParser parser) {
        this.publisher = publisher;
        this.current = current;
        this.parser = parser;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Publish one JSON message or a batch",
            description =
                    "A message is {topic, payload, encoding (utf-8 default, or base64), qos (default 1), retain}. "
                            + "A batch is an array of them, checked whole before anything is published.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "one",
                                        value =
                                                "{\"topic\":\"lab/room1/temp\",\"payload\":\"21.5\",\"qos\":1,\"retain\":true}"),
                                @ExampleObject(
                                        name = "batch",
                                        value =
                                                "[{\"topic\":\"lab/a\",\"payload\":\"1\"},"
                                                        + "{\"topic\":\"lab/b\",\"payload\":\"AAEC\",\"encoding\":\"base64\",\"qos\":0}]")
                            }))
    @APIResponse(responseCode = "200", description = "every message handed over, and QoS 1/2 ones acknowledged")
    @APIResponse(
            responseCode = "202",
            description = "a single QoS 0 message, or a batch of QoS 0 messages, handed over")
    @APIResponse(
            responseCode = "400",
            description = "malformed JSON or invalid messages (nothing published)",
            content = @Content(mediaType = Problems.PROBLEM_JSON))
    @APIResponse(responseCode = "413", description = "a payload over the limit, or too many messages")
    @APIResponse(responseCode = "503", description = "broker unreachable; results say which messages got through")
    public CompletionStage<Response> publish(byte[] body) {
        MessageBatchParser.Batch batch = parser.parse(body, current.get());
        if (batch.single()) {
            return publisher.send(batch.messages().get(0)).thenApply(PublishAnswer::of);
        }
        List<CompletableFuture<PublishResult>> sent =
                new ArrayList<>(batch.messages().size());
        for (PublishService.Checked message : batch.messages()) {
            sent.add(publisher.send(message));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).handle((done, error) -> answer(sent));
    }

    /** The answer to a batch once every message is settled: 200/202 with a result per message, or the first failure
     * as a problem document with every result (docs/fixtures/batch-answer.json, batch-failed.json). */
    static Response answer(List<CompletableFuture<PublishResult>> sent) {
        List<BatchItemResult> results = new ArrayList<>(sent.size());
        Failure firstFailure = null;
        boolean allQos0 = true;
        for (int i = 0; i < sent.size(); i++) {
            try {
                PublishResult result = sent.get(i).join();
                allQos0 &= result.qos() == 0;
                results.add(result);
            } catch (RuntimeException e) {
                Failure failure = Failure.from(e);
                firstFailure = firstFailure == null ? failure : firstFailure;
                results.add(new BatchItemFailure(i, failure.kind().status(), failure.detail()));
            }
        }
        if (firstFailure != null) {
            long failed =
                    results.stream().filter(BatchItemFailure.class::isInstance).count();
            return Problems.response(
                    firstFailure,
                    failed + " of " + sent.size() + " messages were not published: " + firstFailure.detail(),
                    Map.of("results", results));
        }
        return Response.status(allQos0 ? 202 : 200)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("results", results))
                .build();
    }
}
