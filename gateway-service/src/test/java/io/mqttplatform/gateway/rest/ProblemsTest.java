package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.failure.FailureKind;
import io.mqttplatform.gateway.failure.InvalidBatch;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failure from below becomes at the top: its status, title, headers and members (RFC 9457). */
class ProblemsTest {

    @Test
    void aFailureGivenAnotherDetailKeepsItsKindRetryHintAndCause() {
        Failure original =
                Failure.brokerUnavailable("the broker is not reachable", 5).withCause("x");

        Failure named = original.withDetail("messages[3]: " + original.detail());

        assertThat(named.kind()).isEqualTo(FailureKind.BROKER_UNAVAILABLE);
        assertThat(named.detail()).isEqualTo("messages[3]: the broker is not reachable");
        Response answer = Problems.response(named);
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(body(answer)).containsEntry("title", "Broker unavailable").containsEntry("cause", "x");
    }

    @Test
    void aBrokerOverItsQuotaIsUnavailable_withoutARetryHint() {
        Response answer = Problems.response(Failure.brokerUnavailable("QUOTA_EXCEEDED", 0));

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void aMissingKeyAsksForABearerToken() {
        Response answer = Problems.response(Failure.unauthenticated("an API key is required"));

        assertThat(answer.getStatus()).isEqualTo(401);
        assertThat(answer.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.getMediaType().toString()).isEqualTo(Problems.PROBLEM_JSON);
        assertThat(body(answer)).containsEntry("title", "Unauthorized").containsEntry("type", "about:blank");
    }

    @Test
    void anInvalidBatchListsEachInvalidMessageWithItsStatus() {
        InvalidBatch batch = new InvalidBatch(
                FailureKind.FORBIDDEN,
                "1 of 2 messages are invalid, so none was published; the first: no",
                List.of(new InvalidBatch.Item(1, Failure.forbidden("no"))));

        Response answer = Problems.response(batch);

        assertThat(answer.getStatus()).isEqualTo(403);
        assertThat(body(answer))
                .containsEntry("title", "Invalid messages")
                .containsEntry("errors", List.of(Map.of("index", 1, "status", 403, "detail", "no")));
    }

    @Test
    void everyKindHasATitleAndTheStatusItsFramesCarryToo() {
        for (FailureKind kind : FailureKind.values()) {
            Response answer = Problems.response(Failure.of(kind, "d"));
            assertThat(answer.getStatus()).as(kind.name()).isEqualTo(kind.status());
            assertThat((String) body(answer).get("title")).as(kind.name()).isNotBlank();
            assertThat(kind.callersFault()).as(kind.name()).isEqualTo(kind.status() < 500);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response answer) {
        return (Map<String, Object>) answer.getEntity();
    }
}
