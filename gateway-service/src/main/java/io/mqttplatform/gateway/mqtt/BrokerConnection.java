package io.mqttplatform.gateway.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import io.mqttplatform.gateway.config.GatewayConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/**
 * How every MQTT client of the gateway reaches the broker: host, port, TLS ({@code GATEWAY_BROKER_TLS},
 * {@code GATEWAY_BROKER_TLS_CA_FILE}, {@code GATEWAY_BROKER_TLS_HOSTNAME_VERIFICATION}, named and behaving like
 * sys-metrics-service's settings) and the username and password. One place, so that the live connection and the
 * short-lived retained readers cannot differ.
 */
public final class BrokerConnection {

    private static final List<String> VERIFICATIONS = List.of("HTTPS", "NONE");

    private final GatewayConfig.Broker config;
    private final MqttClientSslConfig ssl;

    /** @throws IllegalArgumentException naming the setting that cannot be used */
    public BrokerConnection(GatewayConfig.Broker config) {
        this.config = config;
        this.ssl = config.tls() ? ssl(config) : null;
    }

    /**
     * A client builder for this broker with the given client identifier and the configured username and password,
     * if any; the caller adds what is its own. The credentials belong on the client, not on a CONNECT: the HiveMQ
     * client's automatic reconnect sends the client's credentials, and a CONNECT's own are sent once only (a gateway
     * that lost a password-protected broker was refused NOT_AUTHORIZED on every reconnect).
     */
    public Mqtt5ClientBuilder builder(String identifier) {
        Mqtt5ClientBuilder builder = MqttClient.builder()
                .useMqttVersion5()
                .identifier(identifier)
                .serverHost(config.host())
                .serverPort(config.port());
        if (config.username().isPresent()) {
            builder = builder.simpleAuth()
                    .username(config.username().get())
                    .password(config.password().orElse("").getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        return ssl == null ? builder : builder.sslConfig(ssl);
    }

    public String describe() {
        return (ssl == null ? "" : "TLS ") + config.host() + ":" + config.port();
    }

    private static MqttClientSslConfig ssl(GatewayConfig.Broker config) {
        String verification = config.tlsHostnameVerification().trim().toUpperCase(java.util.Locale.ROOT);
        if (!VERIFICATIONS.contains(verification)) {
            throw new IllegalArgumentException(
                    "GATEWAY_BROKER_TLS_HOSTNAME_VERIFICATION is '" + config.tlsHostnameVerification()
                            + "'; it must be HTTPS (check the certificate names the host) or NONE");
        }
        MqttClientSslConfigBuilder builder = MqttClientSslConfig.builder();
        if (config.tlsCaFile().isPresent()) {
            builder =
                    builder.trustManagerFactory(trust(Path.of(config.tlsCaFile().get())));
        }
        if (verification.equals("NONE")) {
            builder = builder.hostnameVerifier((host, session) -> true);
        }
        return builder.build();
    }

    private static TrustManagerFactory trust(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(
                        "GATEWAY_BROKER_TLS_CA_FILE " + caFile + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "GATEWAY_BROKER_TLS_CA_FILE " + caFile + " cannot be used: " + e.getMessage(), e);
        }
    }
}
