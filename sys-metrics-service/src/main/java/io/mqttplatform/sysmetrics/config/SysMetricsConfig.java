package io.mqttplatform.sysmetrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The service's own settings. Each key {@code sys-metrics.a.b} is read from the environment variable
 * {@code SYS_METRICS_A_B}; sys-metrics-service/README.md lists them all, with the broker connection settings that
 * application.properties hands to the MQTT connector.
 */
@ConfigMapping(prefix = "sys-metrics")
public interface SysMetricsConfig {

    Broker broker();

    Reconnect reconnect();

    /**
     * The broker and what the service expects of its {@code $SYS} tree. The connection keys are handed to the MQTT
     * connector in application.properties, where their defaults are.
     */
    interface Broker {
        /** Broker host name or address. */
        String host();

        /** Broker MQTT/TCP port. */
        int port();

        /** User name for the broker, if it requires one. */
        Optional<String> username();

        /** Password for the broker, if it requires one. */
        Optional<String> password();

        /** The exact MQTT client id; unset, the service uses mqtt-sys-metrics- and a random suffix. */
        Optional<String> clientId();

        /** Connect with TLS. */
        boolean tls();

        /** PEM file of the CA certificates to trust with TLS; unset, the JVM's own. */
        Optional<String> tlsCaFile();

        /** HTTPS (check that the certificate names the host) or NONE. */
        String tlsHostnameVerification();

        /**
         * How often the broker publishes {@code $SYS} (its SYS_INTERVAL, mosquitto's sys_interval). The broker
         * counts as down when nothing arrived for {@link #staleAfterIntervals()} of these.
         */
        @WithDefault("10s")
        Duration sysInterval();

        /** How many {@link #sysInterval()}s without any {@code $SYS} update make the values stale. */
        @WithDefault("3")
        int staleAfterIntervals();
    }

    /** Reconnecting after the broker went away: the wait grows from the first delay to the longest. */
    interface Reconnect {
        /** Wait before the first reconnect attempt. */
        @WithDefault("1s")
        Duration initialDelay();

        /** Longest wait between two attempts. */
        @WithDefault("30s")
        Duration maxDelay();
    }
}
