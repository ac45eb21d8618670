package io.mqttplatform.sysmetrics.sys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadParserTest {

    private static final SysMetric COUNT =
            SysMetricTable.forTopic("$SYS/broker/messages/received").orElseThrow();
    private static final SysMetric UPTIME =
            SysMetricTable.forTopic("$SYS/broker/uptime").orElseThrow();
    private static final SysMetric VERSION =
            SysMetricTable.forTopic("$SYS/broker/version").orElseThrow();

    @ParameterizedTest
    @CsvSource({"0,0", "42,42", "0.25,0.25", "18446744073709551615,1.8446744073709552E19", "' 7 ',7"})
    void numbers_asBrokersWriteThem(String payload, double expected) {
        assertThat(PayloadParser.parse(COUNT, bytes(payload)).number()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-5", "1e3", "NaN", "Infinity", "0x10", "12 seconds", "lots", "1,5", "1.2.3"})
    void anythingElse_isRefusedForANumber_neverReadAs0(String payload) {
        assertThatThrownBy(() -> PayloadParser.parse(COUNT, bytes(payload)))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("non-negative decimal number");
    }

    @ParameterizedTest
    @CsvSource({"12345 seconds,12345", "1 second,1", "0 seconds,0", "77,77"})
    void uptime_withOrWithoutTheUnitWord(String payload, double expected) {
        assertThat(PayloadParser.parse(UPTIME, bytes(payload)).number()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seconds", "12 minutes", "-1 seconds", "1.5 seconds", "NaN seconds"})
    void uptime_refusesOtherDurations(String payload) {
        assertThatThrownBy(() -> PayloadParser.parse(UPTIME, bytes(payload)))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("whole seconds");
    }

    @Test
    void version_isKeptAsText() {
        Reading reading = PayloadParser.parse(VERSION, bytes("mosquitto version 2.0.11"));
        assertThat(reading.text()).isEqualTo("mosquitto version 2.0.11");
        assertThat(reading.number()).isEqualTo(1);
    }

    @Test
    void text_mustBeUtf8_printable_shortAndPresent() {
        assertThatThrownBy(() -> PayloadParser.parse(VERSION, new byte[] {(byte) 0xc3, 0x28}))
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> PayloadParser.parse(VERSION, bytes("a\u0000b")))
                .hasMessageContaining("control");
        assertThatThrownBy(() -> PayloadParser.parse(VERSION, bytes(""))).hasMessageContaining("empty");
        assertThatThrownBy(() -> PayloadParser.parse(VERSION, bytes("v".repeat(201))))
                .hasMessageContaining("200");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
