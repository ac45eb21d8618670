package io.mqttplatform.sysmetrics.state;

import io.mqttplatform.sysmetrics.sys.Reading;
import io.mqttplatform.sysmetrics.sys.SysMetric;
import io.mqttplatform.sysmetrics.sys.SysMetricTable;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerStateTest {

    private static final SysMetric CONNECTED =
            SysMetricTable.forTopic("$SYS/broker/clients/connected").orElseThrow();

    private final MutableClock clock = new MutableClock();
    private final BrokerState state = new BrokerState(clock, Duration.ofSeconds(30));

    @Test
    void notUp_untilConnectedAndSysArrived() {
        assertThat(state.freshness().up()).isFalse();
        assertThat(state.freshness().reason()).contains("not connected");
        state.connected();
        assertThat(state.freshness().up()).isFalse();
        assertThat(state.freshness().reason()).contains("no $SYS message arrived yet");
        state.touch();
        assertThat(state.freshness().up()).isTrue();
        assertThat(state.freshness().reason()).isEmpty();
    }

    @Test
    void stale_afterTheWindowWithoutUpdates_freshAgainWithTheNextOne() {
        state.connected();
        state.touch();
        clock.advance(Duration.ofSeconds(30));
        assertThat(state.freshness().up()).as("exactly at the window").isTrue();
        clock.advance(Duration.ofMillis(1));
        Freshness stale = state.freshness();
        assertThat(stale.up()).isFalse();
        assertThat(stale.connected()).isTrue();
        assertThat(stale.reason()).contains("no $SYS message for 30 s (stale after 30 s)");
        state.touch();
        assertThat(state.freshness().up()).isTrue();
    }

    @Test
    void lostConnection_dropsTheValues_butKeepsWhenTheLastUpdateWas() {
        state.connected();
        state.touch();
        state.record(CONNECTED, Reading.ofNumber(5));
        assertThat(state.values()).containsEntry(CONNECTED, Reading.ofNumber(5));
        state.disconnected();
        assertThat(state.values()).isEmpty();
        assertThat(state.freshness().up()).isFalse();
        assertThat(state.freshness().lastUpdate()).isEqualTo(clock.instant());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
