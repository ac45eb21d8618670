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
        assertThat(config.healthPort()).isEqualTo(8889);
        assertThat(config.healthBindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.persistence()).isEqualTo("file");
        assertThat(config.incomingBandwidth()).isZero();
        assertThat(config.backPressureEnabled()).isTrue();
        assertThat(config.backlogPerConnection()).isEqualTo(4L * 1024 * 1024);
        assertThat(config.backlogTotal()).isEqualTo(Runtime.getRuntime().maxMemory() / 8);
        assertThat(config.warmupSeconds()).isEqualTo(20);
        assertThat(config.warmupEnabled()).isTrue();
    }

    @Test
    void from_withWarmupZeroOrNoHealthEndpoints_hasNoWarmup() {
        assertThat(ExtensionConfig.from(Map.of("BROKER_WARMUP_SECONDS", "0")).warmupEnabled())
                .isFalse();
        assertThat(ExtensionConfig.from(Map.of("BROKER_WARMUP_SECONDS", "5", "HEALTH_PORT", "0"))
                        .warmupEnabled())
                .as("its clients use the health probe's identity")
                .isFalse();
        assertThat(ExtensionConfig.from(Map.of("BROKER_WARMUP_SECONDS", " 300 "))
                        .warmupSeconds())
                .isEqualTo(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "301", "10s", "2.5"})
    void from_withBadWarmup_namesTheSettingAndWhatIsAllowed(String value) {
        assertThatThrownBy(() -> ExtensionConfig.from(Map.of("BROKER_WARMUP_SECONDS", value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("BROKER_WARMUP_SECONDS='" + value + "' is not valid: expected a whole number of "
                        + "seconds from 0 to 300 (0 turns the warm-up off).");
    }

    @Test
    void from_withBacklogLimits_takesThemAndZeroPerConnectionTurnsBackPressureOff() {
        ExtensionConfig config = ExtensionConfig.from(
                Map.of("BROKER_BACKLOG_PER_CONNECTION", " 1048576 ", "BROKER_BACKLOG_TOTAL", "33554432"));
        assertThat(config.backlogPerConnection()).isEqualTo(1_048_576);
        assertThat(config.backlogTotal()).isEqualTo(33_554_432);

        assertThat(ExtensionConfig.from(Map.of("BROKER_BACKLOG_PER_CONNECTION", "0"))
                        .backPressureEnabled())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "4MiB", "1.5"})
    void from_withBadBacklogPerConnection_namesTheSettingAndWhatIsAllowed(String value) {
        assertThatThrownBy(() -> ExtensionConfig.from(Map.of("BROKER_BACKLOG_PER_CONNECTION", value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("BROKER_BACKLOG_PER_CONNECTION='" + value + "' is not valid: expected a whole number of "
                        + "bytes, 0 or more (0 turns the read back-pressure off).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "lots"})
    void from_withBadBacklogTotal_namesTheSettingAndWhatIsAllowed(String value) {
        assertThatThrownBy(() -> ExtensionConfig.from(Map.of("BROKER_BACKLOG_TOTAL", value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("BROKER_BACKLOG_TOTAL='" + value + "' is not valid: expected a whole number of bytes, 1 or "
                        + "more.");
    }

    @Test
    void from_withHealthPortZero_turnsTheHealthEndpointsOff() {
        assertThat(ExtensionConfig.from(Map.of("HEALTH_PORT", "0")).healthEnabled())
                .isFalse();
    }

    @Test
    void from_withInMemoryPersistenceAndNoBandwidthCap_takesThem() {
        ExtensionConfig config =
                ExtensionConfig.from(Map.of("BROKER_PERSISTENCE", " In-Memory ", "BROKER_INCOMING_BANDWIDTH", "0"));

        assertThat(config.persistence()).isEqualTo("in-memory");
        assertThat(config.incomingBandwidth()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "2MB", "1.5"})
    void from_withBadBandwidth_namesTheSettingAndWhatIsAllowed(String value) {
        assertThatThrownBy(() -> ExtensionConfig.from(Map.of("BROKER_INCOMING_BANDWIDTH", value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("BROKER_INCOMING_BANDWIDTH='" + value + "' is not valid: expected a whole number of bytes "
                        + "per second, 0 or more (0 = no cap).");
    }

    @Test
    void from_withUnknownPersistence_namesWhatIsAllowed() {
        assertThatThrownBy(() -> ExtensionConfig.from(Map.of("BROKER_PERSISTENCE", "disk")))
                .hasMessage("BROKER_PERSISTENCE='disk' is not valid: expected file or in-memory.");
    }

    @Test
    void from_withSysIntervalZero_turnsTheTreeOff() {
        ExtensionConfig config = ExtensionConfig.from(Map.of("SYS_INTERVAL", "0"));

        assertThat(config.sysTreeEnabled()).isFalse();
    }

    @Test
    void from_withSysIntervalOne_refreshesEverySecond() {
        assertThat(ExtensionConfig.from(Map.of("SYS_INTERVAL", " 1 ")).sysIntervalSeconds())
                .isEqualTo(1);
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
