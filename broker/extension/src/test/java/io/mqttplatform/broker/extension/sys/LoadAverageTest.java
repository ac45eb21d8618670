package io.mqttplatform.broker.extension.sys;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadAverageTest {

    @Test
    void update_withFirstStepOfTenSeconds_weightsTheRateLikeMosquitto() {
        LoadAverage oneMinute = new LoadAverage(LoadAverage.Window.ONE_MINUTE);

        // 10 messages in 10 s = 60 per minute; mosquitto: 60 + exp(-10/60) * (0 - 60) = 9.2111
        assertThat(oneMinute.update(10, 10)).isCloseTo(9.2111, within(0.0001));
    }

    @Test
    void update_withSteadyRate_convergesToThatRatePerMinute() {
        LoadAverage oneMinute = new LoadAverage(LoadAverage.Window.ONE_MINUTE);
        for (int i = 0; i < 360; i++) {
            oneMinute.update(5, 10); // 30 per minute for an hour
        }

        assertThat(oneMinute.value()).isCloseTo(30.0, within(0.001));
    }

    @Test
    void update_withLongerWindow_reactsMoreSlowly() {
        LoadAverage one = new LoadAverage(LoadAverage.Window.ONE_MINUTE);
        LoadAverage fifteen = new LoadAverage(LoadAverage.Window.FIFTEEN_MINUTES);

        one.update(100, 10);
        fifteen.update(100, 10);

        // 600 per minute; 15 min window: 600 * (1 - exp(-10/900)) = 6.6298
        assertThat(fifteen.value()).isCloseTo(6.6298, within(0.0001));
        assertThat(one.value()).isGreaterThan(fifteen.value());
    }

    @Test
    void update_afterTrafficStops_decaysTowardsZero() {
        LoadAverage fiveMinutes = new LoadAverage(LoadAverage.Window.FIVE_MINUTES);
        fiveMinutes.update(600, 60);
        double busy = fiveMinutes.value();

        fiveMinutes.update(0, 60);

        assertThat(fiveMinutes.value()).isCloseTo(busy * Math.exp(-60.0 / 300.0), within(1e-9));
    }
}
