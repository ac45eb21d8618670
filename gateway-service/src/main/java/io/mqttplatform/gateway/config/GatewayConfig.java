package io.mqttplatform.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the gateway. Each key {@code gateway.a.b} is read from the environment variable
 * {@code GATEWAY_A_B}; gateway-service/README.md lists them all.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Broker broker();

    Publish publish();

    Live live();

    Retained retained();

    Auth auth();

    Bench bench();

    /** Benchmark support. */
    interface Bench {
        /** Serve POST /api/v1/bench/noop, the baseline of `make bench` (never enable in production). */
        @WithDefault("false")
        boolean enabled();
    }

    /** The MQTT broker the gateway talks to. */
    interface Broker {
        /** Broker host name or address. */
        @WithDefault("localhost")
        String host();

        /** Broker MQTT/TCP port. */
        @WithDefault("1883")
        int port();

        /** User name for the broker, if it requires one. */
        Optional<String> username();

        /** Password for the broker, if it requires one. */
        Optional<String> password();

        /** Prefix of the gateway's MQTT client id; a random suffix makes it unique per replica. */
        @WithDefault("mqtt-gateway")
        String clientIdPrefix();

        /** Connect with TLS. */
        @WithDefault("false")
        boolean tls();

        /** PEM file of the CA certificates to trust with TLS; unset, the JVM's own. */
        Optional<String> tlsCaFile();

        /** HTTPS (check that the broker's certificate names the host) or NONE. */
        @WithDefault("HTTPS")
        String tlsHostnameVerification();

        /**
         * Base URL of the broker's operations API, its health port (e.g. http://localhost:8889); unset, the gateway's
         * /api/v1/clients and /api/v1/subscriptions answer 501. Mosquitto has no such API.
         */
        Optional<String> adminUrl();

        /** Bearer token for the broker's operations API: the broker's BROKER_ADMIN_TOKEN, when it has one. */
        Optional<String> adminToken();
    }

    /** Publishing through the gateway. */
    interface Publish {
        /** Largest payload accepted, in bytes (larger gets 413). */
        @WithDefault("262144")
        int maxPayloadBytes();

        /** Most messages in one POST /api/v1/messages batch (more gets 413). */
        @WithDefault("1000")
        int maxBatchMessages();

        /** How long to wait for the broker's acknowledgement of a QoS 1 or 2 message before answering 504. */
        @WithDefault("10s")
        Duration ackTimeout();

        /** Seconds sent in Retry-After when the broker is unreachable (503). */
        @WithDefault("5")
        int retryAfterSeconds();
    }

    /** WebSocket and Server-Sent-Events subscribers. */
    interface Live {
        /** Messages buffered per subscriber before the oldest are dropped. */
        @WithDefault("1000")
        int bufferMessages();

        /** Payload bytes buffered per subscriber before the oldest messages are dropped. */
        @WithDefault("4194304")
        long bufferBytes();

        /** Most filters one WebSocket or SSE client may hold. */
        @WithDefault("100")
        int maxFiltersPerClient();

        /** Interval of SSE keep-alive comments (also how soon a vanished SSE client is noticed). */
        @WithDefault("15s")
        Duration sseHeartbeat();
    }

    /** GET /api/v1/retained/{filter}. */
    interface Retained {
        /** The read ends when no retained message arrived for this long after the subscription was acknowledged. */
        @WithDefault("150ms")
        Duration quietPeriod();

        /** The read ends after this long at the latest. */
        @WithDefault("2s")
        Duration maxWait();

        /** Most messages one read returns (the answer says when it was cut). */
        @WithDefault("1000")
        int maxMessages();
    }

    /** API keys. */
    interface Auth {
        /** Require an API key on every /api request (off by default, like mosquitto's allow_anonymous). */
        @WithDefault("false")
        boolean enabled();

        /** JSON file of hashed API keys and their topic filters (required when auth is enabled). */
        Optional<String> keysFile();
    }
}
