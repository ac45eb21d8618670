package io.mqttplatform.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.model.PublishResult;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch answers of docs/fixtures/, written byte for byte; the web UI's tests read the same files. */
class BatchAnswerContractTest {

    private static final Path FIXTURES = Path.of("..", "docs", "fixtures");
    private static final PublishResult TEMPERATURE = new PublishResult("lab/room1/temp", 1, true, 4, "acknowledged");

    @Test
    void everyMessageThrough_isTheResultsOfBatchAnswer() throws Exception {
        Response answer = MessagesResource.answer(List.of(
                CompletableFuture.completedFuture(TEMPERATURE),
                CompletableFuture.completedFuture(new PublishResult("lab/room1/raw", 0, false, 3, "accepted"))));

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(fixture("batch-answer.json"));
    }

    @Test
    void oneMessageFailed_isTheProblemOfBatchFailed_withItsRetryAfter() throws Exception {
        Response answer = MessagesResource.answer(List.of(
                CompletableFuture.completedFuture(TEMPERATURE),
                CompletableFuture.failedFuture(Failure.brokerUnavailable("the broker is not reachable", 5))));

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(json(answer)).isEqualTo(fixture("batch-failed.json"));
    }

    private static String json(Response answer) throws Exception {
        return new ObjectMapper().writeValueAsString(answer.getEntity());
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(FIXTURES.resolve(name)).strip();
    }
}
