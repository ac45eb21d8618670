package io.mqttplatform.sysmetrics.config;

import io.mqttplatform.sysmetrics.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsCheckTest {

    @Test
    void theDefaults_pass() {
        assertThat(SettingsCheck.problems(TestSettings.defaults())).isEmpty();
    }

    @Test
    void eachBadSetting_isNamedWithWhatIsAllowed() {
        TestSettings bad = new TestSettings(Duration.ZERO, 0, Duration.ofSeconds(5), Duration.ofSeconds(1), "yes");
        assertThat(SettingsCheck.problems(bad))
                .containsExactly(
                        "SYS_METRICS_BROKER_SYS_INTERVAL is 0 s; it must be positive (the broker's own SYS_INTERVAL, e.g. 10s)",
                        "SYS_METRICS_BROKER_STALE_AFTER_INTERVALS is 0; it must be 1 or more (default 3)",
                        "SYS_METRICS_BROKER_TLS_HOSTNAME_VERIFICATION is 'yes'; it must be HTTPS (check the certificate names the host) or NONE",
                        "SYS_METRICS_RECONNECT_MAX_DELAY (PT1S) must not be shorter than SYS_METRICS_RECONNECT_INITIAL_DELAY (PT5S)");
    }
}
