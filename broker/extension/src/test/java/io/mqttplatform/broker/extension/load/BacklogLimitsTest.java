package io.mqttplatform.broker.extension.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BacklogLimitsTest {

    private static final long MIB = 1024 * 1024;
    private final BacklogLimits limits = new BacklogLimits(4 * MIB, 64 * MIB);

    @Test
    void cost_isThePayloadPlusTheMessageOverhead() {
        assertThat(BacklogLimits.cost(0)).isEqualTo(16 * 1024);
        assertThat(BacklogLimits.cost(256 * 1024)).isEqualTo(256 * 1024 + 16 * 1024);
    }

    @Test
    void aConnectionPausesAfterAbout250SmallMessages_orSixteenLargeFrames() {
        assertThat(limits.shouldPause(250 * BacklogLimits.cost(100), 0)).isFalse();
        assertThat(limits.shouldPause(256 * BacklogLimits.cost(100), 0)).isTrue();
        assertThat(limits.shouldPause(14 * BacklogLimits.cost(256 * 1024), 0)).isFalse();
        assertThat(limits.shouldPause(16 * BacklogLimits.cost(256 * 1024), 0)).isTrue();
    }

    @Test
    void shouldPause_aConnectionAtItsOwnLimit_whateverTheTotal() {
        assertThat(limits.shouldPause(4 * MIB - 1, 4 * MIB - 1)).isFalse();
        assertThat(limits.shouldPause(4 * MIB, 4 * MIB)).isTrue();
    }

    @Test
    void shouldPause_atTheTotal_onlyTheConnectionsThatContributeToIt() {
        assertThat(limits.shouldPause(MIB, 64 * MIB)).isTrue();
        assertThat(limits.shouldPause(BacklogLimits.CONTRIBUTING_BYTES, 64 * MIB))
                .isFalse();
        assertThat(limits.shouldPause(MIB, 64 * MIB - 1)).isFalse();
    }

    @Test
    void mayResume_onlyOnceTheBacklogIsDownToHalf_andTheTotalBelowThreeQuarters() {
        assertThat(limits.mayResume(2 * MIB + 1, 0)).isFalse();
        assertThat(limits.mayResume(2 * MIB, 0)).isTrue();
        assertThat(limits.mayResume(MIB, 48 * MIB)).isFalse();
        assertThat(limits.mayResume(MIB, 48 * MIB - 1)).isTrue();
        // a connection that no longer contributes reads again even while others hold the total up
        assertThat(limits.mayResume(BacklogLimits.CONTRIBUTING_BYTES, 64 * MIB)).isTrue();
    }

    @Test
    void aPausedConnectionIsNotResumedAtOnce_soReadsDoNotFlapAtTheLimit() {
        long own = 4 * MIB;
        assertThat(limits.shouldPause(own, own)).isTrue();
        assertThat(limits.mayResume(own - BacklogLimits.cost(256 * 1024), own)).isFalse();
    }

    @Test
    void rejectsLimitsThatAreNotPositive() {
        assertThatThrownBy(() -> new BacklogLimits(0, MIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
