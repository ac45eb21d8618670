package io.mqttplatform.broker.extension.sys;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SysTopicsTest {

    @ParameterizedTest
    @CsvSource({
        "$SYS, true",
        "$SYS/broker/version, true",
        "$SYS/, true",
        "$SYSTEM/x, false",
        "lab/$SYS/x, false",
        "sys/broker, false"
    })
    void isSysTopic_matchesOnlyTheBrokersOwnTree(String topic, boolean expected) {
        assertThat(SysTopics.isSysTopic(topic)).isEqualTo(expected);
    }
}
