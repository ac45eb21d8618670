package io.mqttplatform.gateway.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionTest {

    @Test
    void aProblemGivenAnotherDetailKeepsItsStatusHeadersAndMembers() {
        ProblemException original = ProblemException.brokerUnavailable("the broker is not reachable", 5)
                .with("cause", "x");

        ProblemException named = original.withDetail("messages[3]: " + original.detail());

        assertThat(named.status()).isEqualTo(503);
        assertThat(named.title()).isEqualTo(original.title());
        assertThat(named.detail()).isEqualTo("messages[3]: the broker is not reachable");
        assertThat(named.headers()).containsEntry("Retry-After", "5");
        assertThat(named.extensions()).containsEntry("cause", "x");
    }
}
