package io.mqttplatform.sysmetrics.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Refuses to start with settings that cannot work, naming each variable, what it was and what is allowed. */
@ApplicationScoped
public class SettingsCheck {

    void onStart(@Observes StartupEvent event, SysMetricsConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid settings: " + String.join("; ", problems));
        }
    }

    static List<String> problems(SysMetricsConfig config) {
        List<String> problems = new ArrayList<>();
        Duration interval = config.broker().sysInterval();
        if (interval.isNegative() || interval.isZero()) {
            problems.add("SYS_METRICS_BROKER_SYS_INTERVAL is " + interval.toSeconds()
                    + " s; it must be positive (the broker's own SYS_INTERVAL, e.g. 10s)");
        }
        if (config.broker().staleAfterIntervals() < 1) {
            problems.add("SYS_METRICS_BROKER_STALE_AFTER_INTERVALS is "
                    + config.broker().staleAfterIntervals() + "; it must be 1 or more (default 3)");
        }
        String verification = config.broker().tlsHostnameVerification();
        if (!verification.equals("HTTPS") && !verification.equals("NONE")) {
            problems.add("SYS_METRICS_BROKER_TLS_HOSTNAME_VERIFICATION is '" + verification
                    + "'; it must be HTTPS (check the certificate names the host) or NONE");
        }
        Duration initial = config.reconnect().initialDelay();
        Duration max = config.reconnect().maxDelay();
        if (initial.isNegative() || initial.isZero()) {
            problems.add("SYS_METRICS_RECONNECT_INITIAL_DELAY is " + initial + "; it must be positive (default 1s)");
        }
        if (max.compareTo(initial) < 0) {
            problems.add("SYS_METRICS_RECONNECT_MAX_DELAY (" + max + ") must not be shorter than "
                    + "SYS_METRICS_RECONNECT_INITIAL_DELAY (" + initial + ")");
        }
        return problems;
    }
}
