package io.mqttplatform.broker.extension.health;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerHealthTest {

    private static final long S = 1_000_000_000L;
    private final BrokerHealth health = new BrokerHealth(100 * S);

    @Test
    void beforeTheFirstRoundTrip_notReady_butAliveForThirtySecondsFromStart() {
        health.failed("connection refused");

        assertThat(health.readiness(101 * S).up()).isFalse();
        assertThat(health.readiness(101 * S).explanation()).contains("starting", "connection refused");
        assertThat(health.liveness(129 * S).up()).isTrue();
        assertThat(health.liveness(131 * S).up()).isFalse();
        assertThat(health.liveness(131 * S).explanation()).contains("31.0 s since start", "connection refused");
    }

    @Test
    void afterARoundTrip_readyForTenSeconds_aliveForThirty() {
        health.succeeded(200 * S, 3_500_000);

        assertThat(health.readiness(210 * S).text())
                .isEqualTo("UP: a message went through the broker 10.0 s ago (round trip 3.5 ms)");
        assertThat(health.readiness(211 * S).up()).isFalse();
        assertThat(health.liveness(230 * S).up()).isTrue();
        assertThat(health.liveness(231 * S).up()).isFalse();
    }

    @Test
    void afterFailures_theVerdictSaysTheLastReason() {
        health.succeeded(200 * S, 1_000_000);
        health.failed("no round trip within 5 s (connect, subscribe, receive)");

        HealthVerdict verdict = health.liveness(240 * S);

        assertThat(verdict.text())
                .isEqualTo("DOWN: no message has gone through the broker for 40.0 s (limit 30 s); "
                        + "last failure: no round trip within 5 s (connect, subscribe, receive)");
    }

    @Test
    void aNewRoundTrip_makesItReadyAgain() {
        health.succeeded(200 * S, 1_000_000);
        assertThat(health.readiness(250 * S).up()).isFalse();

        health.succeeded(251 * S, 2_000_000);

        assertThat(health.readiness(252 * S).up()).isTrue();
    }

    @Test
    void whileWarmingUp_notReady_evenAfterARoundTrip_butAlive() {
        health.warmingUp(true);
        health.succeeded(101 * S, 1_000_000);

        assertThat(health.readiness(102 * S).up()).isFalse();
        assertThat(health.readiness(102 * S).explanation()).contains("warming up");
        assertThat(health.liveness(102 * S).up()).isTrue();

        health.warmingUp(false);

        assertThat(health.readiness(102 * S).up()).isTrue();
    }
}
