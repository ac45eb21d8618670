package io.mqttplatform.broker.extension.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtensionConfigTest {

    @Test
    void from_withNothingSet_usesMosquittoLikeDefaults() {
        ExtensionConfig config = ExtensionConfig.from(Map.of());

        assertThat(config.sysIntervalSeconds()).isEqualTo(10);
        assertThat(config.sysTreeEnabled()).isTrue();
        assertThat(config.connectionMessages()).isTrue();
        assertThat(config.allowAnonymous()).isTrue();
    }

    @Test
    void from_withSysIntervalZero_turnsTheTreeOff() {
        ExtensionConfig config = ExtensionConfig.from(Map.of("SYS_INTERVAL", "0"));

        assertThat(config.sysTreeEnabled()).isFalse();
    }

    @Test
    void from_withSysIntervalOne_refreshesEverySecond() {
        assertThat(ExtensionConfig.from(Map.of("SYS_INTERVAL", " 1 ")).sysIntervalSeconds()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-3", "abc", "1.5", "86401", "10s"})
    void from_withBadSysInterval_namesTheSettingAndWhatIsAllowed(String value) {
        assertThatThrownBy(() -> ExtensionConfig.from(Map.of("SYS_INTERVAL", value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("SYS_INTERVAL='" + value + "'")
                .hasMessageContaining("from 0 to 86400");
    }

    @Test
    void from_withFalseFlags_turnsThemOff() {
        ExtensionConfig config = ExtensionConfig.from(Map.of("CONNECTION_MESSAGES", "false", "ALLOW_ANONYMOUS", "off"));

        assertThat(config.connectionMessages()).isFalse();
        assertThat(config.allowAnonymous()).isFalse();
    }

    @Test
    void from_withUnreadableFlag_namesTheSetting() {
        assertThatThrownBy(() -> ExtensionConfig.from(Map.of("ALLOW_ANONYMOUS", "maybe")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("ALLOW_ANONYMOUS='maybe' is not valid: expected true or false.");
    }
}
