package io.mqttplatform.gateway.mqtt;

import io.mqttplatform.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerConnectionTest {

    private static GatewayConfig.Broker tls(String caFile, String verification) {
        return new GatewayConfig.Broker() {
            public String host() {
                return "broker.example";
            }

            public int port() {
                return 8883;
            }

            public Optional<String> username() {
                return Optional.empty();
            }

            public Optional<String> password() {
                return Optional.empty();
            }

            public String clientIdPrefix() {
                return "gw";
            }

            public boolean tls() {
                return true;
            }

            public Optional<String> tlsCaFile() {
                return Optional.ofNullable(caFile);
            }

            public String tlsHostnameVerification() {
                return verification;
            }

            public Optional<String> adminUrl() {
                return Optional.empty();
            }

            public Optional<String> adminToken() {
                return Optional.empty();
            }
        };
    }

    @Test
    void unusableTlsSettingsAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> new BrokerConnection(tls(null, "STRICT")))
                .hasMessage("GATEWAY_BROKER_TLS_HOSTNAME_VERIFICATION is 'STRICT'; it must be HTTPS (check the "
                        + "certificate names the host) or NONE");
        assertThatThrownBy(() -> new BrokerConnection(tls("/nonexistent/ca.pem", "HTTPS")))
                .hasMessageStartingWith("GATEWAY_BROKER_TLS_CA_FILE /nonexistent/ca.pem cannot be used");
    }

    @Test
    void tlsShowsInTheDescription() {
        assertThat(new BrokerConnection(tls(null, "none")).describe()).isEqualTo("TLS broker.example:8883");
    }
}
