package io.mqttplatform.gateway.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FilterCoverageTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "lab/#, lab/a/temp, true",
        "lab/#, lab, true",
        "lab/#, lab/+/temp, true",
        "lab/#, lab/#, true",
        "lab/#, #, false",
        "lab/#, other/x, false",
        "lab/+/temp, lab/a/temp, true",
        "lab/+/temp, lab/+/temp, true",
        "lab/+/temp, lab/#, false",
        "lab/+/temp, lab/a/b/temp, false",
        "lab/+, lab/a/b, false",
        "lab/a, lab/a, true",
        "lab/a, lab/b, false",
        "lab//x, lab//x, true",
        "lab/+/x, lab//x, true",
        "#, lab/anything, true",
        "#, $SYS/broker/uptime, false",
        "+/broker/uptime, $SYS/broker/uptime, false",
        "$SYS/#, $SYS/broker/uptime, true",
        "$SYS/#, $SYS/#, true"
    })
    void covers_followsMqttMatchingForWholeFilters(String allowed, String requested, boolean expected) {
        assertThat(FilterCoverage.covers(allowed, requested)).isEqualTo(expected);
    }
}
