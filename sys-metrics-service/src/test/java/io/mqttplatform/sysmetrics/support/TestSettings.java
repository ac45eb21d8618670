package io.mqttplatform.sysmetrics.support;

import io.mqttplatform.sysmetrics.config.SysMetricsConfig;

import java.time.Duration;
import java.util.Optional;

/** A {@link SysMetricsConfig} with chosen timing values and defaults for the rest, for unit tests. */
public record TestSettings(
        Duration sysInterval,
        int staleAfterIntervals,
        Duration initialDelay,
        Duration maxDelay,
        String hostnameVerification)
        implements SysMetricsConfig {

    public static TestSettings defaults() {
        return new TestSettings(Duration.ofSeconds(10), 3, Duration.ofSeconds(1), Duration.ofSeconds(30), "HTTPS");
    }

    @Override
    public Broker broker() {
        TestSettings settings = this;
        return new Broker() {
            public String host() {
                return "localhost";
            }

            public int port() {
                return 1883;
            }

            public Optional<String> username() {
                return Optional.empty();
            }

            public Optional<String> password() {
                return Optional.empty();
            }

            public Optional<String> clientId() {
                return Optional.empty();
            }

            public boolean tls() {
                return false;
            }

            public Optional<String> tlsCaFile() {
                return Optional.empty();
            }

            public String tlsHostnameVerification() {
                return settings.hostnameVerification;
            }

            public Duration sysInterval() {
                return settings.sysInterval;
            }

            public int staleAfterIntervals() {
                return settings.staleAfterIntervals;
            }
        };
    }

    @Override
    public Reconnect reconnect() {
        TestSettings settings = this;
        return new Reconnect() {
            public Duration initialDelay() {
                return settings.initialDelay;
            }

            public Duration maxDelay() {
                return settings.maxDelay;
            }
        };
    }
}
